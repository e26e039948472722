package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Credentials are checked against a real in-memory engine's users; a successful check is
 * remembered for a while, a failed one never.
 */
class EngineIdentityAuthenticationProviderTests {

	private static ProcessEngine engine;

	private final AtomicLong nanos = new AtomicLong();

	private IdentityService identity;

	private EngineIdentityAuthenticationProvider provider;

	@BeforeAll
	static void startEngine() {
		engine = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
			.setJdbcUrl("jdbc:h2:mem:identity-tests;DB_CLOSE_DELAY=-1")
			.setJobExecutorActivate(false)
			.buildProcessEngine();
	}

	@AfterAll
	static void stopEngine() {
		engine.close();
	}

	@BeforeEach
	void ana() {
		identity = engine.getIdentityService();
		identity.createUserQuery().list().forEach(user -> identity.deleteUser(user.getId()));
		identity.createGroupQuery().list().forEach(group -> identity.deleteGroup(group.getId()));
		User ana = identity.newUser("ana");
		ana.setPassword("first-secret");
		identity.saveUser(ana);
		Group marketing = identity.newGroup("marketing");
		identity.saveGroup(marketing);
		identity.createMembership("ana", "marketing");
		provider = new EngineIdentityAuthenticationProvider(identity, Duration.ofSeconds(10), nanos::get);
	}

	@Test
	void grantsOneAuthorityPerEngineGroup() {
		Authentication authenticated = provider.authenticate(credentials("ana", "first-secret"));

		assertThat(authenticated.isAuthenticated()).isTrue();
		assertThat(authenticated.getName()).isEqualTo("ana");
		assertThat(authenticated.getCredentials()).isNull();
		assertThat(authenticated.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactly("marketing");
	}

	@Test
	void refusesWrongPasswordsAndUnknownUsers() {
		assertThatThrownBy(() -> provider.authenticate(credentials("ana", "guess")))
			.isInstanceOf(BadCredentialsException.class);
		assertThatThrownBy(() -> provider.authenticate(credentials("bob", "first-secret")))
			.isInstanceOf(BadCredentialsException.class);
	}

	@Test
	void aSuccessfulCheckIsRememberedOnlyForItsCredentialsAndOnlyForAWhile() {
		provider.authenticate(credentials("ana", "first-secret"));
		User ana = identity.createUserQuery().userId("ana").singleResult();
		ana.setPassword("second-secret");
		identity.saveUser(ana);

		nanos.addAndGet(Duration.ofSeconds(9).toNanos());
		assertThat(provider.authenticate(credentials("ana", "first-secret")).isAuthenticated()).isTrue();
		assertThat(provider.authenticate(credentials("ana", "second-secret")).isAuthenticated()).isTrue();
		assertThatThrownBy(() -> provider.authenticate(credentials("ana", "first-secret-")))
			.isInstanceOf(BadCredentialsException.class);

		nanos.addAndGet(Duration.ofSeconds(2).toNanos());
		assertThatThrownBy(() -> provider.authenticate(credentials("ana", "first-secret")))
			.isInstanceOf(BadCredentialsException.class);
	}

	@Test
	void aFailedCheckIsNeverRemembered() {
		assertThatThrownBy(() -> provider.authenticate(credentials("ana", "second-secret")))
			.isInstanceOf(BadCredentialsException.class);
		User ana = identity.createUserQuery().userId("ana").singleResult();
		ana.setPassword("second-secret");
		identity.saveUser(ana);
		// past the engine's own lock-out after a wrong password
		ClockUtil.offset(Duration.ofMinutes(1).toMillis());

		assertThat(provider.authenticate(credentials("ana", "second-secret")).isAuthenticated()).isTrue();
	}

	@AfterEach
	void realTime() {
		ClockUtil.reset();
	}

	private static Authentication credentials(String user, String password) {
		return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
	}

}
