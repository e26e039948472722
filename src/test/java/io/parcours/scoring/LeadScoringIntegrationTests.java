package io.parcours.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.time.temporal.ChronoUnit;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;
import io.parcours.config.Sql;
import io.parcours.contact.ContactService;
import io.parcours.journey.SimulatedNow;
import io.parcours.journey.TestRunContacts;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Activities dated ahead of the application's clock: accepted (events may carry a later
 * date than our clock), scored as happening now, so they neither wipe the engagement by
 * decaying it to their date nor freeze its decay until then.
 */
@ParcoursTest
class LeadScoringIntegrationTests {

	static final Duration A_YEAR = Duration.ofDays(365);

	static final Duration THREE_WEEKS = Duration.ofDays(21);

	@Autowired
	LeadScoring scoring;

	@Autowired
	TestLeads leads;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	LeadScores scores;

	@Autowired
	LeadDecisions decisions;

	@Autowired
	ScoringProperties properties;

	@Autowired
	ContactService contacts;

	@Test
	void anActivityDatedAYearAheadAddsItsPointsWithoutWipingTheEngagement() {
		String lead = TestContacts.newId("lead");
		Instant now = Instant.now();
		engagedWith18Points(lead, now.minus(Duration.ofHours(1)));

		LeadScore score = scoring.addActivity(lead, "page_viewed", "test:" + lead + ":ahead", now.plus(A_YEAR));

		assertThat(score.engagement()).isEqualTo(20);
		assertThat(score.engagementSince()).isBetween(now, Instant.now());
		assertThat(scoring.history(lead, 1)).first().satisfies(change -> {
			assertThat(change.kind()).isEqualTo(ScoreChange.Kind.ACTIVITY);
			assertThat(change.points()).isEqualTo(2);
			assertThat(change.engagementAfter()).isEqualTo(20);
			assertThat(change.occurredAt()).isBetween(now, Instant.now());
		});
		assertThat(scoring.history(lead, 10)).noneMatch(change -> change.kind() == ScoreChange.Kind.DECAY);
	}

	@Test
	void theEngagementAfterAnActivityDatedAheadDecaysFromNowNotFromItsDate() {
		String lead = TestContacts.newId("lead");
		Instant now = Instant.now();
		engagedWith18Points(lead, now.minus(Duration.ofHours(1)));

		scoring.addActivity(lead, "page_viewed", "test:" + lead + ":ahead", now.plus(A_YEAR));

		// 3 full weeks at 25 % a week: 20 * 0.75^3 = 8
		assertThat(scoring.current(lead, now.plus(THREE_WEEKS).plus(Duration.ofMinutes(1))).engagement()).isEqualTo(8);
	}

	/**
	 * The API refuses more than 5 minutes ahead; within them, the activity counts as now.
	 */
	@Test
	void anActivityEventDatedMinutesAheadReachesTheJourneyWithItsPoints() {
		ProcessInstance lead = leads.create("Developer", 20, "Agriculture", "US");
		Instant now = Instant.now();

		leads.activity(lead, "webinar_attended", now.minus(Duration.ofHours(1)));
		leads.activity(lead, "page_viewed", now.plus(Duration.ofMinutes(4)));

		assertThat(scoring.current(lead.getBusinessKey(), Instant.now()).engagement()).isEqualTo(22);
		assertThat(scoring.current(lead.getBusinessKey(), Instant.now()).engagementSince())
			.isBeforeOrEqualTo(Instant.now());
	}

	@Test
	void aScoreStoredWithItsEngagementDatedAheadDecaysFromNow() {
		String lead = TestContacts.newId("lead");
		Instant now = Instant.now();
		jdbc.sql("""
				insert into lead_score (contact_id, fit, fit_breakdown, engagement, engagement_exact, engagement_since,
				  updated_at)
				values (?, 0, '', 20, 20, ?, ?)""").params(lead, Sql.at(now.plus(A_YEAR)), Sql.at(now)).update();

		assertThat(scoring.current(lead, now.plus(THREE_WEEKS).plus(Duration.ofMinutes(1))).engagement()).isEqualTo(8);
		assertThat(
				scoring.addActivity(lead, "email_opened", "test:" + lead + ":opened", Instant.now()).engagementSince())
			.isBeforeOrEqualTo(Instant.now());
	}

