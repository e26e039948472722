package io.parcours.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Texts longer than the engine's text columns, written through the engine REST API (a
 * String variable, a task's description, its name or assignee, a user's profile:
 * {@code PUT}s, and {@code POST}s that complete, start, correlate, set variables or
 * people, delete with a reason, grant), and variable names longer than the engine's name
 * column, are refused with 400 naming them, before the database: H2's error quotes the
 * text it refuses, and the engine logs that error, so notes about a person would end up
 * in the log. Other values (JSON, files) are stored as bytes, whatever their size.
 */
class EngineTextLengthFilter extends OncePerRequestFilter {

	/** The size of the engine's text columns ({@code TEXT_}, {@code DESCRIPTION_}). */
	static final int MAX_TEXT = 4000;

	/** The size of the engine's name and id columns ({@code USER_ID_}, {@code NAME_}). */
	static final int MAX_NAME = 255;

	/**
	 * Fields the engine stores in such columns: an assignee, a task's name, a profile.
	 */
	private static final Set<String> NAMES = Set.of("userId", "groupId", "assignee", "owner", "name", "firstName",
			"lastName", "email", "id", "businessKey", "messageName", "tenantId", "type", "resourceId");

	/** Maps from a variable's name to its value: the names go to a name column too. */
	private static final Set<String> VARIABLE_MAPS = Set.of("variables", "modifications", "processVariables",
			"processVariablesLocal", "localVariables", "correlationKeys", "localCorrelationKeys");

	private static final Pattern WRITES = Pattern
		.compile("/(?:complete|submit-form|resolve|bpmnError|bpmnEscalation|start|variables|localVariables|modification"
				+ "|message|signal|restart|create|assignee|claim|delegate|identity-links|delete)(?:/[^/]+)?/?$");

	private final ObjectMapper mapper;

	EngineTextLengthFilter(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean withBody = "PUT".equals(request.getMethod()) || "POST".equals(request.getMethod());
		if (EngineCaller.isMissingWebappLogin(request) || !isJson(request) || !withBody) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readAllBytes();
		JsonNode tree;
		try {
			tree = mapper.readTree(body);
		}
		catch (IOException notJson) {
			// the engine answers that
			tree = null;
		}
		List<FieldProblem> tooLong = new ArrayList<>();
		if (tree != null && tree.isNull()) {
			// the engine's resources take it for no body at all, and fail with a 500
			tooLong.add(new FieldProblem("body", "is null: send a JSON object ({} when there is nothing to say)"));
		}
		else if (isWrite(request)) {
			String root = variableOfPath(request.getRequestURI());
			if (root.length() > "variables.".length() + MAX_NAME) {
				tooLong.add(new FieldProblem("variables", "names a variable longer than " + MAX_NAME + " characters"));
			}
			collect(tree, root, root, tooLong);
		}
		if (!tooLong.isEmpty()) {
			ProblemResponses.write(request, response, mapper, ApiProblems.invalid(tooLong));
			return;
		}
		chain.doFilter(new CachedBodyRequest(request, body), response);
	}

	/**
	 * A call that writes variables or a task: queries (whose filters hold values too) and
	 * saved filters (stored as a large object) pass.
	 */
	private static boolean isWrite(HttpServletRequest request) {
		String path = request.getRequestURI();
		if (path.contains("/filter") || path.contains("/history/")) {
			return false;
		}
		return "PUT".equals(request.getMethod()) || "POST".equals(request.getMethod()) && WRITES.matcher(path).find();
	}

	static boolean isJson(HttpServletRequest request) {
		try {
			return request.getContentType() != null
					&& MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(request.getContentType()));
		}
		catch (RuntimeException unreadable) {
			return false;
		}
	}

	/**
	 * {@code variables.notes} for {@code .../variables/notes}: the variable a body is the
	 * value of.
	 */
	private static String variableOfPath(String uri) {
		String[] segments = uri.split("/");
		int last = segments.length - 1;
		return last > 0 && segments[last - 1].toLowerCase(Locale.ROOT).endsWith("variables")
				? "variables." + segments[last] : "";
	}

	private static void collect(JsonNode node, String root, String path, List<FieldProblem> tooLong) {
		if (node == null || !node.isContainerNode()) {
			return;
		}
		if (node.isObject() && isLongText(node.path("value")) && isTextType(node.path("type"))) {
			tooLong
				.add(new FieldProblem(path.isEmpty() ? "value" : path, "is longer than " + MAX_TEXT + " characters"));
		}
		for (String text : List.of("description", "deleteReason")) {
			if (path.equals(root) && node.isObject() && isLongText(node.path(text))) {
				tooLong.add(new FieldProblem(join(path, text), "is longer than " + MAX_TEXT + " characters"));
			}
		}
		String last = path.substring(path.lastIndexOf('.') + 1);
		if (node.isObject() && VARIABLE_MAPS.contains(last)) {
			node.fieldNames().forEachRemaining(name -> {
				if (name.length() > MAX_NAME) {
					tooLong.add(new FieldProblem(path, "names a variable longer than " + MAX_NAME + " characters"));
				}
			});
		}
		if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				collect(node.get(i), root, path + "[" + i + "]", tooLong);
			}
			return;
		}
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			JsonNode value = field.getValue();
			if (NAMES.contains(field.getKey()) && value.isTextual() && value.asText().length() > MAX_NAME) {
				tooLong.add(new FieldProblem(join(path, field.getKey()), "is longer than " + MAX_NAME + " characters"));
			}
			collect(value, root, join(path, field.getKey()), tooLong);
		}
	}

	private static boolean isLongText(JsonNode value) {
		return value.isTextual() && value.asText().length() > MAX_TEXT;
	}

	private static boolean isTextType(JsonNode type) {
		return type.isMissingNode() || type.isNull() || "string".equalsIgnoreCase(type.asText());
	}

	private static String join(String path, String field) {
		return path.isEmpty() ? field : path + "." + field;
	}

}
