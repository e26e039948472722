package io.parcours.config;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 with {@code Retry-After} when the database is unreachable before a
 * controller runs: checking an API caller's password reads the engine's users, so an
 * outage first shows up in authentication, outside the reach of {@link ApiProblems}.
 */
class DatabaseUnavailableFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

	private final ObjectMapper mapper;

	private final long retryAfterSeconds;

	DatabaseUnavailableFilter(ObjectMapper mapper, long retryAfterSeconds) {
		this.mapper = mapper;
		this.retryAfterSeconds = retryAfterSeconds;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException ex) {
			if (!DatabaseUnavailable.causedBy(ex) || response.isCommitted()) {
				throw ex;
			}
			log.warn("{}, answering 503 to {} {}: {}", DatabaseUnavailable.kind(ex), request.getMethod(),
					request.getRequestURI(), ex.toString());
			ProblemDetail problem = DatabaseUnavailable.problem(ex, request.getRequestURI());
			response.resetBuffer();
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
			ProblemResponses.write(request, response, mapper, problem);
		}
	}

}
