package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class ProductionSafetyTests {

	ProductionSafety safety = new ProductionSafety();

	@Test
	void prodRefusesToStartWithADefaultAdminPassword() {
		MockEnvironment environment = prod("admin", "demo", "Strong-db-pass-2026");

		assertThatThrownBy(() -> safety.postProcessEnvironment(environment, new SpringApplication()))
			.hasMessageContaining("PARCOURS_ADMIN_PASSWORD is a default or well-known password");
	}

	@Test
	void prodRefusesToStartWithoutADatabasePassword() {
		MockEnvironment environment = prod("admin", "A-long-ops-secret-26!", "");

		assertThatThrownBy(() -> safety.postProcessEnvironment(environment, new SpringApplication()))
			.hasMessageContaining("SPRING_DATASOURCE_PASSWORD is not set");
	}

	@Test
	void prodRefusesThePlaceholdersOfTheEnvExample() {
		MockEnvironment environment = prod("admin", "change-this-admin-password", "change-this-database-password");

		assertThatThrownBy(() -> safety.postProcessEnvironment(environment, new SpringApplication()))
			.hasMessageContaining("PARCOURS_ADMIN_PASSWORD is still the placeholder of .env.example")
			.hasMessageContaining("SPRING_DATASOURCE_PASSWORD is still the placeholder");
	}

	@Test
	void prodNamesEveryMissingSettingAtOnce() {
		MockEnvironment environment = prod("admin", "", "").withProperty("spring.datasource.url", "")
			.withProperty("spring.datasource.username", "");

		assertThatThrownBy(() -> safety.postProcessEnvironment(environment, new SpringApplication()))
			.hasMessageContaining("SPRING_DATASOURCE_URL is not set")
			.hasMessageContaining("SPRING_DATASOURCE_USERNAME is not set")
			.hasMessageContaining("PARCOURS_ADMIN_PASSWORD is not set")
			.hasMessageContaining("SPRING_DATASOURCE_PASSWORD is not set");
	}

	@Test
	void prodRefusesAPasswordEqualToTheUserName() {
		MockEnvironment environment = prod("opsadministrator", "opsadministrator", "Strong-db-pass-2026");

		assertThatThrownBy(() -> safety.postProcessEnvironment(environment, new SpringApplication()))
			.hasMessageContaining("PARCOURS_ADMIN_PASSWORD is a default");
	}

	/** The engine's policy refuses it too, but only once it has set up the database. */
	@Test
	void prodRefusesAnAdminPasswordHoldingTheUsersId() {
		MockEnvironment environment = prod("admin", "MyAdmin-2026-pw!", "Strong-db-pass-2026");

		assertThatThrownBy(() -> safety.postProcessEnvironment(environment, new SpringApplication()))
			.hasMessageContaining("PARCOURS_ADMIN_PASSWORD contains the user's id (admin)");
	}

	@Test
	void prodRefusesShortPasswords() {
		MockEnvironment environment = prod("admin", "Short-1", "Strong-db-pass-2026");

		assertThatThrownBy(() -> safety.postProcessEnvironment(environment, new SpringApplication()))
			.hasMessageContaining("shorter than 12");
	}

	/** The engine would refuse to create the administrator, in its own words. */
	@Test
	void prodRefusesAnAdminPasswordOutsideTheEnginesPolicy() {
		MockEnvironment environment = prod("admin", "correct horse battery staple", "Strong-db-pass-2026");

		assertThatThrownBy(() -> safety.postProcessEnvironment(environment, new SpringApplication()))
			.hasMessageContaining("PARCOURS_ADMIN_PASSWORD does not meet the password policy: it needs an upper-case"
					+ " letter, a digit");
	}

	@Test
	void prodStartsWithStrongSecrets() {
		assertThatCode(
				() -> safety.postProcessEnvironment(prod("admin", "A-long-ops-secret-26!", "Strong-db-pass-2026"),
						new SpringApplication()))
			.doesNotThrowAnyException();
	}

	@Test
	void prodRefusesToStartWithAProfileThatCreatesDemoUsers() {
		for (String demo : List.of("local", "test")) {
			MockEnvironment environment = prod("admin", "A-long-ops-secret-26!", "Strong-db-pass-2026");
			environment.setActiveProfiles(demo, "prod");

			assertThatThrownBy(() -> safety.postProcessEnvironment(environment, new SpringApplication()))
				.hasMessageContaining("the " + demo + " profile is active too")
				.hasMessageContaining("start with the prod profile alone");
		}
	}

	@Test
	void otherProfilesAreNotChecked() {
		MockEnvironment local = new MockEnvironment().withProperty("camunda.bpm.admin-user.password", "demo");
		local.setActiveProfiles("local");

		assertThatCode(() -> safety.postProcessEnvironment(local, new SpringApplication())).doesNotThrowAnyException();
	}

	static MockEnvironment prod(String adminUser, String adminPassword, String databasePassword) {
		MockEnvironment environment = new MockEnvironment().withProperty("camunda.bpm.admin-user.id", adminUser)
			.withProperty("camunda.bpm.admin-user.password", adminPassword)
			.withProperty("spring.datasource.url", "jdbc:postgresql://db/parcours")
			.withProperty("spring.datasource.username", "parcours")
			.withProperty("spring.datasource.password", databasePassword);
		environment.setActiveProfiles("prod");
		return environment;
	}

}
