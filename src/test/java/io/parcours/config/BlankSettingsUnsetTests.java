package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.SystemEnvironmentPropertySourceEnvironmentPostProcessor;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class BlankSettingsUnsetTests {

	@Test
	void aSettingSetToNothingKeepsItsDefaultAndTheOthersAreRead() {
		Map<String, Object> variables = new HashMap<>();
		variables.put("PARCOURS_TIME_COMPRESSION", "");
		variables.put("PARCOURS_HOT_THRESHOLD", "  ");
		variables.put("PARCOURS_NURTURE_INTERVAL", "P5D");
		variables.put("OTHER_TOOL_SETTING", "");
		StandardEnvironment environment = environmentWith(variables);

		new SystemEnvironmentPropertySourceEnvironmentPostProcessor().postProcessEnvironment(environment,
				new SpringApplication());
		new BlankSettingsUnset().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("parcours.time-compression")).isEqualTo("1");
		assertThat(environment.getProperty("parcours.hot-threshold")).isEqualTo("100");
		assertThat(environment.getProperty("parcours.nurture-interval")).isEqualTo("P5D");
		assertThat(environment.getProperty("OTHER_TOOL_SETTING")).as("not ours: left as it is").isEmpty();
		assertThat(environment.getPropertySources().get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME))
			.as("still read as environment variables (relaxed names, origins)")
			.isInstanceOf(SystemEnvironmentPropertySource.class);
	}

	@Test
	void environmentVariablesWithoutBlankSettingsAreLeftAlone() {
		StandardEnvironment environment = environmentWith(Map.of("PARCOURS_HOT_THRESHOLD", "80"));
		Object before = environment.getPropertySources()
			.get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);

		new BlankSettingsUnset().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getPropertySources().get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME))
			.isSameAs(before);
		assertThat(environment.getProperty("parcours.hot-threshold")).isEqualTo("80");
	}

	/** The variables, and settings read from them as application.yaml reads them. */
	private static StandardEnvironment environmentWith(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		environment.getPropertySources()
			.addLast(new MapPropertySource("application.yaml",
					Map.of("parcours.time-compression", "${PARCOURS_TIME_COMPRESSION:1}", "parcours.hot-threshold",
							"${PARCOURS_HOT_THRESHOLD:100}", "parcours.nurture-interval",
							"${PARCOURS_NURTURE_INTERVAL:P3D}")));
		return environment;
	}

}
