package io.parcours.modeler;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import io.parcours.channel.MessageCategory;
import io.parcours.contact.Channel;
import io.parcours.contact.LifecycleStage;
import io.parcours.experiment.ExperimentProperties;
import io.parcours.offer.OfferProperties;

import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * The choice fields of the element templates (category, channel, stage, experiment,
 * offer), typed by hand in the XML or left over from another project: a value Parcours
 * does not know would deploy, then fail each contact reaching the step.
 */
@Component
class StepInputChecks {

	private record Choice(String input, String what, Supplier<Collection<String>> known) {

		boolean allows(String value) {
			return known.get().contains(value);
		}

	}

	private final List<Choice> choices;

	StepInputChecks(ExperimentProperties experiments, OfferProperties offers) {
		this.choices = List.of(
				new Choice("category", "message category",
						() -> values(MessageCategory.values(), MessageCategory::value)),
				new Choice("channel", "channel", () -> values(Channel.values(), Channel::value)),
				new Choice("stage", "lifecycle stage", () -> values(LifecycleStage.values(), LifecycleStage::value)),
				new Choice("experiment", "experiment", () -> experiments.experiments().keySet()),
				new Choice("offer", "offer", () -> offers.offers().keySet()));
	}

	Optional<ModelProblem> problem(Element element) {
		for (Choice choice : choices) {
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

	private static <T> List<String> values(T[] values, Function<T, String> name) {
		return Arrays.stream(values).map(name).toList();
	}

}
