package io.parcours.scoring;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.parcours.contact.ContactService;
import io.parcours.journey.SimulatedNow;
import io.parcours.journey.TestRunContacts;
import io.parcours.scoring.ScoreChange.Kind;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps each lead's score: fit from the {@code lead-fit} decision, engagement from the
 * {@code lead-engagement} decision, decayed for inactivity, and a history of every
 * change. Each change carries a source key (an event id, a journey step) and is applied
 * once, whatever the number of times it is asked for.
 */
@Service
public class LeadScoring {

	private static final Logger log = LoggerFactory.getLogger(LeadScoring.class);

	/** How far back recent activities are looked for among the score changes. */
	static final int HISTORY_WINDOW = 100;

	/** The activity that hands a lead to sales whatever its score. */
	static final String DEMO_REQUESTED = "demo_requested";

	private final LeadScores scores;

	private final LeadDecisions decisions;

	private final ScoringProperties properties;

	private final EngagementDecay decay;

	/** A test run's time is the contact's, uncompressed: a week is a week. */
	private final EngagementDecay testRunDecay;

	private final Clock clock;

	private final ContactService contacts;

	LeadScoring(LeadScores scores, LeadDecisions decisions, ScoringProperties properties, Clock clock,
			@Value("${parcours.time-compression:1}") double timeCompression, ContactService contacts) {
		this.contacts = contacts;
		this.scores = scores;
		this.decisions = decisions;
		this.properties = properties;
		this.decay = EngagementDecay.of(properties.decayPerWeek(), timeCompression);
		this.testRunDecay = new EngagementDecay(properties.decayPerWeek());
		this.clock = clock;
	}

	/**
	 * Scores the lead's fit (a new nurturing journey, for a lead created at
	 * {@code createdAt}, {@code at} when not known); engagement is kept.
	 */
	@Transactional
	public ScoredFit scoreFit(String contactId, LeadProfile profile, String sourceKey, Instant at, Instant createdAt) {
		// the decay until now goes on record first, so the history explains the score
		LeadScore score = decayed(lock(contactId, at).engagedAtTheLatest(SimulatedNow.of(clock)), sourceKey, at);
		FitScore fit = decisions.fit(profile);
		if (!scores.changeRecorded(sourceKey)) {
			scores.saveFit(contactId, fit, at, createdAt != null ? createdAt : at);
			// what the change added to the score: a fit scored again may take points away
			scores.recordChange(contactId, sourceKey,
					new ScoreChange(Kind.FIT, null, fit.points() - score.fit(), score.engagement(), at));
			log.info("Lead {} fit scored {} ({})", contactId, fit.points(), fit.breakdown());
		}
		return new ScoredFit(current(contactId, at), fit);
	}

	/** The lead's score after its fit was scored, and the fit's details. */
	public record ScoredFit(LeadScore score, FitScore fit) {
	}

	/**
	 * Decays the engagement to the activity's time, then adds the activity's points (an
	 * activity reported late adds its points decayed to the engagement's date, so the
	 * score does not depend on the order events arrive in). An activity dated ahead of
	 * our clock (the sender's clock, a test) counts as happening now: decaying to its
	 * date would wipe the engagement, and an engagement dated ahead would not decay until
	 * then. A test run's now is its simulated moment, so its scripted weeks decay.
	 * Returns the score as it stands now: an activity reported weeks late makes a lead
	 * hot only with what is left of its points.
	 */
	@Transactional
	public LeadScore addActivity(String contactId, String activity, String sourceKey, Instant occurredAt) {
		Instant now = SimulatedNow.of(clock);
		Instant at = notAfterNow(occurredAt);
		if (!at.equals(occurredAt)) {
			log.info("Lead {}: {} dated {}, ahead of our clock, scored at {}", contactId, activity, occurredAt, at);
		}
		LeadScore score = decayed(lock(contactId, at).engagedAtTheLatest(now), sourceKey, at);
		if (scores.changeRecorded(sourceKey)) {
			return decayedTo(score, now);
		}
		double points = decisions.engagementPoints(activity);
		boolean judgedBySales = scores.lastJudgedBySalesAt(contactId).filter(at::isBefore).isPresent();
		if (judgedBySales) {
			// reported after sales recycled or disqualified the lead, who judged the
			// interest shown until then: only new interest makes the lead hot again, nor
			// does a demo request of that time hand it back
			log.info("Lead {}: {} dated {}, before sales judged the lead, scores no points", contactId, activity, at);
			points = 0;
		}
		Instant since;
		if (score.exactEngagement() > 0 && at.isBefore(score.engagementSince())) {
			// reported after later activities: it brings what its points had decayed to
			// by then, as if it had arrived first
			points = decayOf(contactId).apply(points, at, score.engagementSince());
			since = score.engagementSince();
		}
		else {
			// with no engagement yet, nothing decays: inactivity is counted from this
			// activity
			since = score.exactEngagement() == 0 ? at : latest(score.engagementSince(), at);
		}
		LeadScore updated = score.withEngagement(score.exactEngagement() + points, since,
				score.demoRequested() || !judgedBySales && isDemoForThisLead(contactId, activity, at));
		scores.saveEngagement(updated, at);
		// the points as the history shows them: what they add to the score shown
		int shown = updated.engagement() - score.engagement();
		scores.recordChange(contactId, sourceKey,
				new ScoreChange(Kind.ACTIVITY, activity, shown, updated.engagement(), at));
		LeadScore current = decayedTo(updated, now);
		log.info("Lead {}: {} +{} points, engagement {}, total {}", contactId, activity, shown, current.engagement(),
				current.total());
		return current;
	}

