package io.parcours.config;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * The API's 401 and 403 in the API's format ({@code application/problem+json}), like
 * every other refusal; 401 keeps the Basic challenge.
 */
final class ApiSecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final ObjectMapper mapper;

	ApiSecurityProblems(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
			throws IOException {
		// the dashboard's own calls (its session ended) get no challenge: the browser
		// would pop its Basic sign-in dialog over the page, which sends to the log-in
		// page
		if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Parcours\"");
		}
		write(request, response, HttpStatus.UNAUTHORIZED, "Authentication required",
				"Send the HTTP Basic credentials of a Parcours user (the engine's users, managed in Camunda Admin).");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		if (denied instanceof CsrfException) {
			write(request, response, HttpStatus.FORBIDDEN, "CSRF token missing or invalid",
					"A change made within a dashboard session must carry the session's CSRF token (in the header "
							+ "GET /api/me names, X-CSRF-TOKEN); API clients send HTTP Basic credentials instead.");
			return;
		}
		write(request, response, HttpStatus.FORBIDDEN, "Forbidden",
				"The groups of user '"
						+ (request.getUserPrincipal() == null ? "" : request.getUserPrincipal().getName())
						+ "' do not allow " + request.getMethod() + " " + request.getRequestURI() + ".");
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
			String detail) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		ProblemResponses.write(request, response, mapper, problem);
	}

}
