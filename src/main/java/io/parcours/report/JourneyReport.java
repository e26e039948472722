package io.parcours.report;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.parcours.report.JourneyFigures.MessageCount;
import io.parcours.report.JourneyFigures.StepCount;
import io.parcours.report.JourneyFigures.Totals;
import io.parcours.report.JourneyStats.ChannelMessages;
import io.parcours.report.JourneyStats.Revenue;
import io.parcours.report.JourneyStats.Step;

import org.springframework.stereotype.Service;

/** Puts a journey's definition, objective and figures together. */
@Service
class JourneyReport {

	/** Plumbing, not steps a marketer follows. */
	private static final Set<String> NOT_STEPS = Set.of("exclusiveGateway", "parallelGateway", "inclusiveGateway",
			"eventBasedGateway", "subProcess", "multiInstanceBody", "transaction");

	private final JourneyDefinitions definitions;

	private final JourneyFigures figures;

	private final SharedComputation<String, JourneyStats> running = new SharedComputation<>();

	private final Objectives objectives;

	private final Clock clock;

	JourneyReport(JourneyDefinitions definitions, JourneyFigures figures, Objectives objectives, Clock clock) {
		this.definitions = definitions;
		this.figures = figures;
		this.objectives = objectives;
		this.clock = clock;
	}

	List<JourneySummary> journeys() {
		return definitions.latest()
			.stream()
			.map(journey -> new JourneySummary(journey.key(), journey.name(), journey.version(), journey.description(),
					objectives.of(journey), journey.property(JourneyDefinition.EXPERIMENT_KEY)))
			.toList();
	}

	Optional<JourneyStats> stats(String key) {
		return definitions.latest(key).map(journey -> running.get(journey.key(), () -> stats(journey)));
	}

	private JourneyStats stats(JourneyDefinition journey) {
		Totals totals = figures.totals(journey.key());
		List<MessageCount> messages = figures.messages(journey.key());
		List<Step> funnel = funnel(journey, figures.steps(journey.key()), messages);
		return new JourneyStats(journey.key(), journey.name(), journey.version(), totals.entered(), totals.active(),
				totals.completed(), totals.canceled(), totals.converted(),
				Objectives.rate(totals.converted(), totals.entered()), revenue(totals),
				objective(journey, totals, funnel), byChannel(messages), funnel,
				journey.property(JourneyDefinition.EXPERIMENT_KEY), clock.instant());
	}

	private Objective objective(JourneyDefinition journey, Totals totals, List<Step> funnel) {
		Objective objective = objectives.of(journey);
		if (objective == null) {
			return null;
		}
		String activity = Optional.ofNullable(objectives.activity(journey))
			.orElseGet(() -> journey.stepCalling(Kpis.HAND_TO_SALES));
		long reached = funnel.stream()
			.filter(step -> step.activityId().equals(activity))
			.mapToLong(Step::reached)
			.sum();
		return objective.evaluatedAt(Objectives.actual(objective.kpi(), totals, reached));
	}

	private static Revenue revenue(Totals totals) {
		BigDecimal total = totals.revenueTotal();
		String currency = totals.revenueByCurrency().size() == 1 ? totals.revenueByCurrency().keySet().iterator().next()
				: null;
		return new Revenue(total, currency, totals.revenueByCurrency());
	}

	private static List<ChannelMessages> byChannel(List<MessageCount> messages) {
		return messages.stream()
			.collect(Collectors.groupingBy(MessageCount::channel, TreeMap::new, Collectors.toList()))
			.entrySet()
			.stream()
			.map(channel -> new ChannelMessages(channel.getKey(),
					channel.getValue().stream().mapToLong(MessageCount::count).sum(), sum(channel.getValue(), false),
					sum(channel.getValue(), true)))
			.toList();
	}

	/** Counts by status, or, for skipped messages only, by reason. */
	private static Map<String, Long> sum(List<MessageCount> messages, boolean skippedReasons) {
		return messages.stream()
			.filter(message -> !skippedReasons || message.status().equals("skipped"))
			.collect(Collectors.groupingBy(
					message -> skippedReasons ? String.valueOf(message.reason()) : message.status(), TreeMap::new,
					Collectors.summingLong(MessageCount::count)));
	}

	/**
	 * The step's name and type as the latest version draws it, else as history has it.
	 */
	private static StepCount asDrawn(JourneyDefinition journey, StepCount step) {
		JourneyDefinition.Step drawn = journey.steps().get(step.activityId());
		String name = drawn != null && drawn.name() != null ? drawn.name()
				: step.name() != null ? step.name() : step.activityId();
		String type = drawn != null ? drawn.type() : String.valueOf(step.type());
		return new StepCount(step.activityId(), name, type, step.reached(), step.waiting());
	}

	private static List<Step> funnel(JourneyDefinition journey, List<StepCount> steps, List<MessageCount> messages) {
		Map<String, List<MessageCount>> byStep = messages.stream()
			.filter(message -> message.step() != null)
			.collect(Collectors.groupingBy(MessageCount::step));
		Map<String, StepCount> counted = new LinkedHashMap<>();
		steps.forEach(step -> counted.put(step.activityId(), asDrawn(journey, step)));
		// a step nobody reached yet is part of the funnel too: where contacts stop
		// showing
		journey.steps()
			.forEach((activityId, drawn) -> counted.putIfAbsent(activityId,
					new StepCount(activityId, drawn.name() != null ? drawn.name() : activityId, drawn.type(), 0, 0)));
		return counted.values()
			.stream()
			.filter(step -> !NOT_STEPS.contains(step.type()))
			.sorted(Comparator.comparingInt((StepCount step) -> journey.positionOf(step.activityId()))
				.thenComparing(StepCount::activityId))
			.map(step -> new Step(step.activityId(), step.name(), step.type(), step.reached(), step.waiting(),
					sum(byStep.getOrDefault(step.activityId(), List.of()), false)))
			.toList();
	}

}
