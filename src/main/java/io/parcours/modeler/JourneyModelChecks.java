package io.parcours.modeler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parcours.channel.MessageCategory;
import io.parcours.channel.MessageTemplates;
import io.parcours.config.Groups;
import io.parcours.contact.Channel;
import io.parcours.sales.SalesNotifications;
import io.parcours.experiment.ExperimentProperties;
import io.parcours.journey.OpsOnlyStep;
import io.parcours.journey.ProcessKeys;
import io.parcours.report.ObjectiveOverrides;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * Walks a BPMN document and lists what Parcours could not run: unknown delegates,
 * expressions and classes, message templates and forms, and start messages another
 * journey already starts on. Only literal values are checked; an expression is resolved
 * at run time.
 */
@Component
class JourneyModelChecks {

	private static final Namespace CAMUNDA = BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS;

	private static final Pattern BEAN_EXPRESSION = Pattern.compile("[$#]\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");

	/** The first name an expression reads: a bean, or what the engine gives it. */
	private static final Pattern EXPRESSION_ROOT = Pattern.compile("\\s*[$#]\\{\\s*([A-Za-z_][A-Za-z0-9_]*).*",
			Pattern.DOTALL);

	/** Elements whose text is read by people, never evaluated. */
	private static final Set<String> PROSE = Set.of("documentation", "text");

	private static final Set<String> ENGINE_NAMES = Set.of("execution", "task", "authenticatedUserId");

	private final ListableBeanFactory beans;

	private final ObjectiveOverrides objectiveOverrides;

	private final MessageTemplates templates;

	private final DeployedForms forms;

	private final StartMessageChecks startMessages;

	private final DiagramExpressions expressions;

	private final StepInputChecks inputs;

	private final ExperimentProperties experiments;

	private final DeployedDecisions decisions;

	private final OwnTransactionChecks ownTransactions;

	private final JourneyBoundStepChecks journeyBoundSteps;

	JourneyModelChecks(ListableBeanFactory beans, MessageTemplates templates, DeployedForms forms,
			StartMessageChecks startMessages, DiagramExpressions expressions, StepInputChecks inputs,
			ExperimentProperties experiments, DeployedDecisions decisions, OwnTransactionChecks ownTransactions,
			JourneyBoundStepChecks journeyBoundSteps, ObjectiveOverrides objectiveOverrides) {
		this.objectiveOverrides = objectiveOverrides;
		this.ownTransactions = ownTransactions;
		this.journeyBoundSteps = journeyBoundSteps;
		this.beans = beans;
		this.experiments = experiments;
		this.decisions = decisions;
		this.templates = templates;
		this.forms = forms;
		this.startMessages = startMessages;
		this.expressions = expressions;
		this.inputs = inputs;
	}

	List<ModelProblem> problems(Element root, DeploymentEntity deployment) {
		List<ModelProblem> problems = new ArrayList<>();
		visit(root, root, deployment, problems);
		problems.addAll(startMessages.problems(root));
		problems.addAll(WaitedMessageChecks.problems(root));
		problems.addAll(JourneyStartChecks.problems(root));
		problems.addAll(SynchronousLoopChecks.problems(root));
		problems.addAll(ObjectiveChecks.problems(root, experimentJourneys(), objectiveOverrides::of));
		return problems;
	}

