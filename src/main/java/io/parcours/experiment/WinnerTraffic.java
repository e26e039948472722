package io.parcours.experiment;

import java.time.Clock;

import io.parcours.experiment.ExperimentReport.Verdict;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * For experiments that allow it ({@code move-traffic-to-winner}), moves new traffic to
 * the winner once it is significant: from then on new contacts go to the winner or the
 * control group, which keeps measuring the lift. Contacts already assigned keep their
 * variant.
 */
@Component
class WinnerTraffic {

	private static final Logger log = LoggerFactory.getLogger(WinnerTraffic.class);

	private final ExperimentProperties properties;

	private final ExperimentResults results;

	private final Traffic traffic;

	private final Clock clock;

	WinnerTraffic(ExperimentProperties properties, ExperimentResults results, Traffic traffic, Clock clock) {
		this.properties = properties;
		this.results = results;
		this.traffic = traffic;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${parcours.experiment-review-interval:15m}",
			initialDelayString = "${parcours.experiment-review-interval:15m}")
	void review() {
		properties.experiments().forEach((key, settings) -> {
			if (settings.moveTrafficToWinner() && traffic.movedTo(key).isEmpty()) {
				results.report(key).map(ExperimentReport::verdict).ifPresent(verdict -> moveToWinner(key, verdict));
			}
		});
	}

	private void moveToWinner(String key, Verdict verdict) {
		if (verdict.winner() != null && traffic.move(key, verdict.winner(), verdict.reason(), clock.instant())) {
			log.info("Experiment {}: new traffic moves to {} ({})", key, verdict.winner(), verdict.reason());
		}
	}

}
