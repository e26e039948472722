package io.parcours.config;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * After the log-in page: marketers and ops go on to the dashboard (or the page they asked
 * for); a sales rep, who has no dashboard, is sent to Tasklist, where their tasks are,
 * instead of a refusal.
 */
class DashboardLogInSuccess implements AuthenticationSuccessHandler {

	static final String TASKLIST = "/camunda/app/tasklist/";

	private final SavedRequestAwareAuthenticationSuccessHandler dashboard = new SavedRequestAwareAuthenticationSuccessHandler();

	private final SessionLogInRecheck recheck;

	DashboardLogInSuccess(SessionLogInRecheck recheck) {
		this.recheck = recheck;
		dashboard.setDefaultTargetUrl("/");
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		recheck.remember(request, authentication.getName());
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

}
