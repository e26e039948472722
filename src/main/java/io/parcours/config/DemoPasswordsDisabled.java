package io.parcours.config;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * A database the local profile ran on holds its demo users, whose passwords the README
 * publishes (demo/demo is an administrator). In production each one still having its
 * published password is disabled at start: its password is replaced by a random one, said
 * in the log; ops set a new one in Admin if the user is a real person.
 */
@Component
@Profile("prod")
class DemoPasswordsDisabled extends AbstractCamundaConfiguration {

	private static final Logger log = LoggerFactory.getLogger(DemoPasswordsDisabled.class);

	/** The local profile's users, each with its id as password. */
	static final List<String> DEMO_USERS = List.of("demo", "mia", "sam", "max");

	private final SecureRandom random = new SecureRandom();

	private final List<String> demoUsers;

	DemoPasswordsDisabled() {
		this(DEMO_USERS);
	}

	DemoPasswordsDisabled(List<String> demoUsers) {
		this.demoUsers = demoUsers;
	}

	@Override
	public void postProcessEngineBuild(ProcessEngine engine) {
		IdentityService identity = engine.getIdentityService();
		var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
		for (String id : demoUsers) {
			User user = identity.createUserQuery().userId(id).singleResult();
			if (user instanceof UserEntity entity && hasPublishedPassword(configuration, entity)) {
				user.setPassword(randomPassword());
				identity.saveUser(user);
				log.warn(
						"Demo user '{}' still had its published password: disabled (password replaced by a random one)."
								+ " Set a new password in Camunda Admin if this user is a real person.",
						id);
			}
		}
	}

	private static boolean hasPublishedPassword(ProcessEngineConfigurationImpl configuration, UserEntity user) {
		String salted = EncryptionUtil.saltPassword(user.getId(), user.getSalt());
		return configuration.getPasswordManager().check(salted, user.getPassword());
	}

	private String randomPassword() {
		byte[] bytes = new byte[24];
		random.nextBytes(bytes);
		// letters of both cases, a digit and a sign, whatever the random part: the policy
		// holds
		return "Aa1!" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