	/**
	 * A demo requested before the lead was created belonged to an earlier one; before any
	 * lead, the lead's creation decides (it counts the requests dated since).
	 */
	private boolean isDemoForThisLead(String contactId, String activity, Instant at) {
		return DEMO_REQUESTED.equals(activity)
				&& scores.leadCreatedAt(contactId).map(created -> !at.isBefore(created)).orElse(true);
	}

	/**
	 * Sales sent the lead back to nurturing: engagement reduced by the recycle share, and
	 * at least below the journey's hot threshold, so only new interest makes the lead hot
	 * again.
	 */
	@Transactional
	public LeadScore recycle(String contactId, String sourceKey, Instant at, int hotThreshold) {
		LeadScore score = decayed(lock(contactId, at).engagedAtTheLatest(SimulatedNow.of(clock)), sourceKey, at);
		if (scores.changeRecorded(sourceKey)) {
			return score;
		}
		double reduced = score.exactEngagement() * (1 - properties.recycleReduction());
		int belowHot = Math.max(0, hotThreshold - score.fit() - 1);
		// not a sign of interest: the inactivity clock runs on
		LeadScore updated = score.withEngagement(Math.min(reduced, belowHot), score.engagementSince(), false);
		scores.saveEngagement(updated, at);
		scores.recordChange(contactId, sourceKey, new ScoreChange(Kind.RECYCLE, null,
				updated.engagement() - score.engagement(), updated.engagement(), at));
		return updated;
	}

	/**
	 * Sales disqualified or accepted the lead ({@code decision}): the interest it showed
	 * until then is spent, so a lead created again (the CRM sending it anew, a customer
	 * later) goes to sales only on new interest.
	 */
	@Transactional
	public LeadScore clearEngagement(String contactId, Kind decision, String sourceKey, Instant at) {
		LeadScore score = decayed(lock(contactId, at).engagedAtTheLatest(SimulatedNow.of(clock)), sourceKey, at);
		if (scores.changeRecorded(sourceKey)) {
			return score;
		}
		LeadScore cleared = score.withEngagement(0, score.engagementSince(), false);
		scores.saveEngagement(cleared, at);
		scores.recordChange(contactId, sourceKey,
				new ScoreChange(decision, null, -score.engagement(), cleared.engagement(), at));
		return cleared;
	}

	/** The score as it stands at {@code at}, decay included; nothing is written. */
	@Transactional(readOnly = true)
	public LeadScore current(String contactId, Instant at) {
		return scores.find(contactId)
			.map(score -> decayedTo(score.engagedAtTheLatest(SimulatedNow.of(clock)), at))
			.orElse(null);
	}

	/** The score with its engagement decayed to {@code at}; nothing is written. */
	private LeadScore decayedTo(LeadScore score, Instant at) {
		return score.withEngagement(
				decayOf(score.contactId()).apply(score.exactEngagement(), score.engagementSince(), at),
				score.engagementSince(), score.demoRequested());
	}

	/** The latest changes first. */
	public List<ScoreChange> history(String contactId, int limit) {
		return scores.history(contactId, limit);
	}

	/** The lead's latest activities, latest first, as many as the setting says. */
	/**
	 * The latest changes of the engagement: activities, and what took points away since
	 * (inactivity, a decision of sales), so a demo request before a recycle does not read
	 * as a new one.
	 */
	public List<ScoreChange> recentActivities(String contactId) {
		return scores.history(contactId, HISTORY_WINDOW)
			.stream()
			.filter(change -> change.kind() != Kind.FIT)
			.limit(properties.recentActivities())
			.toList();
	}

	public int hotThreshold() {
		return properties.hotThreshold();
	}

	/**
	 * The contact's row first, then its score, as an event does (it locks the contact,
	 * then its journey scores it): a journey step scoring the lead (a recycle, which then
	 * changes the contact's stage) taking them the other way round would deadlock with
	 * it.
	 */
	private LeadScore lock(String contactId, Instant now) {
		contacts.lock(contactId);
		return scores.lock(contactId, now);
	}

	private EngagementDecay decayOf(String contactId) {
		return TestRunContacts.isTestRun(contactId) ? testRunDecay : decay;
	}

	/**
	 * Records the decay since the last activity, so the history explains the score. The
	 * engagement written is dated after the full weeks counted, not at {@code at}: the
	 * part-week of inactivity begun still counts.
	 */
	private LeadScore decayed(LeadScore score, String sourceKey, Instant at) {
		EngagementDecay decay = decayOf(score.contactId());
		double engagement = decay.apply(score.exactEngagement(), score.engagementSince(), at);
		if (engagement == score.exactEngagement() || scores.changeRecorded(sourceKey)) {
			return score;
		}
		LeadScore updated = score.withEngagement(engagement, decay.countedTo(score.engagementSince(), at),
				score.demoRequested());
		scores.saveEngagement(updated, at);
		scores.recordChange(score.contactId(), sourceKey + "/decay",
				new ScoreChange(Kind.DECAY, null, updated.engagement() - score.engagement(), updated.engagement(), at));
		return updated;
	}

	private Instant notAfterNow(Instant at) {
		Instant now = SimulatedNow.of(clock);
		return at.isAfter(now) ? now : at;
	}

	private static Instant latest(Instant a, Instant b) {
		return a == null || b.isAfter(a) ? b : a;
	}

}
