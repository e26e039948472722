package io.parcours.config;

import static org.springframework.security.config.Customizer.withDefaults;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may call what. Our API uses HTTP Basic against the engine's users; the engine REST
 * API is guarded by Camunda's own filter (same users); the Camunda webapps keep their own
 * log-in and CSRF protection; provider webhooks are public and verify the provider's
 * signature themselves.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, DatabaseUnavailableFilter databaseUnavailable) throws Exception {
		return http.securityMatcher("/api/**")
			.addFilterBefore(databaseUnavailable, BasicAuthenticationFilter.class)
			.authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, "/api/contacts/*")
				.hasAnyAuthority(Groups.OPS, Groups.MARKETING, Groups.SALES)
				.anyRequest()
				.hasAnyAuthority(Groups.OPS, Groups.MARKETING))
			.httpBasic(withDefaults())
			// a stateless API authenticated on every request: no session, so no CSRF
			// exposure
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain everythingElse(HttpSecurity http, DatabaseUnavailableFilter databaseUnavailable)
			throws Exception {
		return http.addFilterBefore(databaseUnavailable, BasicAuthenticationFilter.class)
			.authorizeHttpRequests(
					requests -> requests.requestMatchers("/engine-rest/**", "/camunda/**", "/webhooks/**")
						.permitAll()
						.requestMatchers("/", "/error", "/actuator/health", "/actuator/health/**")
						.permitAll()
						.anyRequest()
						.authenticated())
			.httpBasic(withDefaults())
			.csrf(csrf -> csrf.ignoringRequestMatchers("/engine-rest/**", "/camunda/**", "/webhooks/**"))
			.headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
			.build();
	}

	/** Checking credentials reads the database: an outage there is a 503, not a 500. */
	@Bean
	DatabaseUnavailableFilter databaseUnavailableFilter(ObjectMapper mapper,
			@Value("${parcours.api.retry-after-seconds:10}") long retryAfterSeconds) {
		return new DatabaseUnavailableFilter(mapper, retryAfterSeconds);
	}

	/** Used only inside the security chains, not as a servlet filter of its own. */
	@Bean
	FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilterRegistration(
			DatabaseUnavailableFilter filter) {
		FilterRegistrationBean<DatabaseUnavailableFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setEnabled(false);
		return registration;
	}

	/**
	 * The engine REST API is open by default: require HTTP Basic against the engine's
	 * users.
	 */
	@Bean
	FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
		FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration = new FilterRegistrationBean<>(
				new ProcessEngineAuthenticationFilter());
		registration.setName("engine-rest-authentication");
		registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
		registration.addUrlPatterns("/engine-rest/*");
		registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
		return registration;
	}

}
