package io.parcours.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.SystemEnvironmentPropertySourceEnvironmentPostProcessor;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * A {@code PARCOURS_*} environment variable set to nothing
 * ({@code PARCOURS_HOT_THRESHOLD=} in an {@code .env} file) counts as not set: the
 * setting keeps its default, as docker-compose's {@code ${VAR:-default}} reads it, rather
 * than the application failing to start on an empty number deep in a stack trace.
 */
public class BlankSettingsUnset implements EnvironmentPostProcessor, Ordered {

	static final String PREFIX = "PARCOURS_";

	@Override
	public int getOrder() {
		// after Spring Boot has made the environment variables a source that knows their
		// origin, before anything reads a setting
		return SystemEnvironmentPropertySourceEnvironmentPostProcessor.DEFAULT_ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String name = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
		if (environment.getPropertySources().get(name) instanceof SystemEnvironmentPropertySource variables
				&& variables.getSource().entrySet().stream().anyMatch(BlankSettingsUnset::blankSetting)) {
			environment.getPropertySources().replace(name, new WithoutBlankSettings(variables));
		}
	}

	private static boolean blankSetting(Map.Entry<String, Object> variable) {
		return variable.getKey().startsWith(PREFIX) && String.valueOf(variable.getValue()).isBlank();
	}

	private static Map<String, Object> withoutBlankSettings(Map<String, Object> variables) {
		Map<String, Object> kept = new LinkedHashMap<>(variables);
		kept.entrySet().removeIf(BlankSettingsUnset::blankSetting);
		return kept;
	}

	/**
	 * The environment variables less the blank settings, each still naming its origin.
	 */
	static final class WithoutBlankSettings extends SystemEnvironmentPropertySource implements OriginLookup<String> {

		private final PropertySource<?> variables;

		WithoutBlankSettings(SystemEnvironmentPropertySource variables) {
			super(variables.getName(), withoutBlankSettings(variables.getSource()));
			this.variables = variables;
		}

		@Override
		@SuppressWarnings("unchecked")
		public Origin getOrigin(String key) {
			return variables instanceof OriginLookup<?> lookup ? ((OriginLookup<String>) lookup).getOrigin(key) : null;
		}

		@Override
		public boolean isImmutable() {
			return true;
		}

	}

}
