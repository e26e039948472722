package io.parcours.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start the {@code prod} profile with a missing or well-known password, or
 * together with a profile that creates demo users, before anything touches the database
 * or opens a port.
 */
public class ProductionSafety implements EnvironmentPostProcessor {

	static final Set<String> WELL_KNOWN_PASSWORDS = Set.of("", "admin", "demo", "mia", "sam", "max", "password",
			"changeme", "change-me", "camunda", "postgres", "parcours", "secret", "sa", "123456");

	static final int MINIMUM_LENGTH = 12;

	/** The rules of the engine's default password policy, in words. */
	private static final Map<String, String> POLICY_WORDS = Map.of("PASSWORD_POLICY_LENGTH",
			"at least " + DefaultPasswordPolicyImpl.MIN_LENGTH + " characters", "PASSWORD_POLICY_LOWERCASE",
			"a lower-case letter", "PASSWORD_POLICY_UPPERCASE", "an upper-case letter", "PASSWORD_POLICY_DIGIT",
			"a digit", "PASSWORD_POLICY_SPECIAL", "a character that is no letter or digit");

	/** The profiles that create the demo users ({@code DemoUsers}). */
	static final List<String> DEMO_PROFILES = List.of("local", "test");

	/** How the placeholders of .env.example begin: published, so never a real secret. */
	static final String PLACEHOLDER_PREFIX = "change-this";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.acceptsProfiles(Profiles.of("prod"))) {
			return;
		}
		List<String> problems = new ArrayList<>();
		if (environment.getProperty("spring.datasource.url", "").isBlank()) {
			problems.add("SPRING_DATASOURCE_URL is not set");
		}
		if (environment.getProperty("spring.datasource.username", "").isBlank()) {
			problems.add("SPRING_DATASOURCE_USERNAME is not set");
		}
		String adminUser = environment.getProperty("camunda.bpm.admin-user.id", "");
		String adminPassword = environment.getProperty("camunda.bpm.admin-user.password");
		checkSecret(problems, "PARCOURS_ADMIN_PASSWORD", adminPassword, adminUser);
		checkPolicy(problems, "PARCOURS_ADMIN_PASSWORD", adminPassword);
		if (adminPassword != null && !adminUser.isBlank()
				&& adminPassword.toLowerCase(Locale.ROOT).contains(adminUser.toLowerCase(Locale.ROOT))) {
			// the engine's policy refuses it too, but only once the database is set up
			problems.add("PARCOURS_ADMIN_PASSWORD contains the user's id (" + adminUser
					+ "), which the password policy refuses");
		}
		checkSecret(problems, "SPRING_DATASOURCE_PASSWORD", environment.getProperty("spring.datasource.password"),
				environment.getProperty("spring.datasource.username", ""));
		for (String demoProfile : DEMO_PROFILES) {
			if (environment.acceptsProfiles(Profiles.of(demoProfile))) {
				problems.add("the " + demoProfile + " profile is active too, and it creates demo users with"
						+ " published passwords (mia/mia, sam/sam): start with the prod profile alone");
			}
		}
		if (environment.getProperty("parcours.demo.seed", Boolean.class, false)) {
			problems.add("demo data is switched on (parcours.demo.seed)");
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Refusing to start the prod profile: " + String.join("; ", problems));
		}
	}

	/**
	 * The engine's password policy, on in production for every user ops create or change
	 * in Admin: the administrator's password meets it too, or the engine would refuse to
	 * create the administrator with an error of its own.
	 */
	static void checkPolicy(List<String> problems, String name, String value) {
		if (value == null || value.isBlank()) {
			return;
		}
		List<String> missing = new DefaultPasswordPolicyImpl().getRules()
			.stream()
			.filter(rule -> POLICY_WORDS.containsKey(rule.getPlaceholder()) && !rule.execute(value))
			.map(rule -> POLICY_WORDS.get(rule.getPlaceholder()))
			.toList();
		if (!missing.isEmpty()) {
			problems.add(name + " does not meet the password policy: it needs " + String.join(", ", missing));
		}
	}

	static void checkSecret(List<String> problems, String name, String value, String userName) {
		if (value == null || value.isBlank()) {
			problems.add(name + " is not set");
		}
		else if (WELL_KNOWN_PASSWORDS.contains(value.toLowerCase(Locale.ROOT)) || value.equalsIgnoreCase(userName)) {
			problems.add(name + " is a default or well-known password");
		}
		else if (value.toLowerCase(Locale.ROOT).startsWith(PLACEHOLDER_PREFIX)) {
			problems.add(name + " is still the placeholder of .env.example: set a real password");
		}
		else if (value.length() < MINIMUM_LENGTH) {
			problems.add(name + " is shorter than " + MINIMUM_LENGTH + " characters");
		}
	}

}
