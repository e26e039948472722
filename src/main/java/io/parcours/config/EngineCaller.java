package io.parcours.config;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.util.UriUtils;

/**
 * Who calls the engine's REST API, as our filters on it see them: through
 * {@code /engine-rest} with HTTP Basic (checked before our filters), or through the
 * Camunda webapps with their log-in (checked after them).
 */
record EngineCaller(String userId, List<String> groupIds) {

	/**
	 * A call through the webapps without their log-in: left to them (401), so that it
	 * learns nothing from our checks, not even that a task or a field exists.
	 */
	static boolean isMissingWebappLogin(HttpServletRequest request) {
		return isWebappCall(request) && webappLogIn(request).isEmpty();
	}

	/**
	 * The path after the context, decoded once, as the engine's REST layer decodes it: an
	 * encoded character must not take a call past a check on it.
	 */
	static String decodedPath(HttpServletRequest request) {
		return UriUtils.decode(request.getRequestURI().substring(request.getContextPath().length()),
				StandardCharsets.UTF_8);
	}

	static Optional<EngineCaller> of(HttpServletRequest request, IdentityService identity) {
		Authentication current = identity.getCurrentAuthentication();
		if (current != null && current.getUserId() != null) {
			return Optional.of(new EngineCaller(current.getUserId(), current.getGroupIds()));
		}
		return isWebappCall(request) ? webappLogIn(request).map(user -> new EngineCaller(user.getIdentityId(),
				user.getGroupIds() != null ? user.getGroupIds() : List.of())) : Optional.empty();
	}

	private static boolean isWebappCall(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + "/camunda/api/");
	}

	private static Optional<UserAuthentication> webappLogIn(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return session == null ? Optional.empty()
				: AuthenticationUtil.getAuthsFromSession(session).getAuthentications().stream().findFirst();
	}

}
