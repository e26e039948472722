package io.parcours.config;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adding a user to a group they are already in fails in the database: a 500 and a stack
 * trace in the log for a request whose outcome already holds. For whoever may add members
 * to the group, the second add is what a {@code PUT} is: no change, 204.
 */
class GroupMembershipFilter extends OncePerRequestFilter {

	private static final Pattern MEMBERSHIP = Pattern
		.compile("^/(?:engine-rest|camunda/api/engine)(?:/engine/[^/]+)?/group/([^/]+)/members/([^/]+)/?$");

	private final IdentityService identity;

	private final AuthorizationService authorizations;

	GroupMembershipFilter(IdentityService identity, AuthorizationService authorizations) {
		this.identity = identity;
		this.authorizations = authorizations;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = EngineCaller.decodedPath(request);
		Matcher membership = MEMBERSHIP.matcher(path);
		Optional<EngineCaller> caller = "PUT".equals(request.getMethod()) && membership.matches()
				&& !EngineCaller.isMissingWebappLogin(request) ? EngineCaller.of(request, identity) : Optional.empty();
		if (caller.isPresent() && mayAddMembers(caller.get(), membership.group(1))
				&& isMember(membership.group(2), membership.group(1))) {
			response.setStatus(HttpStatus.NO_CONTENT.value());
			return;
		}
		chain.doFilter(request, response);
	}

	private boolean mayAddMembers(EngineCaller caller, String groupId) {
		return authorizations.isUserAuthorized(caller.userId(), caller.groupIds(), Permissions.CREATE,
				Resources.GROUP_MEMBERSHIP, groupId);
	}

	private boolean isMember(String userId, String groupId) {
		return identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() > 0;
	}

}
