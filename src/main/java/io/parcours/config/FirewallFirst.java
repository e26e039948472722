package io.parcours.config;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The firewall of the security chain (its defaults), run before anything else: Spring
 * parses the request's path ahead of that chain, and a {@code ;} in its first segment
 * ({@code /engine-rest;x=1/user}) failed there with a 500 and an error in the log instead
 * of the "Path refused" any other such path gets.
 */
class FirewallFirst extends OncePerRequestFilter {

	private final HttpFirewall firewall = new StrictHttpFirewall();

	private final RequestRejectedHandler refusal;

	FirewallFirst(RequestRejectedHandler refusal) {
		this.refusal = refusal;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			firewall.getFirewalledRequest(request);
		}
		catch (RequestRejectedException rejected) {
			refusal.handle(request, response, rejected);
			return;
		}
		chain.doFilter(request, response);
	}

}
