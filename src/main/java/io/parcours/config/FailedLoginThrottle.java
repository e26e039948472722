package io.parcours.config;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down password guessing without handing anyone a way to lock a user out. The
 * engine's own defence locks the user after failed log-ins, and for good after ten: over
 * HTTP Basic anybody who knows an API user's name could then shut the importer or ops
 * out. That lock is off (application.yaml); instead a client address that keeps failing
 * for a user name gets {@code 429} with {@code Retry-After} for that user name, while the
 * user keeps working from everywhere else.
 */
class FailedLoginThrottle extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(FailedLoginThrottle.class);

	static final URI TOO_MANY_FAILED_LOGINS = URI.create("https://parcours.dev/problems/too-many-failed-logins");

	private final ObjectMapper mapper;

	private final int failuresPerMinute;

	private final Cache<String, Bucket> failures = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(10))
		.maximumSize(100_000)
		.build();

	FailedLoginThrottle(ObjectMapper mapper, int failuresPerMinute) {
		this.mapper = mapper;
		this.failuresPerMinute = failuresPerMinute;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String user = userLoggingIn(request);
		if (user.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		String key = request.getRemoteAddr() + "|" + user;
		Bucket bucket = failures.getIfPresent(key);
		if (bucket != null && bucket.getAvailableTokens() <= 0) {
			refuse(request, response, user, bucket);
			return;
		}
		chain.doFilter(request, response);
		if (failed(response)) {
			failures.get(key, any -> newBucket()).tryConsume(1);
		}
	}

	/**
	 * Who the request logs in as: HTTP Basic on any request, or the user name of the
	 * dashboard's log-in form; the Camunda webapps' log-in counts for all its users
	 * together (its form is left for Camunda to read); "" when it does not log in.
	 */
	private static String userLoggingIn(HttpServletRequest request) {
		String user = basicUser(request);
		if (!user.isEmpty() || !"POST".equals(request.getMethod())) {
			return user;
		}
		if (request.getRequestURI().contains("/api/admin/auth/user/")) {
			return "camunda-webapps";
		}
		if (request.getRequestURI().equals(request.getContextPath() + "/login")) {
			String field = request.getParameter("username");
			return field == null ? "" : field;
		}
		return "";
	}

	/**
	 * Refused credentials: 401, or the dashboard's log-in page sent back with an error.
	 */
	private static boolean failed(HttpServletResponse response) {
		if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
			return true;
		}
		String location = response.getHeader(HttpHeaders.LOCATION);
		return response.getStatus() == HttpServletResponse.SC_FOUND && location != null
				&& location.contains("login?error");
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit(limit -> limit.capacity(failuresPerMinute).refillGreedy(failuresPerMinute, Duration.ofMinutes(1)))
			.build();
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, String user, Bucket bucket)
			throws IOException {
		long waitSeconds = Math.max(1,
				Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()).toSeconds());
		log.warn("Too many failed log-ins from {} for user '{}': {} {} refused for {} s", request.getRemoteAddr(), user,
				request.getMethod(), request.getRequestURI(), waitSeconds);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"Too many failed log-ins from this address for this user: try again after Retry-After seconds.");
		problem.setType(TOO_MANY_FAILED_LOGINS);
		problem.setTitle("Too many failed log-ins");
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(waitSeconds));
		ProblemResponses.write(request, response, mapper, problem);
	}

	/** The user name of HTTP Basic credentials, or "" without them. */
	static String basicUser(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
			return "";
		}
		try {
			String credentials = new String(Base64.getDecoder().decode(header.substring(6).trim()),
					StandardCharsets.UTF_8);
			int colon = credentials.indexOf(':');
			return colon < 0 ? credentials : credentials.substring(0, colon);
		}
		catch (IllegalArgumentException notBase64) {
			return "";
		}
	}

}