	/**
	 * Visits every element; {@code step} is the nearest one with an id, as named to the
	 * marketer.
	 */
	private void visit(Element element, Element step, DeploymentEntity deployment, List<ModelProblem> problems) {
		if ("process".equals(element.getTagName()) && !Boolean.parseBoolean(element.attribute("isExecutable"))) {
			// a pool drawn for documentation (the shop's side): the engine never parses a
			// new deployment's process unless it is marked executable
			return;
		}
		Element owner = element.attribute("id") != null ? element : step;
		if ("process".equals(element.getTagName())) {
			problems.addAll(journeyBoundSteps.problems(element));
		}
		checkDelegate(element, owner).ifPresent(problems::add);
		checkOpsOnly(element, owner).ifPresent(problems::add);
		checkStepAsListener(element, owner).ifPresent(problems::add);
		ownTransactions.problem(element, owner, delegateExpression(element)).ifPresent(problems::add);
		checkExpression(element, owner).ifPresent(problems::add);
		checkClass(element, owner).ifPresent(problems::add);
		checkScript(element, owner).ifPresent(problems::add);
		checkUnsupported(element, owner).ifPresent(problems::add);
		problems.addAll(checkExpressionsAllowed(element, owner));
		checkTemplate(element).ifPresent(problems::add);
		checkForm(element, deployment).ifPresent(problems::add);
		checkDecision(element, deployment).ifPresent(problems::add);
		TimerChecks.problem(element).ifPresent(problems::add);
		TemplateBindingChecks.problem(element).ifPresent(problems::add);
		checkImplementation(element).ifPresent(problems::add);
		NoOpStepChecks.problem(element).ifPresent(problems::add);
		checkBuiltInType(element, owner).ifPresent(problems::add);
		inputs.problem(element).ifPresent(problems::add);
		problems.addAll(StepNameChecks.problems(element));
		problems.addAll(inputs.experimentsOfOtherJourneys(element));
		element.elements().forEach(child -> visit(child, owner, deployment, problems));
	}

	private Optional<ModelProblem> checkDelegate(Element element, Element step) {
		String expression = delegateExpression(element);
		Optional<String> bean = delegateBean(expression);
		if (bean.isEmpty() || beans.containsBean(bean.get())) {
			return Optional.empty();
		}
		return Optional.of(new ModelProblem(Steps.describe(element, step) + " calls " + expression
				+ ", which Parcours does not know. Apply one of the Parcours element templates to this step in the Modeler"
				+ " (it sets the right call); known steps: " + String.join(", ", knownDelegates()) + ".", element,
				step.attribute("id")));
	}

	/** The bean a whole {@code ${bean}} delegate expression names. */
	static Optional<String> delegateBean(String expression) {
		Matcher bean = expression == null ? null : BEAN_EXPRESSION.matcher(expression);
		return bean != null && bean.matches() ? Optional.of(bean.group(1)) : Optional.empty();
	}

	/**
	 * The sweep's steps, the sweep's process itself and the steps of the hand-off to
	 * sales are deployed by ops (or by Parcours at start): a marketer's diagram could
	 * otherwise enrol the whole dormant base on a timer of its own, or hand leads to
	 * whomever it likes and push them to the CRM with no sales decision.
	 */
	private Optional<ModelProblem> checkOpsOnly(Element element, Element step) {
		if (WhoDeploys.isOpsOrParcours()) {
			return Optional.empty();
		}
		if ("process".equals(element.getTagName()) && ProcessKeys.REACTIVATION_SWEEP.equals(element.attribute("id"))) {
			return Optional.of(new ModelProblem(
					"The process " + ProcessKeys.REACTIVATION_SWEEP
							+ " is the daily reactivation sweep, which only ops (" + Groups.OPS + ") deploy.",
					element, element.attribute("id")));
		}
		if ("process".equals(element.getTagName()) && ProcessKeys.B2B_NURTURING.equals(element.attribute("id"))) {
			// without its hand-off steps, a version would still take every new lead from
			// sales
			return Optional.of(new ModelProblem(
					"The process " + ProcessKeys.B2B_NURTURING + " hands hot leads to sales, so only ops (" + Groups.OPS
							+ ") deploy it; marketers change"
							+ " its scoring through its decision tables (lead-fit.dmn, lead-engagement.dmn).",
					element, element.attribute("id")));
		}
		String expression = delegateExpression(element);
		Optional<String> bean = delegateBean(expression);
		OpsOnlyStep opsOnly = bean.isEmpty() || !beans.containsBean(bean.get()) ? null
				: beans.findAnnotationOnBean(bean.get(), OpsOnlyStep.class);
		if (opsOnly == null) {
			return Optional.empty();
		}
		return Optional.of(new ModelProblem(Steps.describe(element, step) + " runs " + expression + ", "
				+ opsOnly.value() + ": only ops (" + Groups.OPS + ") deploy it.", element, step.attribute("id")));
	}

