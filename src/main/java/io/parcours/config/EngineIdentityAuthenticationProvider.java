package io.parcours.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks API credentials against the engine's users, the ones ops manage in Camunda
 * Admin, and grants one authority per engine group.
 * <p>
 * Importers and providers send the same Basic credentials with every request, and
 * checking them costs two engine queries and a password hash: a successful check is
 * remembered for a short while (a salted digest of the credentials, never the password),
 * so a password changed or a user removed in Admin takes effect after at most that long.
 * Failed checks are never remembered.
 */
@Component
class EngineIdentityAuthenticationProvider implements AuthenticationProvider {

	private final IdentityService identityService;

	private final Cache<String, Authentication> recentlyChecked;

	private final byte[] salt = new byte[16];

	@Autowired
	EngineIdentityAuthenticationProvider(IdentityService identityService,
			@Value("${parcours.security.remember-credentials-for:10s}") Duration rememberFor) {
		this(identityService, rememberFor, Ticker.systemTicker());
	}

	EngineIdentityAuthenticationProvider(IdentityService identityService, Duration rememberFor, Ticker ticker) {
		this.identityService = identityService;
		this.recentlyChecked = Caffeine.newBuilder()
			.expireAfterWrite(rememberFor)
			.maximumSize(10_000)
			.ticker(ticker)
			.build();
		new SecureRandom().nextBytes(salt);
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String userId = authentication.getName();
		Object password = authentication.getCredentials();
		if (userId == null || password == null) {
			throw new BadCredentialsException("Bad credentials");
		}
		String key = digest(userId, password.toString());
		Authentication known = recentlyChecked.getIfPresent(key);
		if (known != null) {
			return known;
		}
		Authentication checked = check(userId, password.toString());
		recentlyChecked.put(key, checked);
		return checked;
	}

	private Authentication check(String userId, String password) {
		if (!identityService.checkPassword(userId, password)) {
			throw new BadCredentialsException("Bad credentials");
		}
		return withGroups(identityService, userId);
	}

	/** The user, authenticated, with their groups in Camunda Admin as authorities. */
	static Authentication withGroups(IdentityService identity, String userId) {
		List<SimpleGrantedAuthority> authorities = identity.createGroupQuery()
			.groupMember(userId)
			.list()
			.stream()
			.map(Group::getId)
			.map(SimpleGrantedAuthority::new)
			.toList();
		return UsernamePasswordAuthenticationToken.authenticated(userId, null, authorities);
	}

	private String digest(String userId, String password) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(salt);
			sha256.update(userId.getBytes(StandardCharsets.UTF_8));
			sha256.update((byte) 0);
			sha256.update(password.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(sha256.digest());
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
