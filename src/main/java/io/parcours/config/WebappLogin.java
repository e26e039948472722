package io.parcours.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;

/**
 * Our checks on engine REST writes run before the Camunda webapps check their log-in: a
 * call through the webapps without one is left to them (401), so that it learns nothing
 * from our checks, not even that a task or a field exists.
 */
final class WebappLogin {

	private WebappLogin() {
	}

	static boolean isMissing(HttpServletRequest request) {
		if (!request.getRequestURI().startsWith(request.getContextPath() + "/camunda/api/")) {
			return false;
		}
		HttpSession session = request.getSession(false);
		return session == null || AuthenticationUtil.getAuthsFromSession(session).getAuthentications().isEmpty();
	}

}