	/**
	 * A Parcours step called as a listener runs without what its template sets and
	 * deployment checks of it (the experiment of an A/B split, the stage of a lifecycle
	 * update): it would split the contacts of this journey into another's experiment, or
	 * fail every contact who passes.
	 */
	private Optional<ModelProblem> checkStepAsListener(Element element, Element step) {
		if (!Set.of("executionListener", "taskListener").contains(element.getTagName())) {
			return Optional.empty();
		}
		String expression = delegateExpression(element);
		Optional<String> bean = delegateBean(expression).filter(beans::containsBean);
		if (bean.isEmpty() || !beans.isTypeMatch(bean.get(), JavaDelegate.class)
				|| beans.isTypeMatch(bean.get(), ExecutionListener.class)
				|| beans.isTypeMatch(bean.get(), TaskListener.class)) {
			return Optional.empty();
		}
		return Optional.of(new ModelProblem(Steps.describe(step, step) + " has a listener calling " + expression
				+ ", a Parcours step: steps are tasks of their own. Remove the listener and draw a task with the"
				+ " Parcours element template of that step instead.", element, step.attribute("id")));
	}

	/** {@code camunda:expression="${noSuchBean.run(execution)}"} names no bean. */
	private Optional<ModelProblem> checkExpression(Element element, Element step) {
		String expression = element.attributeNS(CAMUNDA, "expression");
		// a field injection may read a process variable, unknown at deployment
		if (expression == null && isCamunda(element) && !"field".equals(element.getTagName())) {
			expression = element.attribute("expression");
		}
		Matcher root = expression == null ? null : EXPRESSION_ROOT.matcher(expression);
		if (root == null || !root.matches() || ENGINE_NAMES.contains(root.group(1))
				|| beans.containsBean(root.group(1))) {
			return Optional.empty();
		}
		return Optional.of(new ModelProblem(Steps.describe(element, step) + " runs " + expression.strip()
				+ ", but Parcours has nothing called '" + root.group(1) + "'. Apply one of the Parcours element "
				+ "templates to this step in the Modeler; known steps: " + String.join(", ", knownDelegates()) + ".",
				element, step.attribute("id")));
	}

	/**
	 * {@code camunda:class} (or a variable mapping class, a form handler class, a form
	 * field's validator) names Java code: library code on the class path would run with
	 * the engine's rights, and a Parcours step called by its class escapes the checks of
	 * its template (an ops-only sweep step, a send without its message template).
	 */
	private Optional<ModelProblem> checkClass(Element element, Element step) {
		for (String attribute : List.of("class", "variableMappingClass", "formHandlerClass", "config")) {
			String className = camundaAttribute(element, attribute);
			// a form field's validator names a class in its config, unless it is an
			// expression
			if (attribute.equals("config") && (!"validator".equals(element.attribute("name")) || className == null
					|| className.contains("{"))) {
				continue;
			}
			if (className == null || className.isBlank()) {
				continue;
			}
			Optional<String> bean = beanOfClass(className.strip());
			if (bean.isPresent()) {
				return Optional.of(new ModelProblem(Steps.describe(element, step) + " calls the Java class "
						+ className.strip() + " directly, which skips what Parcours checks of its steps. Apply the "
						+ "Parcours element template to this step in the Modeler (it calls ${" + bean.get() + "}).",
						element, step.attribute("id")));
			}
			// a class is code chosen by whoever deploys: Parcours' own tests and ops only
			if (isParcoursClass(className.strip()) && WhoDeploys.isOpsOrParcours()) {
				continue;
			}
			return Optional.of(new ModelProblem(
					Steps.describe(element, step) + " calls the Java class " + className.strip()
							+ (isParcoursClass(className.strip()) ? ", which only ops may name in a diagram"
									: ", which is not part of Parcours")
							+ ". Apply one of the Parcours element templates "
							+ "to this step in the Modeler; known steps: " + String.join(", ", knownDelegates()) + ".",
					element, step.attribute("id")));
		}
		return Optional.empty();
	}

