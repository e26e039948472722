package io.parcours.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.util.MultiValueMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The engine REST API hands a negative {@code firstResult} or {@code maxResults} to the
 * database, which fails: a 500 and a stack trace in the log for a caller's typo. Refused
 * with 400 naming the parameter instead.
 */
class PagingParameters extends OncePerRequestFilter {

	private static final List<String> PARAMETERS = List.of("firstResult", "maxResults");

	private final ObjectMapper mapper;

	PagingParameters(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// the query string only: reading parameters would read a form's or a deployment's
		// body before the engine does
		MultiValueMap<String, String> query = UriComponentsBuilder
			.fromUriString("?" + Objects.requireNonNullElse(request.getQueryString(), ""))
			.build()
			.getQueryParams();
		List<FieldProblem> problems = new ArrayList<>();
		for (String name : PARAMETERS) {
			for (String value : query.getOrDefault(name, List.of())) {
				if (value != null && isNegativeNumber(UriUtils.decode(value, StandardCharsets.UTF_8))) {
					problems.add(new FieldProblem(name, "is " + UriUtils.decode(value, StandardCharsets.UTF_8).strip()
							+ ": it counts results, from 0 up"));
				}
			}
		}
		if (!problems.isEmpty()) {
			ProblemResponses.write(request, response, mapper, ApiProblems.invalid(problems));
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean isNegativeNumber(String value) {
		try {
			return Long.parseLong(value.strip()) < 0;
		}
		catch (NumberFormatException notANumber) {
			// the engine refuses it itself (400)
			return false;
		}
	}

}
