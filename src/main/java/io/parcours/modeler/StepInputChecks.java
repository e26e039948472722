package io.parcours.modeler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import io.parcours.channel.MessageCategory;
import io.parcours.contact.Channel;
import io.parcours.contact.LifecycleStage;
import io.parcours.experiment.ExperimentProperties;
import io.parcours.offer.OfferProperties;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * The fields of the element templates: a required one left empty, or a choice (category,
 * channel, stage, experiment, offer, score change, recipients) typed by hand in the XML
 * or left over from another project, would deploy, then fail each contact reaching the
 * step.
 */
@Component
class StepInputChecks {

	private record Choice(String input, String what, Supplier<Collection<String>> known) {

		boolean allows(String value) {
			return known.get().contains(value);
		}

	}

	/**
	 * The inputs each step cannot do without, as its element template requires them (the
	 * Modeler only warns about an empty required field).
	 */
	private static final Map<String, List<String>> REQUIRED = Map.of("sendEmail", List.of("template"), "sendSms",
			List.of("template"), "abSplit", List.of("experiment"), "issueDiscountCode", List.of("offer"),
			"checkConsent", List.of("channel"), "updateLeadScore", List.of("change"), "updateLifecycleStage",
			List.of("stage"), "notifySales", List.of("recipients"));

	/**
	 * The fields of our steps the Modeler offers as choices: a value computed at run time
	 * could be anything (another journey's experiment, a template that does not exist).
	 */
	private static final List<String> PICKED = List.of("template", "category", "channel", "stage", "experiment",
			"offer", "change", "recipients");

	private final List<Choice> choices;

	private final ExperimentProperties experiments;

	StepInputChecks(ExperimentProperties experiments, OfferProperties offers) {
		this.experiments = experiments;
		this.choices = List.of(
				new Choice("category", "message category",
						() -> values(MessageCategory.values(), MessageCategory::value)),
				new Choice("channel", "channel", () -> values(Channel.values(), Channel::value)),
				new Choice("stage", "lifecycle stage", () -> values(LifecycleStage.values(), LifecycleStage::value)),
				new Choice("experiment", "experiment", () -> experiments.experiments().keySet()),
				new Choice("offer", "offer", () -> offers.offers().keySet()),
				new Choice("change", "score change", () -> List.of("activity", "recycle", "disqualify", "accept")),
				new Choice("recipients", "recipients", () -> List.of("owner", "managers")));
	}

	Optional<ModelProblem> problem(Element element) {
		String delegate = delegateName(element);
		for (String input : REQUIRED.getOrDefault(delegate, List.of())) {
			if (!Steps.hasInput(element, input)) {
				return Optional.of(new ModelProblem(
						Steps.describe(element, element) + " has no '" + input
								+ "' field, which it needs: fill it in the step's template in the Modeler.",
						element, element.attribute("id")));
			}
		}
		if (REQUIRED.containsKey(delegate)) {
			for (String input : PICKED) {
				if (Steps.isComputedInput(element, input)) {
					return Optional.of(new ModelProblem(Steps.describe(element, element) + " computes its '" + input
							+ "' field with an expression, which cannot be checked before contacts reach the step:"
							+ " pick one of the choices of the step's template field.", element,
							element.attribute("id")));
				}
			}
		}
		for (Choice choice : choices) {
			if (REQUIRED.containsKey(delegate) && Steps.hasEmptyInput(element, choice.input())) {
				return Optional.of(new ModelProblem(
						Steps.describe(element, element) + " leaves its '" + choice.input()
								+ "' field empty: pick one of the choices of the step's template field: "
								+ String.join(", ", choice.known().get().stream().sorted().toList()) + ".",
						element, element.attribute("id")));
			}
			String value = Steps.literalInput(element, choice.input());
			if (value != null && !choice.allows(value)) {
				return Optional
					.of(new ModelProblem(Steps.describe(element, element) + " names " + choice.what() + " '" + value
							+ "', which Parcours does not know; pick one of the choices of the step's template field: "
							+ String.join(", ", choice.known().get().stream().sorted().toList()) + ".", element,
							element.attribute("id")));
			}
		}
		return Optional.empty();
	}

	/**
	 * An experiment measures the journey its settings name: an A/B split of it in another
	 * journey would count that journey's contacts and orders in its results.
	 */
	List<ModelProblem> experimentsOfOtherJourneys(Element process) {
		List<ModelProblem> problems = new ArrayList<>();
		if (!"process".equals(process.getTagName())) {
			return problems;
		}
		collectSplits(process, process.attribute("id"), problems);
		return problems;
	}

	private void collectSplits(Element scope, String journey, List<ModelProblem> problems) {
		for (Element element : scope.elements()) {
			String experiment = "abSplit".equals(delegateName(element)) ? Steps.literalInput(element, "experiment")
					: null;
			var settings = experiment == null ? null : experiments.experiments().get(experiment);
			if (settings != null && !settings.journey().isBlank() && !settings.journey().equals(journey)) {
				problems.add(new ModelProblem(Steps.describe(element, element) + " splits contacts for experiment '"
						+ experiment + "', which measures journey '" + settings.journey()
						+ "': add an experiment for this journey in the settings (parcours.experiments) and pick it.",
						element, element.attribute("id")));
			}
			collectSplits(element, journey, problems);
		}
	}

	/**
	 * {@code sendEmail} for {@code ${sendEmail}} or {@code #{sendEmail}}; empty for any
	 * other implementation.
	 */
	private static String delegateName(Element element) {
		String expression = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "delegateExpression");
		if (expression == null || !(expression.startsWith("${") || expression.startsWith("#{"))
				|| !expression.endsWith("}")) {
			return "";
		}
		return expression.substring(2, expression.length() - 1).strip();
	}

	private static <T> List<String> values(T[] values, Function<T, String> name) {
		return Arrays.stream(values).map(name).toList();
	}

}
