package io.parcours.config;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log-in opens the dashboard and the webapps in one session
 * ({@link DashboardLogInSuccess}), so logging out of Cockpit or Tasklist ends all of it:
 * a rep, who never sees the dashboard's "Log out", leaves nothing logged in behind
 * Tasklist's.
 */
class WebappLogOutEndsSession extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || !EngineCaller.decodedPath(request).endsWith("/logout");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(request, response);
		// after the webapps' own log-out, which checks its CSRF token in the session
		if (response.getStatus() < 300) {
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
			SecurityContextHolder.clearContext();
		}
	}

}
