package io.parcours.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.parcours.journey.ShippedForms;
import io.parcours.journey.TaskAnswerRule;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A task with a Camunda Form takes only the fields of its form, through Tasklist or the
 * engine REST API: completing it (or writing its variables) with any other variable would
 * overwrite the journey's own (its contact, its company, its scores), which the journey
 * then acts on; a sales rep could push another customer to the CRM. Refused with 400
 * naming the variable; the task stays as it was. The task's local variables
 * ({@code /localVariables}) take its fields only too: they never reach the journey, but
 * the form shows them instead of the journey's (a forged score, another contact).
 */
class TaskFormInputFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(TaskFormInputFilter.class);

	private static final Pattern TASK_CALL = Pattern.compile(
			"^/(?:engine-rest|camunda/api/engine)(?:/engine/[^/]+)?/task/([^/]+)/(complete|submit-form|resolve|bpmnError|bpmnEscalation|variables|localVariables)(?:/([^/]+)(/data)?)?/?$");

	private static final Set<String> NOT_FORM_TYPES = Set.of("object", "json", "xml", "bytes", "file");

	/** What {@code .../variables/{name}/data} writes: a file, uploaded as multipart. */
	private static final JsonNode FILE = JsonNodeFactory.instance.objectNode().put("type", "File");

	private final FormService forms;

	private final ObjectMapper mapper;

	private final Map<String, Map<String, String>> shippedForms;

	private final TaskService tasks;

	private final IdentityService identity;

	private final List<TaskAnswerRule> answerRules;

	TaskFormInputFilter(FormService forms, TaskService tasks, IdentityService identity,
			List<TaskAnswerRule> answerRules, ObjectMapper mapper) {
		this.forms = forms;
		this.tasks = tasks;
		this.identity = identity;
		this.answerRules = List.copyOf(answerRules);
		this.mapper = mapper;
		this.shippedForms = readShippedForms();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// decoded once, as the engine's REST layer decodes the task id (an encoded
		// character
		// must not take a call past this check)
		String path = EngineCaller.decodedPath(request);
		Matcher call = TASK_CALL.matcher(path);
		if (EngineCaller.isMissingWebappLogin(request) || !call.matches() || "GET".equals(request.getMethod())) {
			chain.doFilter(request, response);
			return;
		}
		if (tasks.createTaskQuery().taskId(call.group(1)).count() == 0) {
			// the engine would fail on a null task (a 500, an error in the log): the
			// task was completed, by another tab or another rep, or never existed
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no open task "
					+ call.group(1) + ": it was completed or deleted meanwhile, or never existed.");
			problem.setTitle("No such task");
			problem.setProperty("field", "taskId");
			// what Tasklist shows of a failed call
			problem.setProperty("message", problem.getDetail());
			ProblemResponses.write(request, response, mapper, problem);
			return;
		}
		Optional<Map<String, String>> fields = formFields(call.group(1));
		if (fields.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		String pathVariable = call.group(3);
		byte[] body = request.getInputStream().readAllBytes();
		Optional<Map<String, JsonNode>> written = pathVariable != null
				? Optional.of(Map.of(pathVariable, call.group(4) != null ? FILE : readOrMissing(body)))
				: written(call.group(2), body);
		if (written.isEmpty()) {
			ProblemResponses.write(request, response, mapper, ApiProblems.invalid(List.of(new FieldProblem("body",
					"is not a JSON object with each key once: the task's fields cannot be checked"))));
			return;
		}
		Optional<String> notYours = written.get().isEmpty() ? Optional.empty()
				: notYours(call.group(1), EngineCaller.of(request, identity));
		if (notYours.isPresent()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, notYours.get());
			problem.setTitle("Not yours to decide");
			ProblemResponses.write(request, response, mapper, problem);
			return;
		}
		List<FieldProblem> refused = new ArrayList<>();
		written.get().forEach((name, value) -> {
			String type = value.path("type").asText("");
			if (!fields.get().containsKey(name)) {
				refused.add(new FieldProblem("variables." + name,
						fields.get().isEmpty() ? "cannot be set: the task's form cannot be read"
								: "is not a field of the task's form; it takes "
										+ String.join(", ", fields.get().keySet()) + " only"));
			}
			else if (NOT_FORM_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
				// the engine would fail on it with a 500, or a 400 naming nothing
				refused.add(new FieldProblem("variables." + name,
						"is a form field: text, a number, a date or a flag, not " + type));
			}
			else if (!FieldKind.of(fields.get().get(name)).takes(type)) {
				// the engine would fail converting it, with a 400 naming nothing
				refused.add(new FieldProblem("variables." + name, "is a " + FieldKind.of(fields.get().get(name)).label
						+ " of the form: give it as " + FieldKind.of(fields.get().get(name)).types + ", not " + type));
			}
		});
		if (!refused.isEmpty()) {
			ProblemResponses.write(request, response, mapper, ApiProblems.invalid(refused));
			return;
		}
		chain.doFilter(new CachedBodyRequest(request, body), response);
	}

	/**
	 * The engine lets whoever holds a task write its variables, and the task's decision
	 * would then be theirs, whoever completes it.
	 */
	private Optional<String> notYours(String taskId, Optional<EngineCaller> caller) {
		if (caller.isEmpty()) {
			return Optional.empty();
		}
		return answerRules.stream()
			.filter(rule -> tasks.createTaskQuery()
				.taskId(taskId)
				.processDefinitionKey(rule.processDefinitionKey())
				.taskDefinitionKey(rule.taskDefinitionKey())
				.count() > 0)
			.flatMap(rule -> rule.refusal(caller.get().userId(), caller.get().groupIds()).stream())
			.findFirst();
	}

	private JsonNode readOrMissing(byte[] body) {
		try {
			JsonNode json = body.length == 0 ? null : mapper.readTree(body);
			return json != null ? json : MissingNode.getInstance();
		}
		catch (IOException notJson) {
			// the engine answers that
			return MissingNode.getInstance();
		}
	}

	/**
	 * The input fields of the task's Camunda Form; empty when it has none (or the task is
	 * unknown: the engine answers that). A form Parcours ships (by its id) takes the
	 * fields it was shipped with, whatever a later deployment under the same id says; a
	 * form that cannot be read takes no field at all.
	 */
	private Optional<Map<String, String>> formFields(String taskId) {
		InputStream form;
		try {
			form = forms.getDeployedTaskForm(taskId);
		}
		catch (RuntimeException noCamundaForm) {
			return Optional.empty();
		}
		try (form) {
			JsonNode deployed = mapper.readTree(form);
			Map<String, String> shipped = shippedForms.get(deployed.path("id").asText());
			return Optional.of(shipped != null ? shipped : keysOf(deployed));
		}
		catch (IOException | RuntimeException unreadable) {
			return Optional.of(Map.of());
		}
	}

	/** The shipped forms and their fields. */
	private static Map<String, Map<String, String>> readShippedForms() {
		Map<String, Map<String, String>> shipped = new HashMap<>();
		ShippedForms.byId().forEach((id, form) -> shipped.put(id, keysOf(form)));
		log.info("Task forms shipped with Parcours, whose fields no deployment widens: {}", shipped.keySet());
		return Map.copyOf(shipped);
	}

	/** The form's input fields, each with its component type. */
	private static Map<String, String> keysOf(JsonNode form) {
		Map<String, String> keys = new LinkedHashMap<>();
		collectKeys(form, keys);
		return Collections.unmodifiableMap(keys);
	}

	private static void collectKeys(JsonNode node, Map<String, String> keys) {
		if (node.hasNonNull("key") && node.hasNonNull("type")) {
			keys.put(node.get("key").asText(), node.get("type").asText());
		}
		node.path("components").forEach(child -> collectKeys(child, keys));
	}

	/** The variable types a form component's value is written as. */
	private enum FieldKind {

		TEXT("text field", "a String", "string"),
		NUMBER("number field", "a number (Integer, Long, Double)", "integer", "long", "short", "double"),
		FLAG("checkbox", "a Boolean", "boolean"), OTHER("field", "its type");

		private final String label;

		private final String types;

		private final Set<String> typeNames;

		FieldKind(String label, String types, String... typeNames) {
			this.label = label;
			this.types = types;
			this.typeNames = Set.of(typeNames);
		}

		static FieldKind of(String component) {
			return switch (String.valueOf(component)) {
				case "textfield", "textarea", "radio", "select", "datetime" -> TEXT;
				case "number" -> NUMBER;
				case "checkbox" -> FLAG;
				default -> OTHER;
			};
		}

		/** No type (the engine infers it) and Null are taken by every field. */
		boolean takes(String type) {
			String name = type.toLowerCase(Locale.ROOT);
			return this == OTHER || name.isEmpty() || "null".equals(name) || typeNames.contains(name);
		}

	}

	/**
	 * The variables a call's body writes, with their values; empty when the body cannot
	 * be read as the engine would (a key given twice would let the engine read other
	 * variables than the ones checked here).
	 */
	private Optional<Map<String, JsonNode>> written(String operation, byte[] body) {
		Map<String, JsonNode> values = new LinkedHashMap<>();
		if (body.length == 0) {
			return Optional.of(values);
		}
		try {
			JsonNode json = mapper.readTree(body);
			if (json == null || !json.isObject()) {
				return Optional.empty();
			}
			json.path(operation.toLowerCase(Locale.ROOT).endsWith("variables") ? "modifications" : "variables")
				.properties()
				.forEach(field -> values.put(field.getKey(), field.getValue()));
			json.path("deletions").forEach(deleted -> values.putIfAbsent(deleted.asText(), MissingNode.getInstance()));
			return Optional.of(values);
		}
		catch (IOException unreadable) {
			return Optional.empty();
		}
	}

}
