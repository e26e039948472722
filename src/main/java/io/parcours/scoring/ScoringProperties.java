package io.parcours.scoring;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * Lead scoring settings ({@code parcours.scoring.*}). The points themselves live in the
 * DMN tables ({@code bpmn/lead-fit.dmn}, {@code bpmn/lead-engagement.dmn}), where
 * marketers change them.
 *
 * @param hotThreshold fit + engagement from which a lead goes to sales at once
 * @param decayPerWeek share of the engagement score lost per full week without activity
 * @param recycleReduction share of the engagement score removed when sales recycle a lead
 * @param nurtureInterval time between two nurturing emails
 * @param interestWatch how long after the last nurturing email a lead stays watched, so
 * that a demo request or a late burst of interest still hands it to sales
 * @param recentActivities how many recent activities the sales rep sees
 */
@ConfigurationProperties("parcours.scoring")
public record ScoringProperties(@DefaultValue("100") int hotThreshold, @DefaultValue("0.25") double decayPerWeek,
		@DefaultValue("0.5") double recycleReduction,
		@DefaultValue("P3D") @DurationUnit(ChronoUnit.DAYS) Duration nurtureInterval,
		@DefaultValue("P90D") @DurationUnit(ChronoUnit.DAYS) Duration interestWatch,
		@DefaultValue("5") int recentActivities) {

	public ScoringProperties {
		if (decayPerWeek < 0 || decayPerWeek >= 1 || recycleReduction < 0 || recycleReduction > 1) {
			throw new IllegalArgumentException(
					"parcours.scoring.decay-per-week must be in [0, 1[ and recycle-reduction in [0, 1]");
		}
		if (nurtureInterval.isNegative() || nurtureInterval.isZero() || interestWatch.isNegative()) {
			throw new IllegalArgumentException(
					"parcours.scoring.nurture-interval must be positive and interest-watch not negative (P3D, or 3 for days), not "
							+ nurtureInterval + " and " + interestWatch);
		}
	}

}
