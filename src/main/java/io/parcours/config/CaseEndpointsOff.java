package io.parcours.config;

import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
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
 * not exist: the engine REST API's case resources, and queries filtering by a case
 * ({@code ?caseDefinitionKey=}), would answer every caller with a 500 and a stack trace
 * in the log. A query of cases finds none (an empty list, a count of 0), any other case
 * resource answers 404, and a filter by case 400 naming it.
 */
class CaseEndpointsOff extends OncePerRequestFilter {

	/** A case resource, after the REST API's mount point and an optional engine name. */
	private static final Pattern CASE_RESOURCE = Pattern
		.compile("^(?:/engine-rest|/camunda/api/engine/engine/[^/]+)(?:/engine/[^/]+)?/(?:history/)?case-");

	/**
	 * A query of a case collection or its count: {@code /case-definition},
	 * {@code /history/case-instance/count}.
	 */
	private static final Pattern CASE_QUERY = Pattern.compile(CASE_RESOURCE.pattern() + "[a-z-]+(/count)?/?$");

	/** A query's filter by case: caseDefinitionKey, caseInstanceId, caseExecutionId... */
	private static final Pattern CASE_FILTER = Pattern.compile("^case[A-Z].*");

	private final ObjectMapper mapper;

	CaseEndpointsOff(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (EngineCaller.isMissingWebappLogin(request)) {
			chain.doFilter(request, response);
			return;
		}
		String path = EngineCaller.decodedPath(request);
		Matcher query = CASE_QUERY.matcher(path);
		if (query.find() && isQuery(request)) {
			// Cockpit's dashboard counts case definitions beside processes and shows none
			// of its figures when that count fails: there are none, and that is the
			// answer
			response.setStatus(HttpServletResponse.SC_OK);
			response.setContentType("application/json");
			response.getWriter().write(query.group(1) != null ? "{\"count\":0}" : "[]");
			return;
		}
		if (CASE_RESOURCE.matcher(path).find()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					"Parcours runs no cases: CMMN is switched off, its resources do not exist.");
			problem.setTitle("Not found");
			ProblemResponses.write(request, response, mapper, problem);
			return;
		}
		Optional<String> filter = caseFilterIn(request.getQueryString());
		HttpServletRequest passed = request;
		if (filter.isEmpty() && "POST".equals(request.getMethod()) && EngineTextLengthFilter.isJson(request)) {
			byte[] body = request.getInputStream().readAllBytes();
			filter = caseFilterIn(body);
			passed = new CachedBodyRequest(request, body);
		}
		if (filter.isPresent()) {
			ProblemResponses.write(request, response, mapper, ApiProblems.invalid(List
				.of(new FieldProblem(filter.get(), "filters by a case, and Parcours runs no cases (CMMN is off)"))));
			return;
		}
		chain.doFilter(passed, response);
	}

	/**
	 * A read: GET, or POST with a JSON query as the history resources take it (a POST to
	 * {@code /case-instance} itself is no query, and {@code /create} not a collection).
	 */
	private static boolean isQuery(HttpServletRequest request) {
		return "GET".equals(request.getMethod())
				|| "POST".equals(request.getMethod()) && request.getRequestURI().contains("/history/");
	}

	private Optional<String> caseFilterIn(byte[] body) {
		try {
			JsonNode query = mapper.readTree(body);
			if (query == null || !query.isObject()) {
				return Optional.empty();
			}
			for (Iterator<String> names = query.fieldNames(); names.hasNext();) {
				String name = names.next();
				if (CASE_FILTER.matcher(name).matches() && filters(query.get(name))) {
					return Optional.of(name);
				}
			}
		}
		catch (IOException notJson) {
			// the engine answers that
		}
		return Optional.empty();
	}

	/**
	 * Whether a filter's value filters anything: Tasklist sends
	 * {@code "caseInstanceVariables": []} with every list of its filters.
	 */
	private static boolean filters(JsonNode value) {
		return value != null && !value.isNull() && !(value.isContainerNode() && value.isEmpty())
				&& !(value.isTextual() && value.asText().isEmpty());
	}

	/**
	 * A query string's filters by case with a value, read without parsing a form or
	 * multipart body.
	 */
	private static Optional<String> caseFilterIn(String queryString) {
		if (queryString == null) {
			return Optional.empty();
		}
		return Arrays.stream(queryString.split("&"))
			.map(parameter -> parameter.split("=", 2))
			.filter(parameter -> CASE_FILTER.matcher(parameter[0]).matches() && parameter.length == 2
					&& !parameter[1].isEmpty())
			.map(parameter -> parameter[0])
			.findFirst();
	}

}