	/**
	 * An old activity reported after a recent one is decayed as if it had arrived first:
	 * the score does not depend on the order the events arrive in.
	 */
	@Test
	void anActivityReportedLateCountsDecayedToItsAgeWhateverTheArrivalOrder() {
		String inOrder = TestContacts.newId("lead");
		String late = TestContacts.newId("lead");
		Instant now = Instant.now();
		Instant threeWeeksAgo = now.minus(THREE_WEEKS).minus(Duration.ofMinutes(1));

		scoring.addActivity(inOrder, "pricing_viewed", "test:" + inOrder + ":old", threeWeeksAgo);
		LeadScore arrivedInOrder = scoring.addActivity(inOrder, "webinar_attended", "test:" + inOrder + ":new", now);
		scoring.addActivity(late, "webinar_attended", "test:" + late + ":new", now);
		LeadScore arrivedLate = scoring.addActivity(late, "pricing_viewed", "test:" + late + ":old", threeWeeksAgo);

		// 15 points three weeks ago, at 25 % a week: 15 * 0.75^3 = 6; plus 20 now
		assertThat(arrivedInOrder.engagement()).isEqualTo(26);
		assertThat(arrivedLate.engagement()).isEqualTo(26);
		assertThat(scoring.history(late, 10)).filteredOn(change -> "pricing_viewed".equals(change.activity()))
			.singleElement()
			.extracting(ScoreChange::points)
			.isEqualTo(6);
	}

	/**
	 * Forty opens two weeks before a page view, reported after it: each open is worth
	 * half a point by then, and together they bring what they bring in order, not forty
	 * points rounded up one by one.
	 */
	@Test
	void manySmallActivitiesReportedLateAddUpAsTheyWouldInOrder() {
		String inOrder = TestContacts.newId("lead");
		String late = TestContacts.newId("lead");
		Instant now = Instant.now();
		Instant twoWeeksAgo = now.minus(Duration.ofDays(14)).minus(Duration.ofMinutes(1));

		for (int open = 0; open < 40; open++) {
			scoring.addActivity(inOrder, "email_opened", "test:" + inOrder + ":open" + open,
					twoWeeksAgo.plusSeconds(open));
		}
		LeadScore arrivedInOrder = scoring.addActivity(inOrder, "page_viewed", "test:" + inOrder + ":page", now);
		scoring.addActivity(late, "page_viewed", "test:" + late + ":page", now);
		LeadScore arrivedLate = null;
		for (int open = 0; open < 40; open++) {
			arrivedLate = scoring.addActivity(late, "email_opened", "test:" + late + ":open" + open,
					twoWeeksAgo.plusSeconds(open));
		}

		int page = scoring.history(late, 100)
			.stream()
			.filter(change -> "page_viewed".equals(change.activity()))
			.findFirst()
			.orElseThrow()
			.points();
		// 40 points two weeks ago, at 25 % a week: 40 * 0.75^2 = 22.5
		assertThat(arrivedInOrder.engagement()).isEqualTo(Math.round(22.5 + page));
		assertThat(arrivedLate.engagement()).isEqualTo(arrivedInOrder.engagement());
		assertThat(scoring.history(late, 100)
			.stream()
			.filter(change -> change.kind() == ScoreChange.Kind.ACTIVITY)
			.mapToInt(ScoreChange::points)
			.sum()).as("the history adds up to the score shown").isEqualTo(arrivedLate.engagement());
	}

	/**
	 * A test run plays weeks in seconds: its activities are dated at its simulated
	 * moments, ahead of the clock, and decay between them as they would for a real lead.
	 */
	@Test
	void inATestRunActivitiesScriptedWeeksApartDecayBetweenThem() {
		String lead = TestContacts.newId("lead");
		Instant start = Instant.now();
		engagedWith18Points(lead, start);
		Instant threeWeeksLater = start.plus(THREE_WEEKS).plus(Duration.ofMinutes(1));

		LeadScore score = SimulatedNow.during(threeWeeksLater,
				() -> scoring.addActivity(lead, "page_viewed", "test:" + lead + ":later", threeWeeksLater));

		// 18 * 0.75^3 = 7.6, rounded to 8, then 2 points for the page view (20 without
		// decay)
		assertThat(score.engagement()).isEqualTo(10);
		assertThat(score.engagementSince()).isEqualTo(threeWeeksLater);
	}

	/**
	 * A test run's time is the contact's own, uncompressed, even on a node whose timers
	 * run 8640 times faster: a day between two scripted activities is no week of decay.
	 */
	@Test
	void inATestRunOnACompressedNodeAWeekIsStillAWeek() {
		LeadScoring compressed = new LeadScoring(scores, decisions, properties, Clock.systemUTC(), 8640, contacts);
		String lead = TestRunContacts.PREFIX + TestContacts.newId("lead");
		Instant start = Instant.now();
		Instant aDayLater = start.plus(Duration.ofDays(1));
		try {
			SimulatedNow.during(start,
					() -> compressed.addActivity(lead, "content_downloaded", "test:" + lead + ":1", start));

			LeadScore score = SimulatedNow.during(aDayLater,
					() -> compressed.addActivity(lead, "content_downloaded", "test:" + lead + ":2", aDayLater));

			assertThat(score.engagement()).isEqualTo(20);
		}
		finally {
			// as the test run's cleanup does
			jdbc.sql("delete from lead_score_change where contact_id = ?").param(lead).update();
			jdbc.sql("delete from lead_score where contact_id = ?").param(lead).update();
		}
	}

