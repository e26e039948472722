package io.parcours.experiment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Assigns contacts to experiment variants. A contact is assigned once, at their first
 * exposure, and keeps that variant for good: a change of weights, or traffic moving to a
 * winner, only affects contacts not assigned yet.
 */
@Service
public class Experiments {

	private static final Logger log = LoggerFactory.getLogger(Experiments.class);

	private final ExperimentProperties properties;

	private final Assignments assignments;

	private final Traffic traffic;

	private final Clock clock;

	private final double timeCompression;

	Experiments(ExperimentProperties properties, Assignments assignments, Traffic traffic, Clock clock,
			@Value("${parcours.time-compression:1}") double timeCompression) {
		this.properties = properties;
		this.assignments = assignments;
		this.traffic = traffic;
		this.clock = clock;
		this.timeCompression = Math.max(1, timeCompression);
	}

	public Optional<ExperimentSettings> settings(String experiment) {
		return properties.find(experiment);
	}

	/**
	 * The contact's variant: the one recorded earlier, or one drawn from the current
	 * weights and recorded now.
	 * @param enteredAt when the contact entered the journey: orders count from then on,
	 * for the experiment's conversion window
	 */
	public Assignment assign(String experiment, String contactId, String journey, String processInstanceId,
			Instant enteredAt) {
		return assign(experiment, contactId, journey, processInstanceId, enteredAt, enteredAt);
	}

	/**
	 * As {@link #assign(String, String, String, String, Instant)}, orders counting from
	 * {@code countsFrom} (a little before the journey's start, for the shop's clock), the
	 * window running from when the contact entered: a minute's leeway would otherwise cut
	 * a compressed week of 70 s down to 10.
	 */
	public Assignment assign(String experiment, String contactId, String journey, String processInstanceId,
			Instant countsFrom, Instant enteredAt) {
		ExperimentSettings settings = settings(experiment)
			.orElseThrow(() -> new IllegalArgumentException("no experiment '" + experiment + "' is configured"));
		Optional<Assignment> earlier = assignments.find(experiment, contactId);
		if (earlier.isPresent()) {
			return earlier.get();
		}
		String variant = VariantPicker.pick(experiment, contactId, currentWeights(experiment, settings));
		Assignment assignment = new Assignment(experiment, contactId, variant, clock.instant(), journey,
				processInstanceId, countsFrom, enteredAt.plus(journeyTime(settings.conversionWindow())));
		if (!assignments.insertIfAbsent(assignment)) {
			return assignments.find(experiment, contactId).orElseThrow();
		}
		log.info("Contact {} assigned variant {} of experiment {} (process instance {})", contactId, variant,
				experiment, processInstanceId);
		return assignment;
	}

	/** The variants a journey's experiments offer, in name order. */
	public SortedSet<String> variantsOf(String journey) {
		SortedSet<String> variants = new TreeSet<>();
		experimentsOf(journey).forEach((key, settings) -> variants.addAll(settings.weights().keySet()));
		return variants;
	}

	/**
	 * A test run shows the variant the marketer asks for: its throwaway contact is
	 * assigned it in every experiment of the journey that offers it, before the journey
	 * reaches its A/B split (which then keeps it, as for any contact assigned earlier).
	 */
	public void assignForTestRun(String journey, String contactId, String variant) {
		Instant now = clock.instant();
		experimentsOf(journey).forEach((key, settings) -> {
			if (settings.weights().containsKey(variant)) {
				assignments.insertIfAbsent(new Assignment(key, contactId, variant, now, journey, null, now,
						now.plus(journeyTime(settings.conversionWindow()))));
			}
		});
	}

	private Map<String, ExperimentSettings> experimentsOf(String journey) {
		Map<String, ExperimentSettings> experiments = new TreeMap<>();
		properties.experiments().forEach((key, settings) -> {
			if (journey.equals(settings.journey())) {
				experiments.put(key, settings);
			}
		});
		return experiments;
	}

	/**
	 * The conversion window is journey time: in the demo, where timers run N times faster
	 * (PARCOURS_TIME_COMPRESSION), it shrinks with them, so "7 days after the cart" means
	 * the same in the diagram and in the results.
	 */
	private Duration journeyTime(Duration window) {
		return Duration.ofMillis(Math.round(window.toMillis() / timeCompression));
	}

	Map<String, Integer> currentWeights(String experiment, ExperimentSettings settings) {
		return settings.moveTrafficToWinner() ? settings.weightsIn(traffic.movedTo(experiment)) : settings.weights();
	}

}
