package io.parcours.config;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A link in Tasklist (the rep's form links the lead's contact) opens within the Tasklist
 * log-in: a read of the API ({@code GET}) that brings no credentials of its own is made
 * as the user logged in to the Camunda webapps in the same session, with their groups as
 * they are now, for that request only. Writes still need the API's own credentials (and
 * the dashboard's CSRF token), so a page elsewhere cannot act through the session.
 */
class WebappLogInForReads extends OncePerRequestFilter {

	private static final String ENGINE = "default";

	private final IdentityService identity;

	WebappLogInForReads(IdentityService identity) {
		this.identity = identity;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<Authentication> webapp = isAnonymousRead(request) ? webappUser(request) : Optional.empty();
		if (webapp.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		SecurityContext before = SecurityContextHolder.getContext();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(webapp.get());
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.setContext(before);
		}
	}

	private static boolean isAnonymousRead(HttpServletRequest request) {
		if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())
				|| request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
			return false;
		}
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		return current == null || current instanceof AnonymousAuthenticationToken;
	}

	private Optional<Authentication> webappUser(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return Optional.empty();
		}
		return AuthenticationUtil.getAuthsFromSession(session)
			.getAuthentications()
			.stream()
			.filter(user -> ENGINE.equals(user.getProcessEngineName()))
			.map(UserAuthentication::getIdentityId)
			.filter(userId -> userId != null && identity.createUserQuery().userId(userId).count() > 0)
			.findFirst()
			.map(userId -> EngineIdentityAuthenticationProvider.withGroups(identity, userId));
	}

}
