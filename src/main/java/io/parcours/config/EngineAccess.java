package io.parcours.config;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idempotent creation of groups, users and grants in the engine's identity store. Several
 * nodes may start at once on one database, so a unique-key clash means another node did
 * the work first.
 */
public final class EngineAccess {

	private static final Logger log = LoggerFactory.getLogger(EngineAccess.class);

	private final IdentityService identityService;

	private final AuthorizationService authorizationService;

	public EngineAccess(ProcessEngine engine) {
		this.identityService = engine.getIdentityService();
		this.authorizationService = engine.getAuthorizationService();
	}

	public void ensureGroup(String id, String name) {
		if (identityService.createGroupQuery().groupId(id).count() > 0) {
			return;
		}
		tolerateConcurrentCreation("group " + id, () -> {
			Group group = identityService.newGroup(id);
			group.setName(name);
			group.setType(Groups.GROUP_TYPE_WORKFLOW);
			identityService.saveGroup(group);
		});
	}

	/**
	 * Creates the user unless it exists, and gives an existing user without an email the
	 * one given (a profile set by hand in Camunda Admin is kept).
	 */
	public void ensureUser(String id, String password, String firstName, String lastName, String groupId,
			String email) {
		User existing = identityService.createUserQuery().userId(id).singleResult();
		if (existing == null) {
			tolerateConcurrentCreation("user " + id, () -> {
				User user = identityService.newUser(id);
				user.setPassword(password);
				user.setFirstName(firstName);
				user.setLastName(lastName);
				user.setEmail(email);
				identityService.saveUser(user);
			});
		}
		else if (email != null && (existing.getEmail() == null || existing.getEmail().isBlank())) {
			existing.setEmail(email);
			identityService.saveUser(existing);
		}
		if (identityService.createUserQuery().userId(id).memberOfGroup(groupId).count() == 0) {
			tolerateConcurrentCreation("membership " + id, () -> identityService.createMembership(id, groupId));
		}
	}

	public void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
		Authorization existing = authorizationService.createAuthorizationQuery()
			.groupIdIn(groupId)
			.resourceType(resource)
			.resourceId(resourceId)
			.singleResult();
		Authorization authorization = existing != null ? existing
				: authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
		authorization.setGroupId(groupId);
		authorization.setResource(resource);
		authorization.setResourceId(resourceId);
		for (Permission permission : permissions) {
			authorization.addPermission(permission);
		}
		tolerateConcurrentCreation("grant " + groupId + " on " + resource.resourceName(),
				() -> authorizationService.saveAuthorization(authorization));
	}

	/**
	 * Takes a permission back from a group's grant on every resource of a type, as
	 * granted by an earlier version (grants only ever add).
	 */
	public void withdrawOnAll(String groupId, Resource resource, Permission permission) {
		Authorization existing = authorizationService.createAuthorizationQuery()
			.groupIdIn(groupId)
			.resourceType(resource)
			.resourceId(ANY)
			.singleResult();
		if (existing != null && existing.isPermissionGranted(permission)) {
			existing.removePermission(permission);
			authorizationService.saveAuthorization(existing);
		}
	}

	public void grantOnAll(String groupId, Resource resource, Permission... permissions) {
		grant(groupId, resource, ANY, permissions);
	}

	public void grantApplication(String groupId, String application) {
		grant(groupId, Resources.APPLICATION, application, Permissions.ACCESS);
	}

	private static void tolerateConcurrentCreation(String what, Runnable creation) {
		try {
			creation.run();
		}
		catch (RuntimeException e) {
			log.info("{} not created here, probably by another node starting at the same time: {}", what,
					e.getMessage());
		}
	}

}
