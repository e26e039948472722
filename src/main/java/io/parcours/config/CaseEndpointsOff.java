package io.parcours.config;

import java.io.IOException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CMMN is switched off (the engine applies no authorizations to cases), so its tables do
 * not exist: the engine REST API's case resources would answer every caller with a 500
 * and a stack trace in the log. They answer 404 instead.
 */
class CaseEndpointsOff extends OncePerRequestFilter {

	/** A case resource, after the REST API's mount point and an optional engine name. */
	private static final Pattern CASE_RESOURCE = Pattern
		.compile("^(?:/engine-rest|/camunda/api/engine/engine/[^/]+)(?:/engine/[^/]+)?/(?:history/)?case-");

	private final ObjectMapper mapper;

	CaseEndpointsOff(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!CASE_RESOURCE.matcher(path).find()) {
			chain.doFilter(request, response);
			return;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"Parcours runs no cases: CMMN is switched off, its resources do not exist.");
		problem.setTitle("Not found");
		ProblemResponses.write(request, response, mapper, problem);
	}

}