	/**
	 * A recycle halves the engagement without restarting the inactivity clock: the days
	 * of the week already begun still count towards its next decay.
	 */
	@Test
	void aRecycleKeepsThePartWeekOfInactivityBeforeIt() {
		String lead = TestContacts.newId("lead");
		// as precise as the database keeps it
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Instant tenDaysAgo = now.minus(Duration.ofDays(10));
		scoring.addActivity(lead, "pricing_viewed", "test:" + lead + ":1", tenDaysAgo);

		LeadScore recycled = scoring.recycle(lead, "test:" + lead + ":recycle", now, 1000);

		// 15 * 0.75 = 11.25, halved: 5.625 (shown 6), inactive since 3 days already
		assertThat(recycled.exactEngagement()).isCloseTo(5.625, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(recycled.engagement()).isEqualTo(6);
		assertThat(recycled.engagementSince()).isEqualTo(tenDaysAgo.plus(Duration.ofDays(7)));
		assertThat(scoring.current(lead, now.plus(Duration.ofDays(4)).plusSeconds(1)).engagement()).isEqualTo(4);
	}

	/**
	 * Sales judged the interest shown until the recycle: an activity from before it,
	 * reported after, brings no points; one after it does.
	 */
	@Test
	void anActivityFromBeforeTheRecycleReportedAfterItScoresNothing() {
		String lead = TestContacts.newId("lead");
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		recycledTenSecondsAgo(lead, now);
		int afterRecycle = scoring.current(lead, now).engagement();

		LeadScore late = scoring.addActivity(lead, "content_downloaded", "test:" + lead + ":2", now.minusSeconds(20));
		LeadScore fresh = scoring.addActivity(lead, "page_viewed", "test:" + lead + ":3", now.minusSeconds(5));

		assertThat(late.engagement()).isEqualTo(afterRecycle);
		assertThat(fresh.engagement()).isEqualTo(afterRecycle + 2);
		assertThat(scoring.history(lead, 10)).filteredOn(change -> "content_downloaded".equals(change.activity()))
			.extracting(ScoreChange::points)
			.containsExactly(0);
	}

	/**
	 * A demo request from before the recycle, reported after it, was part of what sales
	 * judged: it does not hand the lead straight back; one made after the recycle does.
	 */
	@Test
	void aDemoRequestFromBeforeTheRecycleReportedAfterItDoesNotHandTheLeadBack() {
		String lead = TestContacts.newId("lead");
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		recycledTenSecondsAgo(lead, now);

		LeadScore late = scoring.addActivity(lead, "demo_requested", "test:" + lead + ":demo-late",
				now.minusSeconds(20));
		assertThat(late.demoRequested()).isFalse();

		LeadScore fresh = scoring.addActivity(lead, "demo_requested", "test:" + lead + ":demo-new",
				now.minusSeconds(5));
		assertThat(fresh.demoRequested()).isTrue();
	}

	/** Engaged a minute ago, recycled by sales ten seconds ago. */
	private void recycledTenSecondsAgo(String lead, Instant now) {
		scoring.addActivity(lead, "pricing_viewed", "test:" + lead + ":1", now.minusSeconds(60));
		scoring.recycle(lead, "test:" + lead + ":recycle", now.minusSeconds(10), 1000);
	}

	/**
	 * A fit scored again weeks after the last activity: the decay goes on record first,
	 * so the fit's entry states the engagement the lead had then, as an activity's does.
	 */
	@Test
	void aFitScoredAgainAfterWeeksOfInactivityRecordsTheDecayFirst() {
		String lead = TestContacts.newId("lead");
		Instant now = Instant.now();
		scoring.addActivity(lead, "webinar_attended", "test:" + lead + ":webinar",
				now.minus(THREE_WEEKS).minus(Duration.ofMinutes(1)));

		scoring.scoreFit(lead, new LeadProfile("CTO", 500, "Software", "FR"), "test:" + lead + ":fit", now, now);

		List<ScoreChange> history = scoring.history(lead, 2);
		// 20 points three weeks ago, at 25 % a week: 20 * 0.75^3 = 8.4
		assertThat(history.get(0).kind()).isEqualTo(ScoreChange.Kind.FIT);
		assertThat(history.get(0).engagementAfter()).isEqualTo(8);
		assertThat(history.get(1).kind()).isEqualTo(ScoreChange.Kind.DECAY);
		assertThat(history.get(1).engagementAfter()).isEqualTo(8);
		assertThat(scoring.current(lead, Instant.now()).engagement()).isEqualTo(8);
	}

	private void engagedWith18Points(String lead, Instant at) {
		scoring.addActivity(lead, "content_downloaded", "test:" + lead + ":1", at);
		scoring.addActivity(lead, "email_clicked", "test:" + lead + ":2", at);
		scoring.addActivity(lead, "page_viewed", "test:" + lead + ":3", at);
		assertThat(scoring.addActivity(lead, "email_opened", "test:" + lead + ":4", at).engagement()).isEqualTo(18);
	}

}