	/** The Parcours step a class is, as the element templates call it. */
	private Optional<String> beanOfClass(String className) {
		if (!isParcoursClass(className)) {
			return Optional.empty();
		}
		Class<?> type = ClassUtils.resolveClassName(className, null);
		if (!JavaDelegate.class.isAssignableFrom(type)) {
			return Optional.empty();
		}
		return Arrays.stream(beans.getBeanNamesForType(type, true, false)).findFirst();
	}

	private static boolean isParcoursClass(String className) {
		return className.startsWith("io.parcours.") && ClassUtils.isPresent(className, null);
	}

	/**
	 * The engine's built-in task types run outside Parcours: {@code shell} runs a command
	 * on the server with the engine's rights, {@code mail} sends outside the delivery
	 * policy, {@code external} waits for a worker Parcours does not have (contacts would
	 * stay there for good). Refused on every element that takes one, in any spelling.
	 */
	private static Optional<ModelProblem> checkBuiltInType(Element element, Element step) {
		String type = element.attributeNS(CAMUNDA, "type");
		boolean connector = hasConnector(element);
		if (type == null && !connector) {
			return Optional.empty();
		}
		String what = type == null ? "a connector" : "the engine's built-in '" + type + "' task type";
		return Optional.of(new ModelProblem(Steps.describe(element, step) + " uses " + what
				+ ", which Parcours does not run (no shell commands, mail outside the delivery policy or external"
				+ " workers). Apply one of Parcours' templates (Send email, Send SMS, A/B split...) instead.", element,
				step.attribute("id")));
	}

	private static boolean hasConnector(Element element) {
		Element extensions = element.element("extensionElements");
		return extensions != null && extensions.elementNS(CAMUNDA, "connector") != null;
	}

	/** A service step with no template applied does nothing the engine can run. */
	private static Optional<ModelProblem> checkImplementation(Element element) {
		if (!"serviceTask".equals(element.getTagName()) && !"sendTask".equals(element.getTagName())) {
			return Optional.empty();
		}
		boolean implemented = List.of("class", "delegateExpression", "expression", "type")
			.stream()
			.anyMatch(attribute -> camundaAttribute(element, attribute) != null) || hasConnector(element);
		if (implemented) {
			return Optional.empty();
		}
		return Optional.of(new ModelProblem(
				Steps.describe(element, element)
						+ " does nothing yet: select it in the Modeler and apply one of Parcours' templates"
						+ " (Send email, Send SMS, A/B split, Update lifecycle stage...).",
				element, element.attribute("id")));
	}

	private Optional<ModelProblem> checkScript(Element element, Element step) {
		boolean script = "scriptTask".equals(element.getTagName()) || "script".equals(element.getTagName())
				|| element.attribute("language") != null || camundaAttribute(element, "resource") != null;
		if (!script || "script".equals(element.getTagName()) && "scriptTask".equals(step.getTagName())) {
			// a script task's own script: the task is named once
			return Optional.empty();
		}
		String what = "scriptTask".equals(element.getTagName()) ? " is a script task" : " runs a script";
		return Optional.of(new ModelProblem(Steps.describe(step, step) + what + ". Journeys run no "
				+ "scripts: use the Parcours element templates for steps, and expressions on journey variables for "
				+ "conditions.", element, step.attribute("id")));
	}

