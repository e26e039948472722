package io.parcours.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A log-in kept in a session (the dashboard's) holds the user and their groups as they
 * were when they logged in. Ops changing them in Admin takes effect within a short while,
 * as for HTTP Basic: every few seconds the session's user is checked again, and a user
 * deleted, whose password was changed, or whose groups changed since is logged out (the
 * session ends; the request goes on as not logged in: the log-in page, or 401 on the
 * API).
 */
class SessionLogInRecheck extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(SessionLogInRecheck.class);

	private static final String CHECKED_AT = SessionLogInRecheck.class.getName() + ".checkedAt";

	private static final String PASSWORD = SessionLogInRecheck.class.getName() + ".password";

	private final IdentityService identity;

	private final JdbcClient jdbc;

	private final Duration interval;

	private final Clock clock;

	SessionLogInRecheck(IdentityService identity, JdbcClient jdbc, Duration interval, Clock clock) {
		this.identity = identity;
		this.jdbc = jdbc;
		this.interval = interval;
		this.clock = clock;
	}

	/** At log-in: the password the session's later checks compare with. */
	void remember(HttpServletRequest request, String userId) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			passwordOf(userId).ifPresent(password -> session.setAttribute(PASSWORD, password));
			session.setAttribute(CHECKED_AT, clock.instant());
		}
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		Authentication user = SecurityContextHolder.getContext().getAuthentication();
		if (session != null && user != null && user.isAuthenticated() && !(user instanceof AnonymousAuthenticationToken)
				&& due(session) && changedSince(session, user)) {
			log.info("Session of user {} ended: the user, their password or their groups changed since the log-in",
					user.getName());
			session.invalidate();
			SecurityContextHolder.clearContext();
		}
		chain.doFilter(request, response);
	}

	private boolean due(HttpSession session) {
		Instant checkedAt = (Instant) session.getAttribute(CHECKED_AT);
		return checkedAt == null || !clock.instant().isBefore(checkedAt.plus(interval));
	}

	private boolean changedSince(HttpSession session, Authentication user) {
		Optional<String> password = passwordOf(user.getName());
		Object atLogIn = session.getAttribute(PASSWORD);
		Set<String> groups = groupsOf(EngineIdentityAuthenticationProvider.withGroups(identity, user.getName()));
		Set<String> groupsAtLogIn = groupsOf(user);
		if (password.isEmpty() || atLogIn != null && !atLogIn.equals(password.get()) || !groups.equals(groupsAtLogIn)) {
			return true;
		}
		session.setAttribute(PASSWORD, password.get());
		session.setAttribute(CHECKED_AT, clock.instant());
		return false;
	}

	private static Set<String> groupsOf(Authentication user) {
		return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
	}

	/** A fingerprint of the user's stored password hash; empty for no such user. */
	private Optional<String> passwordOf(String userId) {
		return jdbc.sql("select PWD_, SALT_ from ACT_ID_USER where ID_ = ?")
			.param(userId)
			.query((row, n) -> fingerprint(row.getString(1) + "\u0000" + row.getString(2)))
			.optional();
	}

	private static String fingerprint(String stored) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(stored.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
		}
	}

}
