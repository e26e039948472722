package io.parcours.config;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * A log-in form left open until its session ended, or "Log out" clicked after it ended,
 * carries a CSRF token that no longer counts: the person is shown the log-in page again,
 * not a refusal written for API clients. A "Log out" with a token that does not count
 * (clicked in a tab older than the log-in of another tab) ends the session all the same:
 * the page says "signed out", and so it is.
 */
final class StaleLogInForms implements AccessDeniedHandler {

	private static final RequestMatcher LOG_OUT = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, "/logout");

	static final RequestMatcher LOG_IN_OR_OUT = new OrRequestMatcher(
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login"), LOG_OUT);

	private final AccessDeniedHandler otherwise = new AccessDeniedHandlerImpl();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException, jakarta.servlet.ServletException {
		if (!(denied instanceof CsrfException)) {
			otherwise.handle(request, response, denied);
			return;
		}
		if (LOG_OUT.matches(request)) {
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
			SecurityContextHolder.clearContext();
			response.sendRedirect(request.getContextPath() + "/login?logout");
			return;
		}
		response.sendRedirect(request.getContextPath() + "/login");
	}

}
