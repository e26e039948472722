package io.parcours.config;

import java.io.IOException;
import java.text.SimpleDateFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.dto.task.CommentDto;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A task, and its comments, are for those who may see the task: a call on a task the
 * caller may not see answers 404, as the engine answers most (it answers some with 403,
 * naming the task's journey). The engine checks them against the task's history, which
 * marketing may read for every journey and sales for none: a marketer could comment on a
 * sales task she is told does not exist, and the rep it is assigned to could not read or
 * write notes on his own lead. Here whoever sees the open task (as in Tasklist) reads and
 * writes its comments; anyone else gets 404. Ops keep the engine's own handling (comments
 * of finished tasks too).
 */
class TaskCommentFilter extends OncePerRequestFilter {

	private static final Pattern TASK_CALL = Pattern
		.compile("^/(?:engine-rest|camunda/api/engine)(?:/engine/[^/]+)?/task/([^/]+)(?:/(.*?))?/?$");

	private static final Pattern COMMENT_PART = Pattern.compile("^comment(?:/([^/]+))?$");

	/** The comments of every task of a journey, read (or deleted) through the journey. */
	private static final Pattern JOURNEY_COMMENTS = Pattern
		.compile("^/(?:engine-rest|camunda/api/engine)(?:/engine/[^/]+)?/process-instance/([^/]+)/comment/?$");

	/** {@code /task/count}, {@code /task/create}...: no task of that id. */
	private static final Set<String> COLLECTION_CALLS = Set.of("count", "create", "report");

	private final TaskService tasks;

	private final IdentityService identity;

	private final ObjectMapper problems;

	/** The engine REST API's own format, dates included, which Tasklist reads. */
	private final ObjectMapper engineJson = new ObjectMapper()
		.setDateFormat(new SimpleDateFormat(JacksonConfigurator.DEFAULT_DATE_FORMAT));

