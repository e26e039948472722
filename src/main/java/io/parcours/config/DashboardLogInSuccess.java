package io.parcours.config;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * After the log-in page: marketers and ops go on to the dashboard (or the page they asked
 * for); a sales rep, who has no dashboard, is sent to Tasklist, where their tasks are,
 * instead of a refusal. The Camunda webapps read the same session: the user is logged in
 * to the ones their groups open (Tasklist, Cockpit, Admin) without typing the password
 * again.
 */
class DashboardLogInSuccess implements AuthenticationSuccessHandler {

	static final String TASKLIST = "/camunda/app/tasklist/";

	private final SavedRequestAwareAuthenticationSuccessHandler dashboard = new SavedRequestAwareAuthenticationSuccessHandler();

	private final SessionLogInRecheck recheck;

	private final ProcessEngine engine;

	DashboardLogInSuccess(SessionLogInRecheck recheck, ProcessEngine engine) {
		this.recheck = recheck;
		this.engine = engine;
		dashboard.setDefaultTargetUrl("/");
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		recheck.remember(request, authentication.getName());
		logInToWebapps(request, authentication.getName());
		boolean readsDashboard = authentication.getAuthorities()
			.stream()
			.anyMatch(authority -> Groups.OPS.equals(authority.getAuthority())
					|| Groups.MARKETING.equals(authority.getAuthority()));
		if (readsDashboard) {
			dashboard.onAuthenticationSuccess(request, response, authentication);
		}
		else {
			response.sendRedirect(request.getContextPath() + TASKLIST);
		}
	}

	/**
	 * As the webapps' own log-in does, without renewing the session: Spring Security
	 * already gave it a new id at this log-in.
	 */
	private void logInToWebapps(HttpServletRequest request, String user) {
		UserAuthentication webapps = AuthenticationUtil.createAuthentication(engine, user);
		if (webapps == null) {
			return;
		}
		HttpSession session = request.getSession();
		Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
		authentications.addOrReplace(webapps);
		AuthenticationUtil.updateSession(session, authentications);
	}

}
