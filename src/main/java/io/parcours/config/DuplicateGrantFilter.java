package io.parcours.config;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.AuthorizationQuery;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A second authorization of the same kind for the same user or group and resource fails
 * in the database: a 500 and a stack trace in the log. Whoever may create authorizations
 * learns instead which one exists, to change it rather than add another.
 */
class DuplicateGrantFilter extends OncePerRequestFilter {

	private static final Pattern CREATE = Pattern
		.compile("^/(?:engine-rest|camunda/api/engine)(?:/engine/[^/]+)?/authorization/create/?$");

	private final IdentityService identity;

	private final AuthorizationService authorizations;

	private final ObjectMapper mapper;

	DuplicateGrantFilter(IdentityService identity, AuthorizationService authorizations, ObjectMapper mapper) {
		this.identity = identity;
		this.authorizations = authorizations;
		this.mapper = mapper;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!"POST".equals(request.getMethod()) || !CREATE.matcher(EngineCaller.decodedPath(request)).matches()
				|| EngineCaller.isMissingWebappLogin(request) || !EngineTextLengthFilter.isJson(request)) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readAllBytes();
		Optional<Authorization> existing = EngineCaller.of(request, identity)
			.filter(this::mayCreateAuthorizations)
			.flatMap(caller -> existing(body));
		if (existing.isPresent()) {
			String detail = "An authorization of this type for this "
					+ (existing.get().getUserId() != null ? "user" : "group") + " and resource exists already (id "
					+ existing.get().getId() + "): change its permissions with PUT /authorization/"
					+ existing.get().getId() + " instead. Nothing was created.";
			ProblemResponses.write(request, response, mapper,
					ApiProblems.invalid(List.of(new FieldProblem("resourceId", detail))));
			return;
		}
		chain.doFilter(new CachedBodyRequest(request, body), response);
	}

	private boolean mayCreateAuthorizations(EngineCaller caller) {
		return authorizations.isUserAuthorized(caller.userId(), caller.groupIds(), Permissions.CREATE,
				Resources.AUTHORIZATION);
	}

	/**
	 * The authorization the body would duplicate; empty when the body is no such grant.
	 */
	private Optional<Authorization> existing(byte[] body) {
		JsonNode grant;
		try {
			grant = mapper.readTree(body);
		}
		catch (IOException notJson) {
			return Optional.empty();
		}
		if (grant == null || !grant.path("type").isInt() || !grant.path("resourceType").isInt()
				|| !grant.path("resourceId").isTextual()) {
			return Optional.empty();
		}
		AuthorizationQuery query = authorizations.createAuthorizationQuery()
			.authorizationType(grant.get("type").asInt())
			.resourceType(grant.get("resourceType").asInt())
			.resourceId(grant.get("resourceId").asText());
		if (grant.path("userId").isTextual()) {
			query.userIdIn(grant.get("userId").asText());
		}
		else if (grant.path("groupId").isTextual()) {
			query.groupIdIn(grant.get("groupId").asText());
		}
		else {
			return Optional.empty();
		}
		return query.list().stream().findFirst();
	}

}