	TaskCommentFilter(TaskService tasks, IdentityService identity, ObjectMapper problems) {
		this.tasks = tasks;
		this.identity = identity;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = EngineCaller.decodedPath(request);
		Matcher journeyCall = JOURNEY_COMMENTS.matcher(path);
		if (journeyCall.matches()) {
			journeyComments(request, response, chain, journeyCall.group(1));
			return;
		}
		Matcher call = TASK_CALL.matcher(path);
		var caller = call.matches() && !COLLECTION_CALLS.contains(call.group(1))
				&& !EngineCaller.isMissingWebappLogin(request) ? EngineCaller.of(request, identity)
						: java.util.Optional.<EngineCaller>empty();
		boolean ops = caller.isPresent() && caller.get().groupIds().contains(Groups.OPS);
		if (caller.isEmpty() || ops && !isCommentCreation(request, call)) {
			chain.doFilter(request, response);
			return;
		}
		String taskId = call.group(1);
		Task task = as(caller.get(), () -> tasks.createTaskQuery().taskId(taskId).singleResult());
		if (task == null && ops) {
			chain.doFilter(request, response);
			return;
		}
		if (task == null) {
			// the engine answers some calls on a task one may not see with 403, naming
			// its
			// journey: that it exists is no business of the caller's
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					"No open task " + taskId + " you may see: a task and its comments are for those who work on it.");
			problem.setTitle("No such task");
			problem.setProperty("field", "taskId");
			// what Tasklist shows of a failed call
			problem.setProperty("message", problem.getDetail());
			ProblemResponses.write(request, response, problems, problem);
			return;
		}
		Matcher commentCall = COMMENT_PART.matcher(call.group(2) == null ? "" : call.group(2));
		if (!commentCall.matches()) {
			chain.doFilter(request, response);
			return;
		}
		String part = commentCall.group(1);
		try {
			if ("GET".equals(request.getMethod()) && part == null) {
				write(response,
						as(caller.get(), () -> tasks.getTaskComments(taskId)).stream()
							.map(CommentDto::fromComment)
							.toList());
			}
			else if ("GET".equals(request.getMethod())) {
				Comment comment = as(caller.get(), () -> tasks.getTaskComment(taskId, part));
				if (comment == null) {
					ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
							"Task " + taskId + " has no comment " + part + ".");
					problem.setTitle("No such comment");
					problem.setProperty("field", "commentId");
					problem.setProperty("message", problem.getDetail());
					ProblemResponses.write(request, response, problems, problem);
					return;
				}
				write(response, CommentDto.fromComment(comment));
			}
			else if ("POST".equals(request.getMethod()) && "create".equals(part)) {
				create(request, response, caller.get(), task);
			}
			else {
				chain.doFilter(request, response);
			}
		}
		catch (AuthorizationException refused) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, refused.getMessage());
			problem.setTitle("Not allowed");
			ProblemResponses.write(request, response, problems, problem);
		}
	}

	/**
	 * Ops' comments too are written with the task's journey (the engine leaves it out),
	 * so that the journey's comments list them.
	 */
	private static boolean isCommentCreation(HttpServletRequest request, Matcher call) {
		return "POST".equals(request.getMethod()) && "comment/create".equals(call.group(2));
	}

	/**
	 * Through the journey, a caller who is not ops reads the comments of the tasks they
	 * may see (and those on no task), not a rep's notes on a task they may not: and only
	 * the task's own calls change them.
	 */
	private void journeyComments(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
			String processInstanceId) throws IOException, ServletException {
		var caller = EngineCaller.isMissingWebappLogin(request) ? java.util.Optional.<EngineCaller>empty()
				: EngineCaller.of(request, identity);
		if (caller.isEmpty() || caller.get().groupIds().contains(Groups.OPS)) {
			chain.doFilter(request, response);
			return;
		}
		if (!"GET".equals(request.getMethod())) {
			refuse(request, response, HttpStatus.FORBIDDEN, "Not allowed",
					"The comments of a journey's tasks are written on the task, by those who work on it:"
							+ " nothing was changed.");
			return;
		}
		try {
			List<Comment> comments = as(caller.get(), () -> tasks.getProcessInstanceComments(processInstanceId));
			write(response,
					comments.stream()
						.filter(comment -> comment.getTaskId() == null || sees(caller.get(), comment.getTaskId()))
						.map(CommentDto::fromComment)
						.toList());
		}
		catch (AuthorizationException refused) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, refused.getMessage());
			problem.setTitle("Not allowed");
			ProblemResponses.write(request, response, problems, problem);
		}
	}

	private boolean sees(EngineCaller caller, String taskId) {
		return as(caller, () -> tasks.createTaskQuery().taskId(taskId).count()) > 0;
	}

	/**
	 * Written here, not by the engine REST API behind Camunda's CSRF filter: the checks a
	 * browser's forged request fails are made here too. A JSON body (a page of another
	 * site can post a form or plain text, not JSON, without the browser asking first),
	 * and in the webapps the session's CSRF token, as Camunda's filter asks it.
	 */
	private boolean forgeryRefused(HttpServletRequest request, HttpServletResponse response) throws IOException {
		MediaType type;
		try {
			type = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
		}
		catch (org.springframework.util.InvalidMimeTypeException unreadable) {
			type = null;
		}
		if (type == null || !MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
			refuse(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
					"A comment is sent as JSON (Content-Type: application/json): nothing was written.");
			return true;
		}
		if (!EngineCaller.decodedPath(request).startsWith("/camunda/api/")) {
			return false;
		}
		HttpSession session = request.getSession(false);
		Object expected = session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
		if (expected != null && expected.equals(request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME))) {
			return false;
		}
		response.setHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME, CsrfConstants.CSRF_TOKEN_HEADER_REQUIRED);
		refuse(request, response, HttpStatus.FORBIDDEN, "Not allowed",
				"The webapps' CSRF token (X-XSRF-TOKEN) is missing or wrong: nothing was written.");
		return true;
	}

	/** A problem with its detail also as {@code message}, which Tasklist shows. */
	private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
			String detail) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setProperty("message", detail);
		ProblemResponses.write(request, response, problems, problem);
	}

	private void create(HttpServletRequest request, HttpServletResponse response, EngineCaller caller, Task task)
			throws IOException {
		if (forgeryRefused(request, response)) {
			return;
		}
		JsonNode body;
		try {
			body = problems.readTree(request.getInputStream());
		}
		catch (IOException notJson) {
			ProblemResponses.write(request, response, problems, ApiProblems
				.invalid(List.of(new FieldProblem("body", "is not valid JSON: {\"message\": \"...\"}"))));
			return;
		}
		JsonNode message = body == null ? null : body.get("message");
		if (message == null || !message.isTextual() || message.asText().isBlank()) {
			ProblemResponses.write(request, response, problems, ApiProblems
				.invalid(List.of(new FieldProblem("message", "is missing: the comment's text, as a string"))));
			return;
		}
		Comment comment = as(caller,
				() -> tasks.createComment(task.getId(), task.getProcessInstanceId(), message.asText()));
		write(response, CommentDto.fromComment(comment));
	}

	private void write(HttpServletResponse response, Object body) throws IOException {
		response.setStatus(HttpStatus.OK.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		engineJson.writeValue(response.getOutputStream(), body);
	}

	/** Runs as the caller, with the engine's checks of the caller's rights. */
	private <T> T as(EngineCaller caller, Supplier<T> call) {
		Authentication before = identity.getCurrentAuthentication();
		identity.setAuthentication(caller.userId(), caller.groupIds());
		try {
			return call.get();
		}
		finally {
			if (before != null) {
				identity.setAuthentication(before);
			}
			else {
				identity.clearAuthentication();
			}
		}
	}

}
