package io.parcours.config;

import java.io.IOException;
import java.util.List;
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
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adding a user to a group or a tenant, or a group to a tenant, they are already in fails
 * in the database: a 500 and a stack trace in the log for a request whose outcome already
 * holds. For whoever may add such members, the second add is what a {@code PUT} is: no
 * change, 204.
 */
class MembershipFilter extends OncePerRequestFilter {

	private static final String ENGINE = "^/(?:engine-rest|camunda/api/engine)(?:/engine/[^/]+)?/";

	private final IdentityService identity;

	private final AuthorizationService authorizations;

	private final List<Kind> kinds;

	/** A kind of membership: its path (container, then member) and how to find one. */
	private record Kind(Pattern path, Resource resource, Existing existing) {
	}

	private interface Existing {

		boolean holds(String container, String member);

	}

	MembershipFilter(IdentityService identity, AuthorizationService authorizations) {
		this.identity = identity;
		this.authorizations = authorizations;
		this.kinds = List.of(
				new Kind(Pattern.compile(ENGINE + "group/([^/]+)/members/([^/]+)/?$"), Resources.GROUP_MEMBERSHIP,
						(group, user) -> identity.createUserQuery().userId(user).memberOfGroup(group).count() > 0),
				new Kind(Pattern.compile(ENGINE + "tenant/([^/]+)/user-members/([^/]+)/?$"),
						Resources.TENANT_MEMBERSHIP,
						(tenant, user) -> identity.createTenantQuery().tenantId(tenant).userMember(user).count() > 0),
				new Kind(Pattern.compile(ENGINE + "tenant/([^/]+)/group-members/([^/]+)/?$"),
						Resources.TENANT_MEMBERSHIP,
						(tenant, group) -> identity.createTenantQuery()
							.tenantId(tenant)
							.groupMember(group)
							.count() > 0));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if ("PUT".equals(request.getMethod()) && !EngineCaller.isMissingWebappLogin(request)) {
			String path = EngineCaller.decodedPath(request);
			for (Kind kind : kinds) {
				Matcher membership = kind.path().matcher(path);
				if (membership.matches() && isExisting(kind, membership, EngineCaller.of(request, identity))) {
					response.setStatus(HttpStatus.NO_CONTENT.value());
					return;
				}
			}
		}
		chain.doFilter(request, response);
	}

	private boolean isExisting(Kind kind, Matcher membership, Optional<EngineCaller> caller) {
		return caller.isPresent()
				&& authorizations.isUserAuthorized(caller.get().userId(), caller.get().groupIds(), Permissions.CREATE,
						kind.resource(), membership.group(1))
				&& kind.existing().holds(membership.group(1), membership.group(2));
	}

}
