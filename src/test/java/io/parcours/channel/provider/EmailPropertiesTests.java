package io.parcours.channel.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * A node without a usable email sender does not start, and says which setting is wrong.
 */
class EmailPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(WithEmailProperties.class);

	@Test
	void aSenderAddressIsAccepted() {
		runner.withPropertyValues("parcours.email.from=hello@example.com")
			.run(context -> assertThat(context.getBean(EmailProperties.class).from()).isEqualTo("hello@example.com"));
	}

	@Test
	void anEmptySenderStopsTheStartNamingTheSetting() {
		runner.withPropertyValues("parcours.email.from=")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("parcours.email.from")
				.hasMessageContaining("must not be blank"));
	}

	@Test
	void aSenderThatIsNoAddressStopsTheStart() {
		runner.withPropertyValues("parcours.email.from=Parcours")
			.run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("parcours.email.from"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(EmailProperties.class)
	static class WithEmailProperties {

	}

}