	/**
	 * Every expression of the element's attributes and text, against
	 * {@link DiagramExpressions}.
	 */
	private List<ModelProblem> checkExpressionsAllowed(Element element, Element step) {
		List<ModelProblem> problems = new ArrayList<>();
		for (String attribute : element.attributes()) {
			String value = element.attribute(attribute);
			boolean stepCall = attribute.endsWith("elegateExpression");
			report(element, step, value, expressions.problems(String.valueOf(value), stepCall), problems);
		}
		String text = element.getText();
		if (text != null && !PROSE.contains(element.getTagName())) {
			report(element, step, text, expressions.problems(text, false), problems);
		}
		return problems;
	}

	private static void report(Element element, Element step, String value, List<String> found,
			List<ModelProblem> problems) {
		for (String problem : found) {
			problems.add(new ModelProblem(Steps.describe(element, step) + " has the expression " + value.strip()
					+ ", which " + problem + ". Expressions may read journey variables, compare and combine them; "
					+ "steps come from the Parcours element templates.", element, step.attribute("id")));
		}
	}

	/**
	 * An element of Camunda's extensions, or of the Activiti ones the engine still reads.
	 */
	private static boolean isCamunda(Element element) {
		return CAMUNDA.getNamespaceUri().equals(element.getUri())
				|| CAMUNDA.hasAlternativeUri() && CAMUNDA.getAlternativeUri().equals(element.getUri());
	}

	/**
	 * What Parcours does not run in a journey: an embedded, external or generated form
	 * (HTML that would run in the Tasklist of whoever opens the task: the engine writes a
	 * generated form's labels into its HTML unescaped; Parcours forms are Camunda Forms,
	 * by form reference), and a call of another process (which could start a process its
	 * deployer may not start, the daily sweep say).
	 */
	private static final Set<String> GENERATED_FORMS = Set.of("formData", "formField", "formProperty");

	private Optional<ModelProblem> checkUnsupported(Element element, Element step) {
		if (camundaAttribute(element, "formKey") != null) {
			return Optional.of(new ModelProblem(
					Steps.describe(element, step) + " shows a form by form key (" + camundaAttribute(element, "formKey")
							+ "). Parcours forms are Camunda Forms: pick the form in "
							+ "the step's form reference (camunda:formRef) and deploy its .form file.",
					element, step.attribute("id")));
		}
		if (isCamunda(element) && GENERATED_FORMS.contains(element.getTagName())) {
			return Optional.of(new ModelProblem(Steps.describe(element, step)
					+ " shows a form generated from form fields (camunda:" + element.getTagName()
					+ "). Parcours forms are Camunda Forms: pick the form in the step's form reference"
					+ " (camunda:formRef) and deploy its .form file.", element, step.attribute("id")));
		}
		if ("callActivity".equals(element.getTagName())) {
			return Optional.of(new ModelProblem(
					Steps.describe(element, step) + " calls another process (" + element.attribute("calledElement")
							+ "). A journey does not start other processes: each journey"
							+ " starts on its own event, and ops start the daily sweep.",
					element, step.attribute("id")));
		}
		return Optional.empty();
	}

	private static String camundaAttribute(Element element, String name) {
		String value = element.attributeNS(CAMUNDA, name);
		if (value == null && isCamunda(element)) {
			value = element.attribute(name);
		}
		return value;
	}

	private Optional<ModelProblem> checkTemplate(Element element) {
		String template = Steps.literalInput(element, "template");
		if (template == null) {
			return Optional.empty();
		}
		if (SalesNotifications.STAFF_TEMPLATES.contains(template)) {
			return Optional.of(new ModelProblem(
					Steps.describe(element, element) + " sends message template '" + template
							+ "', which is written for sales reps, not for the journey's contacts."
							+ " Pick one of the choices of the step's template field.",
					element, element.attribute("id")));
		}
		List<Channel> channels = channelsOf(element);
		if (channels.stream().anyMatch(channel -> templates.exists(template, channel))) {
			return sentAsTransactional(element, template);
		}
		String on = channels.size() == 1 ? " for " + channels.get(0) : "";
		return Optional.of(new ModelProblem(
				Steps.describe(element, element) + " sends message template '" + template + "', which does not exist"
						+ on + ". Pick one of the choices of the step's template field, or add the "
						+ "template under src/main/resources/messages/" + template + "/ (en and fr) first.",
				element, element.attribute("id")));
	}

