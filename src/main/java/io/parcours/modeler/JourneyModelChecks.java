package io.parcours.modeler;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parcours.channel.MessageTemplates;
import io.parcours.contact.Channel;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * Walks a BPMN document and lists what Parcours could not run: unknown delegates, message
 * templates and forms. Only literal values are checked; an expression is resolved at run
 * time.
 */
@Component
class JourneyModelChecks {

	private static final Namespace CAMUNDA = BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS;

	private static final Pattern BEAN_EXPRESSION = Pattern.compile("[$#]\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");

	private final ListableBeanFactory beans;

	private final MessageTemplates templates;

	private final DeployedForms forms;

	JourneyModelChecks(ListableBeanFactory beans, MessageTemplates templates, DeployedForms forms) {
		this.beans = beans;
		this.templates = templates;
		this.forms = forms;
	}

	List<ModelProblem> problems(Element root, DeploymentEntity deployment) {
		List<ModelProblem> problems = new ArrayList<>();
		visit(root, root, deployment, problems);
		return problems;
	}

	/**
	 * Visits every element; {@code step} is the nearest one with an id, as named to the
	 * marketer.
	 */
	private void visit(Element element, Element step, DeploymentEntity deployment, List<ModelProblem> problems) {
		Element owner = element.attribute("id") != null ? element : step;
		checkDelegate(element, owner).ifPresent(problems::add);
		checkTemplate(element).ifPresent(problems::add);
		checkForm(element, deployment).ifPresent(problems::add);
		element.elements().forEach(child -> visit(child, owner, deployment, problems));
	}

	private Optional<ModelProblem> checkDelegate(Element element, Element step) {
		String expression = delegateExpression(element);
		Matcher bean = expression == null ? null : BEAN_EXPRESSION.matcher(expression);
		if (bean == null || !bean.matches() || beans.containsBean(bean.group(1))) {
			return Optional.empty();
		}
		return Optional.of(new ModelProblem(Steps.describe(element, step) + " calls " + expression
				+ ", which Parcours does not know. Apply one of the Parcours element templates to this step in the Modeler"
				+ " (it sets the right call); known steps: " + String.join(", ", knownDelegates()) + ".", element,
				step.attribute("id")));
	}

	private Optional<ModelProblem> checkTemplate(Element element) {
		String template = Steps.literalInput(element, "template");
		if (template == null) {
			return Optional.empty();
		}
		List<Channel> channels = channelsOf(element);
		if (channels.stream().anyMatch(channel -> templates.exists(template, channel))) {
			return Optional.empty();
		}
		String on = channels.size() == 1 ? " for " + channels.get(0) : "";
		return Optional.of(new ModelProblem(
				Steps.describe(element, element) + " sends message template '" + template + "', which does not exist"
						+ on + ". Pick one of the choices of the step's template field, or add the "
						+ "template under src/main/resources/messages/" + template + "/ (en and fr) first.",
				element, element.attribute("id")));
	}

	private Optional<ModelProblem> checkForm(Element element, DeploymentEntity deployment) {
		String formRef = element.attributeNS(CAMUNDA, "formRef");
		if (formRef == null || formRef.contains("{") || forms.available(formRef, element, deployment)) {
			return Optional.empty();
		}
		return Optional.of(new ModelProblem(
				Steps.describe(element, element) + " shows form '" + formRef
						+ "', which is not deployed. Deploy the form file (forms/" + formRef
						+ ".form, whose id must be the same) together with the diagram, or correct the form reference.",
				element, element.attribute("id")));
	}

	/** The delegate expression of a task or event, or of a listener element. */
	private static String delegateExpression(Element element) {
		String expression = element.attributeNS(CAMUNDA, "delegateExpression");
		if (expression == null && CAMUNDA.getNamespaceUri().equals(element.getUri())) {
			expression = element.attribute("delegateExpression");
		}
		return expression;
	}

	/** The channel of a send step: its fixed {@code channel} input, else its delegate. */
	private static List<Channel> channelsOf(Element element) {
		String channel = Steps.literalInput(element, "channel");
		if (channel != null) {
			try {
				return List.of(Channel.fromValue(channel));
			}
			catch (IllegalArgumentException unknown) {
				return List.of(Channel.values());
			}
		}
		String delegate = String.valueOf(delegateExpression(element)).toLowerCase();
		if (delegate.contains("sms")) {
			return List.of(Channel.SMS);
		}
		return delegate.contains("email") ? List.of(Channel.EMAIL) : List.of(Channel.values());
	}

	private List<String> knownDelegates() {
		return List.of(beans.getBeanNamesForType(JavaDelegate.class)).stream().sorted().toList();
	}

}
