package io.parcours.config;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import io.parcours.journey.TaskAnswerRule;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.session.SessionManagementFilter;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.util.unit.DataSize;

/**
 * Who may call what. Our API uses HTTP Basic against the engine's users; the dashboard
 * ({@code /}, ops and marketing) has a log-in page with the same users; the engine REST
 * API is guarded by Camunda's own filter (same users); the Camunda webapps keep their own
 * log-in and CSRF protection; provider webhooks are public and verify the provider's
 * signature themselves; Prometheus metrics are for ops.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/** {@code GET /engine-rest/engine}: the names of the engines. */
	private static final Pattern ENGINE_LIST = Pattern.compile("/engine/?");

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, DatabaseUnavailableFilter databaseUnavailable,
			ObjectMapper mapper, IdentityService identity, JdbcClient jdbc, Clock clock,
			@Value("${parcours.security.remember-credentials-for:10s}") Duration recheckEvery) throws Exception {
		ApiSecurityProblems problems = new ApiSecurityProblems(mapper);
		return http.securityMatcher("/api/**")
			.addFilterBefore(databaseUnavailable, BasicAuthenticationFilter.class)
			// the dashboard's calls, made within its log-in
			.addFilterAfter(new SessionLogInRecheck(identity, jdbc, recheckEvery, clock),
					SecurityContextHolderFilter.class)
			// a link in Tasklist reads the API within the Tasklist log-in
			// (after session management, which would keep it in the session as a log-in)
			.addFilterAfter(new WebappLogInForReads(identity), SessionManagementFilter.class)
			// which contact a sales user may read is decided per contact
			// (SalesContactAccess)
			.authorizeHttpRequests(requests -> requests
				.requestMatchers(new OrRequestMatcher(
						PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/api/contacts/*"),
						PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.HEAD, "/api/contacts/*")))
				.access((user,
						context) -> new AuthorizationDecision(user.get()
							.getAuthorities()
							.stream()
							.anyMatch(authority -> Groups.readsContacts(authority.getAuthority()))))
				.anyRequest()
				.hasAnyAuthority(Groups.OPS, Groups.MARKETING))
			.httpBasic(basic -> basic.authenticationEntryPoint(problems))
			.exceptionHandling(
					exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			// API clients send HTTP Basic on every request and get no session; the
			// dashboard
			// calls the API within the session of its log-in, so those calls need the
			// CSRF
			// token (the dashboard reads it from GET /api/me)
			.csrf(csrf -> csrf.requireCsrfProtectionMatcher(SecurityConfiguration::sessionWrite))
			// no log-in happens here (HTTP Basic keeps no session): a read made within
			// the Tasklist log-in leaves that session's id alone
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER)
				.sessionFixation(fixation -> fixation.none()))
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain everythingElse(HttpSecurity http, DatabaseUnavailableFilter databaseUnavailable,
			ObjectMapper mapper, IdentityService identity, JdbcClient jdbc, Clock clock, ProcessEngine engine,
			@Value("${parcours.security.remember-credentials-for:10s}") Duration recheckEvery) throws Exception {
		ApiSecurityProblems problems = new ApiSecurityProblems(mapper);
		var actuator = PathPatternRequestMatcher.withDefaults().matcher("/actuator/**");
		SessionLogInRecheck recheck = new SessionLogInRecheck(identity, jdbc, recheckEvery, clock);
		return http.addFilterBefore(databaseUnavailable, BasicAuthenticationFilter.class)
			.addFilterAfter(recheck, SecurityContextHolderFilter.class)
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/engine-rest/**", "/camunda/**", "/webhooks/**")
				.permitAll()
				// the error page renders a failure; asked for directly it has none
				// to show
				.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers("/error")
				.denyAll()
				.requestMatchers("/login", "/webjars/**", "/favicon.ico", "/actuator/health", "/actuator/health/**")
				.permitAll()
				.requestMatchers("/", "/index.html", "/dashboard/**")
				.hasAnyAuthority(Groups.OPS, Groups.MARKETING)
				.requestMatchers("/actuator/**")
				.hasAuthority(Groups.OPS)
				.anyRequest()
				.authenticated())
			// the dashboard's log-in page; Prometheus and scripts use HTTP Basic
			.formLogin(form -> form.successHandler(new DashboardLogInSuccess(recheck, engine)))
			// wrong credentials get the same problem as none
			.httpBasic(basic -> basic.authenticationEntryPoint(problems))
			// the default success URL, which the log-in page answers ("You have been
			// signed out"); a custom one it would not
			.logout(Customizer.withDefaults())
			// scrapers and scripts get a Basic challenge and a problem, not the log-in
			// page
			.exceptionHandling(exceptions -> exceptions
				.defaultAccessDeniedHandlerFor(new StaleLogInForms(), StaleLogInForms.LOG_IN_OR_OUT)
				.defaultAuthenticationEntryPointFor(problems, actuator)
				.defaultAccessDeniedHandlerFor(problems, actuator))
			.csrf(csrf -> csrf.ignoringRequestMatchers("/engine-rest/**", "/camunda/**", "/webhooks/**"))
			.headers(headers -> headers.frameOptions(frame -> frame.sameOrigin())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				// the Camunda webapps set a policy of their own
				.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(DASHBOARD,
						new StaticHeadersWriter("Content-Security-Policy", DASHBOARD_POLICY))))
			.build();
	}

	private static final RequestMatcher DASHBOARD = new OrRequestMatcher(
			PathPatternRequestMatcher.withDefaults().matcher("/"),
			PathPatternRequestMatcher.withDefaults().matcher("/index.html"),
			PathPatternRequestMatcher.withDefaults().matcher("/dashboard/**"),
			PathPatternRequestMatcher.withDefaults().matcher("/login"));

	/**
	 * Scripts from Parcours only: a name or a message body that slipped through as markup
	 * runs nothing. Styles and images may be inline, as an email previewed in its
	 * sandboxed frame (which takes this policy) and a chart's tooltip have them.
	 */
	private static final String DASHBOARD_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; object-src 'none'; "
			+ "base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

	/**
	 * A state-changing request that comes with the dashboard's log-in session: the
	 * session authenticates it, whatever header comes along (Spring Security does not
	 * check a Basic header again for the user the session already holds).
	 */
	private static boolean sessionWrite(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return !SAFE_METHODS.contains(request.getMethod()) && session != null
				&& session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) != null;
	}

	/** Checking credentials reads the database: an outage there is a 503, not a 500. */
	@Bean
	DatabaseUnavailableFilter databaseUnavailableFilter(ObjectMapper mapper,
			@Value("${parcours.api.retry-after-seconds:10}") long retryAfterSeconds) {
		return new DatabaseUnavailableFilter(mapper, retryAfterSeconds);
	}

	/** Used only inside the security chains, not as a servlet filter of its own. */
	@Bean
	FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilterRegistration(
			DatabaseUnavailableFilter filter) {
		FilterRegistrationBean<DatabaseUnavailableFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setEnabled(false);
		return registration;
	}

	/**
	 * Before everything: a path the firewall refuses gets its problem, whatever it is.
	 */
	@Bean
	FilterRegistrationBean<FirewallFirst> firewallFirst(RequestRejectedHandler refusal) {
		FilterRegistrationBean<FirewallFirst> registration = new FilterRegistrationBean<>(new FirewallFirst(refusal));
		registration.setName("firewall-first");
		registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 30);
		return registration;
	}

	@Bean
	FilterRegistrationBean<WebappLogOutEndsSession> webappLogOutEndsSession() {
		FilterRegistrationBean<WebappLogOutEndsSession> registration = new FilterRegistrationBean<>(
				new WebappLogOutEndsSession());
		registration.setName("webapp-log-out-ends-session");
		registration.addUrlPatterns("/camunda/api/admin/auth/user/*");
		registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 20);
		return registration;
	}

	/** Before anything reads a body, credentials included. */
	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimit(ObjectMapper mapper,
			@Value("${parcours.api.max-body-size:8MB}") DataSize maxBody,
			@Value("${parcours.api.max-bulk-body-size:16MB}") DataSize maxBulkBody) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(mapper, maxBody.toBytes(), maxBulkBody.toBytes()));
		registration.setName("request-body-limit");
		registration.addUrlPatterns("/api/*", "/webhooks/*", "/engine-rest/*", "/camunda/api/*");
		registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 20);
		return registration;
	}

	/**
	 * Before every security check (API, engine REST API, Camunda webapps, dashboard), so
	 * that a throttled client is refused before its password is checked.
	 */
	@Bean
	FilterRegistrationBean<FailedLoginThrottle> failedLoginThrottle(ObjectMapper mapper,
			@Value("${parcours.security.failed-logins-per-minute:10}") int failuresPerMinute) {
		FilterRegistrationBean<FailedLoginThrottle> registration = new FilterRegistrationBean<>(
				new FailedLoginThrottle(mapper, failuresPerMinute));
		registration.setName("failed-login-throttle");
		registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
		return registration;
	}

	/**
	 * After the engine's authentication: a task with a form takes only its fields, from
	 * those who may answer it.
	 */
	@Bean
	FilterRegistrationBean<TaskFormInputFilter> taskFormInput(FormService forms, TaskService tasks,
			IdentityService identity, List<TaskAnswerRule> answerRules, ObjectMapper mapper) {
		return afterEngineAuthentication(new TaskFormInputFilter(forms, tasks, identity, answerRules, mapper),
				"task-form-input", 5);
	}

	/** After the engine's authentication: a task's comments, for those who see it. */
	@Bean
	FilterRegistrationBean<TaskCommentFilter> taskComments(TaskService tasks, IdentityService identity,
			ObjectMapper mapper) {
		return afterEngineAuthentication(new TaskCommentFilter(tasks, identity, mapper), "task-comments", 5);
	}

	/** After the engine's authentication: pages start at 0 and hold 0 results or more. */
	@Bean
	FilterRegistrationBean<PagingParameters> pagingParameters(ObjectMapper mapper) {
		return afterEngineAuthentication(new PagingParameters(mapper), "paging-parameters", 6);
	}

	/** After the engine's authentication: adding a member twice changes nothing. */
	@Bean
	FilterRegistrationBean<MembershipFilter> memberships(IdentityService identity,
			AuthorizationService authorizations) {
		return afterEngineAuthentication(new MembershipFilter(identity, authorizations), "memberships", 6);
	}

	/** After the engine's authentication: a second grant of the same kind is named. */
	@Bean
	FilterRegistrationBean<DuplicateGrantFilter> duplicateGrants(IdentityService identity,
			AuthorizationService authorizations, ObjectMapper mapper) {
		return afterEngineAuthentication(new DuplicateGrantFilter(identity, authorizations, mapper), "duplicate-grants",
				6);
	}

	/** After the engine's authentication: case resources do not exist. */
	@Bean
	FilterRegistrationBean<CaseEndpointsOff> caseEndpointsOff(ObjectMapper mapper) {
		return afterEngineAuthentication(new CaseEndpointsOff(mapper), "case-endpoints-off", 6);
	}

	/** After the engine's authentication: no text longer than the engine's columns. */
	@Bean
	FilterRegistrationBean<EngineTextLengthFilter> engineTextLength(ObjectMapper mapper) {
		return afterEngineAuthentication(new EngineTextLengthFilter(mapper), "engine-text-length", 4);
	}

	/**
	 * A filter on the engine REST API and on the webapps' own way to it, after the
	 * engine's authentication ({@code fromLast} places before the end of the chain).
	 */
	private static <T extends Filter> FilterRegistrationBean<T> afterEngineAuthentication(T filter, String name,
			int fromLast) {
		FilterRegistrationBean<T> registration = new FilterRegistrationBean<>(filter);
		registration.setName(name);
		registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
		registration.setOrder(Ordered.LOWEST_PRECEDENCE - fromLast);
		return registration;
	}

	/**
	 * The engine REST API is open by default: require HTTP Basic against the engine's
	 * users.
	 */
	@Bean
	FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
		FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration = new FilterRegistrationBean<>(
				new ProcessEngineAuthenticationFilter() {

					// the engine's list of engines too, which the filter lets through
					@Override
					protected boolean requiresEngineAuthentication(String requestUrl) {
						return true;
					}

					// checked against the users of the default engine
					@Override
					protected String extractEngineName(String requestUrl) {
						return ENGINE_LIST.matcher(requestUrl).matches() ? ProcessEngines.NAME_DEFAULT
								: super.extractEngineName(requestUrl);
					}

				});
		registration.setName("engine-rest-authentication");
		registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
		registration.addUrlPatterns("/engine-rest/*");
		registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
		return registration;
	}

}
