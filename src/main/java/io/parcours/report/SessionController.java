package io.parcours.report;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/me}: who is logged in to the dashboard, and the CSRF token its calls
 * within that session must carry.
 */
@RestController
class SessionController {

	@GetMapping("/api/me")
	Me me(Authentication authentication, CsrfToken csrf) {
		return new Me(authentication.getName(),
				authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList(),
				csrf == null ? null : csrf.getHeaderName(), csrf == null ? null : csrf.getToken());
	}

	record Me(String user, List<String> groups, String csrfHeader, String csrfToken) {
	}

}