	/**
	 * A transactional message skips the frequency cap and quiet hours, and carries no
	 * unsubscribe link: a promotion sent so would reach people who asked for no more.
	 */
	private Optional<ModelProblem> sentAsTransactional(Element element, String template) {
		if (!MessageCategory.TRANSACTIONAL.value().equals(Steps.literalInput(element, "category"))
				|| templates.isTransactional(template)) {
			return Optional.empty();
		}
		return Optional.of(new ModelProblem(Steps.describe(element, element) + " sends message template '" + template
				+ "' as transactional, but it is a marketing message: a transactional one skips the frequency cap"
				+ " and quiet hours and carries no unsubscribe link, so only a message answering something the"
				+ " contact did (an order's thank-you, its messages/<template>/category.txt saying transactional)"
				+ " may be sent so. Pick the marketing category.", element, element.attribute("id")));
	}

	private Optional<ModelProblem> checkForm(Element element, DeploymentEntity deployment) {
		return notDeployed(element, "formRef", form -> forms.available(form, element, deployment),
				form -> " shows form '" + form + "', which is not deployed. Deploy the form file (forms/" + form
						+ ".form, whose id must be the same) together with the diagram, or correct the form reference.");
	}

	private Optional<ModelProblem> checkDecision(Element element, DeploymentEntity deployment) {
		return notDeployed(element, "decisionRef", decision -> decisions.available(decision, element, deployment),
				decision -> " evaluates decision table '" + decision + "', which is not deployed. Deploy its .dmn"
						+ " file (whose decision id must be the same) together with the diagram, or correct the"
						+ " decision reference.");
	}

	private static Optional<ModelProblem> notDeployed(Element element, String attribute, Predicate<String> deployed,
			Function<String, String> problem) {
		String reference = element.attributeNS(CAMUNDA, attribute);
		if (reference == null || reference.contains("{") || deployed.test(reference)) {
			return Optional.empty();
		}
		return Optional.of(new ModelProblem(Steps.describe(element, element) + problem.apply(reference), element,
				element.attribute("id")));
	}

	/** The delegate expression of a task or event, or of a listener element. */
	static String delegateExpression(Element element) {
		String expression = element.attributeNS(CAMUNDA, "delegateExpression");
		if (expression == null && isCamunda(element)) {
			expression = element.attribute("delegateExpression");
		}
		return expression;
	}

	/**
	 * The channel of a send step: that of its delegate ("Send SMS" sends SMS, whatever a
	 * {@code channel} input says), else its fixed {@code channel} input.
	 */
	private static List<Channel> channelsOf(Element element) {
		String delegate = String.valueOf(delegateExpression(element)).toLowerCase();
		if (delegate.contains("sms")) {
			return List.of(Channel.SMS);
		}
		if (delegate.contains("email")) {
			return List.of(Channel.EMAIL);
		}
		String channel = Steps.literalInput(element, "channel");
		if (channel != null) {
			try {
				return List.of(Channel.fromValue(channel));
			}
			catch (IllegalArgumentException unknown) {
				return List.of(Channel.values());
			}
		}
		return List.of(Channel.values());
	}

	private Map<String, String> experimentJourneys() {
		Map<String, String> journeys = new HashMap<>();
		experiments.experiments().forEach((key, settings) -> journeys.put(key, settings.journey()));
		return journeys;
	}

	/** The steps whoever deploys may use: a marketer is not offered the ops-only ones. */
	private List<String> knownDelegates() {
		boolean ops = WhoDeploys.isOpsOrParcours();
		return List.of(beans.getBeanNamesForType(JavaDelegate.class))
			.stream()
			.filter(bean -> ops || beans.findAnnotationOnBean(bean, OpsOnlyStep.class) == null)
			.sorted()
			.toList();
	}

}
