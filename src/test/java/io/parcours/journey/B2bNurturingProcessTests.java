package io.parcours.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.parcours.ParcoursTest;
import io.parcours.TestCarts;
import io.parcours.TestContacts;
import io.parcours.channel.MessageRecord;
import io.parcours.channel.MessageStatus;
import io.parcours.channel.Messages;
import io.parcours.config.Sql;
import io.parcours.contact.ContactService;
import io.parcours.contact.LifecycleStage;
import io.parcours.event.EventIngestion;
import io.parcours.scoring.LeadScore;
import io.parcours.scoring.LeadScoring;
import io.parcours.scoring.ScoreChange;
import io.parcours.scoring.TestLeads;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every path of bpmn/b2b-nurturing.bpmn, driven by lead events as they arrive through
 * {@code POST /api/events}, with the real DMN tables, delegates and log providers.
 */
@ParcoursTest
@ExtendWith(OutputCaptureExtension.class)
class B2bNurturingProcessTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	TestLeads leads;

	@Autowired
	TaskService tasks;

	@Autowired
	IdentityService identity;

	@Autowired
	LeadScoring scoring;

	@Autowired
	ContactService contacts;

	@Autowired
	TestContacts testContacts;

	@Autowired
	Messages messages;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EventIngestion events;

	@BeforeEach
	void setUp() {
		AbstractAssertions.init(engine);
		withEmail("sam", "sam@parcours.example", "sales");
		withEmail("max", "max@parcours.example", "sales-managers");
	}

	@Test
	void activitiesAddTheirPointsAndTheLeadGoesToSalesTheMomentItIsHot() {
		ProcessInstance lead = leads.create("VP Marketing", 250, "Software", "FR");
		assertThat(lead).isWaitingAt("Task_SendNurture1")
			.variables()
			.containsEntry("fitScore", 80)
			.containsEntry("engagementScore", 0)
			.containsEntry("leadScore", 80)
			.containsEntry("decisionMaker", true);
		assertThat(stageOf(lead)).isEqualTo(LifecycleStage.LEAD);

		leads.activity(lead, "pricing_viewed", Instant.now());
		assertThat(lead).isWaitingAt("Task_SendNurture1").variables().containsEntry("leadScore", 95);

		leads.activity(lead, "content_downloaded", Instant.now());

		assertThat(lead).isWaitingAt("Task_QualifyHotLead", "Task_NotifyOwner")
			.hasPassed("Event_LeadIsHot", "Task_HandToSales")
			.hasNotPassed("Task_SendNurture1")
			.variables()
			.containsEntry("leadScore", 105)
			.containsEntry("salesRep", "sam")
			.containsEntry("salesGroup", "sales");
		assertThat(task(lead)).hasName("Qualify hot lead").isAssignedTo("sam");
		assertThat(candidateGroups(task(lead))).containsExactly("sales");
		assertThat(stageOf(lead)).isEqualTo(LifecycleStage.SALES_QUALIFIED);
		assertThat((String) variable(lead, "scoreBreakdown")).startsWith("Fit 80 (company size 25")
			.contains("engagement 25 = **105**");
		assertThat((String) variable(lead, "recentActivities")).contains("content downloaded +10")
			.contains("pricing viewed +15");
	}

	/**
	 * The lead created again with new company facts: the running journey takes them and
	 * scores its fit again, the engagement kept, and nurtures on where it was.
	 */
	@Test
	void aLeadCreatedAgainIsScoredAgainOnItsNewDetails() {
		ProcessInstance lead = leads.create("Intern", 5, "Other", "JP");
		leads.activity(lead, "pricing_viewed", Instant.now());
		assertThat(lead).isWaitingAt("Task_SendNurture1").variables().containsEntry("engagementScore", 15);
		int fitBefore = (Integer) variable(lead, "fitScore");

		leads.createAgain(lead.getBusinessKey(), "VP Marketing", 250, "Software", "FR");

		assertThat(lead).hasPassed("StartEvent_LeadDetailsChanged", "Task_RescoreLeadFit", "EndEvent_FitRescored")
			.isWaitingAt("Task_SendNurture1")
			.variables()
			.containsEntry("jobTitle", "VP Marketing")
			.containsEntry("companySize", 250)
			.containsEntry("fitScore", 80)
			.containsEntry("engagementScore", 15)
			.containsEntry("leadScore", 95);
		org.assertj.core.api.Assertions.assertThat(fitBefore).isLessThan(80);
		org.assertj.core.api.Assertions
			.assertThat(engine.getRuntimeService()
				.createProcessInstanceQuery()
				.processInstanceBusinessKey(lead.getBusinessKey())
				.count())
			.isOne();
	}

	@Test
	void theOwnerIsNotifiedByEmailOnce() {
		ProcessInstance lead = hotLead();

		execute(job("Task_NotifyOwner", lead));

		assertThat(notifications(lead, "sales-hot-lead")).containsExactly("sam");
	}

	/**
	 * The email waited (provider down, retries) while the rep decided: nobody is told to
	 * act.
	 */
	@Test
	void nobodyIsNotifiedOfALeadDecidedBeforeTheEmailWent() {
		ProcessInstance lead = hotLead();
		Job notifyOwner = job("Task_NotifyOwner", lead);

		complete(lead, "disqualify");
		execute(notifyOwner);

		assertThat(notifications(lead, "sales-hot-lead")).isEmpty();
	}

	@Test
	void aDemoRequestHandsEvenALowFitLeadToSalesAtOnce() {
		ProcessInstance lead = leads.create("Developer", 20, "Agriculture", "US");
		assertThat(lead).variables().containsEntry("leadScore", 10);

		leads.activity(lead, "demo_requested", Instant.now());

		assertThat(lead).isWaitingAt("Task_QualifyHotLead")
			.variables()
			.containsEntry("leadScore", 50)
			.containsEntry("demoRequested", true);
		assertThat(task(lead)).isNotAssigned().hasCandidateGroup("sales");
	}

	/**
	 * The website reported the demo request before the CRM reported the lead it came
	 * from: the request is newer than the lead, and still hands it to sales.
	 */
	@Test
	void aDemoRequestReportedBeforeTheLeadItCameFromHandsItToSales() {
		ProcessInstance lead = createdAfterADemoRequestReported(Duration.ofSeconds(30));

		assertThat(lead).isWaitingAt("Task_QualifyHotLead").variables().containsEntry("demoRequested", true);
	}

	/**
	 * A demo requested for an earlier lead of the contact does not make the new one hot.
	 */
	@Test
	void aDemoRequestedBeforeTheLeadWasCreatedAgainIsNotANewRequest() {
		ProcessInstance lead = createdAfterADemoRequestReported(Duration.ofSeconds(-30));

		assertThat(lead).isNotWaitingAt("Task_QualifyHotLead").variables().containsEntry("demoRequested", false);
	}

	/**
	 * Reported once the lead is nurtured, a demo dated before its creation belonged to an
	 * earlier lead too: the outcome does not depend on the order the events arrive in.
	 */
	@Test
	void aDemoRequestedBeforeTheLeadWasCreatedButReportedAfterIsNotANewRequestEither() {
		ProcessInstance lead = createdAfterADemoRequestReported(Duration.ofSeconds(30));
		complete(lead, "disqualify");
		execute(job("Task_NotifyOwner", lead));
		assertThat(lead).isEnded();
		String contact = lead.getBusinessKey();
		// a demo requested after the rep's decision, before the lead was created again
		sleep(Duration.ofSeconds(1));
		Instant created = Instant.now();
		leads.createAt(contact, created, "Developer", 20, "Agriculture", "US");
		ProcessInstance again = engine.getRuntimeService()
			.createProcessInstanceQuery()
			.processInstanceBusinessKey(contact)
			.active()
			.singleResult();

		leads.activity(TestContacts.newId("evt"), contact, "demo_requested", created.minusMillis(500));

		assertThat(again).isNotWaitingAt("Task_QualifyHotLead").variables().containsEntry("demoRequested", false);
		assertThat(scoring.current(contact, Instant.now()).demoRequested()).isFalse();
		leads.activity(TestContacts.newId("evt"), contact, "demo_requested", created.plusMillis(1));
		assertThat(again).isWaitingAt("Task_QualifyHotLead").variables().containsEntry("demoRequested", true);
	}

	@Test
	void nobodyQualifyingWithinABusinessDayEscalatesToTheSalesManagers() {
		ProcessInstance lead = hotLead();
		Task qualify = task(lead);
		Job overdue = job("Event_QualifyOverdue", lead);
		Instant due = Instant.parse((String) variable(lead, "qualifyDueAt"));
		assertThat(overdue.getDuedate().toInstant()).isEqualTo(due);
		assertThat(qualify.getDueDate().toInstant()).isEqualTo(due);
		assertThat(Duration.between(Instant.now(), due)).isBetween(Duration.ofHours(23), Duration.ofDays(4));

		execute(overdue);
		assertThat(lead).isWaitingAt("Task_QualifyHotLead", "Task_NotifyManagers");
		assertThat(candidateGroups(qualify)).containsExactlyInAnyOrder("sales", "sales-managers");
		execute(job("Task_NotifyManagers", lead));

		assertThat(notifications(lead, "sales-escalation")).containsExactly("max");
		assertThat(lead).isWaitingAt("Task_QualifyHotLead").hasPassed("EndEvent_Escalated");
	}

	@Test
	void acceptingPushesAnOpportunityToTheCrmAndEndsHandedOver() {
		ProcessInstance lead = hotLead();

		complete(lead, "accept");
		assertThat(lead).isWaitingAt("Task_PushToCrm");
		execute(job("Task_PushToCrm", lead));

		assertThat(lead).hasPassed("Task_ClearEngagementOnAccept", "Task_MarkOpportunity", "EndEvent_HandedOver")
			.isNotEnded();
		execute(job("Task_NotifyOwner", lead));
		assertThat(lead).isEnded();
		assertThat(stageOf(lead)).isEqualTo(LifecycleStage.OPPORTUNITY);
		assertThat(jdbc.sql("select status from crm_push where process_instance_id = ?")
			.param(lead.getId())
			.query(String.class)
			.single()).isEqualTo("SENT");
	}

	/**
	 * An activity arriving after the decision, before the push (or between its retries):
	 * the CRM gets the score the rep decided on, the same on every attempt.
	 */
	@Test
	void theCrmGetsTheScoreTheRepDecidedOnWhateverArrivesBeforeThePush(CapturedOutput output) {
		ProcessInstance lead = hotLead();
		Object decidedOn = variable(lead, "leadScore");
		complete(lead, "accept");
		leads.activity(lead, "webinar_attended", Instant.now());
		assertThat(variable(lead, "leadScore")).isNotEqualTo(decidedOn);

		execute(job("Task_PushToCrm", lead));

		assertThat(output).contains("opportunity for contact " + lead.getBusinessKey() + " (score " + decidedOn + ")");
	}

	@Test
	void recyclingReducesTheEngagementAndNurturesTheLeadAgainUntilItIsHotAgain() {
		ProcessInstance lead = hotLead();

		complete(lead, "recycle");

		assertThat(lead).hasPassed("Task_ReduceEngagement", "Task_MarkAsLeadAgain").isWaitingAt("Task_SendNurture1");
		LeadScore score = scoring.current(lead.getBusinessKey(), Instant.now());
		// 25 halved is 12.5, kept as such and shown rounded as every engagement is
		assertThat(score.exactEngagement()).isEqualTo(12.5);
		assertThat(score.engagement()).isEqualTo(13);
		assertThat(score.total()).isLessThan(100);
		assertThat(stageOf(lead)).isEqualTo(LifecycleStage.LEAD);
		assertThat(scoring.history(lead.getBusinessKey(), 1)).first()
			.extracting(ScoreChange::kind, ScoreChange::points)
			.containsExactly(ScoreChange.Kind.RECYCLE, -12);

		leads.activity(lead, "webinar_attended", Instant.now());
		assertThat(lead).isWaitingAt("Task_QualifyHotLead");
		// the rep of the second hand-off reads what the first decision took away
		assertThat((String) variable(lead, "recentActivities")).contains("webinar attended +20",
				"recycled by sales -12");
	}

	/**
	 * An activity while the rep has the task: the form's score, breakdown and recent
	 * activities move together, and the CRM gets the figures the rep saw.
	 */
	@Test
	void anActivityWhileTheLeadIsWithSalesUpdatesTheWholeScoreTheRepReads(CapturedOutput output) {
		ProcessInstance lead = hotLead();

		leads.activity(lead, "webinar_attended", Instant.now());

		assertThat(lead).isWaitingAt("Task_QualifyHotLead").variables().containsEntry("leadScore", 125);
		assertThat((String) variable(lead, "scoreBreakdown")).contains("engagement 45 = **125**");
		assertThat((String) variable(lead, "recentActivities")).startsWith("- ").contains("webinar attended +20");
		complete(lead, "accept");
		execute(job("Task_PushToCrm", lead));
		assertThat(output.getAll()).contains("opportunity for contact " + lead.getBusinessKey() + " (score 125)");
	}

	/**
	 * The journey keeps the threshold it started with (the setting changed since, say):
	 * recycling takes the lead below that one, or it would go straight back to sales.
	 */
	@Test
	void recyclingTakesTheLeadBelowTheJourneysOwnThreshold() {
		ProcessInstance lead = recycledUnderThreshold(90);

		assertThat(lead).isWaitingAt("Task_SendNurture1");
		LeadScore score = scoring.current(lead.getBusinessKey(), Instant.now());
		assertThat(score.engagement()).isEqualTo(9);
		assertThat(score.total()).isEqualTo(89);
		assertThat(stageOf(lead)).isEqualTo(LifecycleStage.LEAD);
	}

	/**
	 * A lead whose fit alone reaches the threshold, recycled: back to nurturing, not
	 * straight back to the rep; new interest makes it hot again.
	 */
	@Test
	void aLeadHotByItsFitAloneRecycledWaitsForNewInterest() {
		ProcessInstance lead = recycledUnderThreshold(70);

		assertThat(lead).isWaitingAt("Task_SendNurture1");
		assertThat(scoring.current(lead.getBusinessKey(), Instant.now()).total()).isEqualTo(80);
		assertThat(engine.getRuntimeService().getVariable(lead.getId(), "hotThreshold")).isEqualTo(81);

		leads.activity(lead, "email_opened", Instant.now());
		assertThat(lead).isWaitingAt("Task_QualifyHotLead");
	}

	/**
	 * A hot lead (fit 80, engagement 25) recycled by a journey holding it to the
	 * threshold.
	 */
	private ProcessInstance recycledUnderThreshold(int hotThreshold) {
		ProcessInstance lead = hotLead();
		engine.getRuntimeService().setVariable(lead.getId(), "hotThreshold", hotThreshold);
		complete(lead, "recycle");
		return lead;
	}

	@Test
	void aLeadWithoutSourceRoutedToAGroupIsNurturedBeforeAndAfterARecycle() {
		ProcessInstance lead = leads.createWithoutSource("Developer", 20, "Agriculture", "US");
		execute(job("Task_SendNurture1", lead));
		leads.activity(lead, "demo_requested", Instant.now());
		assertThat(task(lead)).isNotAssigned();

		complete(lead, "recycle");
		execute(job("Task_SendNurture2", lead));

		assertThat(lead).isWaitingAt("Event_Interval2");
		assertThat(messages.ofContact(lead.getBusinessKey())).extracting(MessageRecord::template, MessageRecord::status)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("b2b-nurture-1", MessageStatus.SENT),
					org.assertj.core.groups.Tuple.tuple("b2b-nurture-2", MessageStatus.SENT));
	}

	/**
	 * Back to nurturing after the emails it already had: the next one, never the first
	 * again.
	 */
	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3 })
	void aRecycledLeadResumesTheSeriesAtTheEmailItHasNotHad(int had) {
		ProcessInstance lead = leads.create("Developer", 20, "Agriculture", "US");
		receiveEmailsUpTo(lead, had);
		leads.activity(lead, "demo_requested", Instant.now());

		complete(lead, "recycle");

		assertThat(lead).hasPassed("Gateway_ResumeNurture").isWaitingAt("Task_SendNurture" + (had + 1));
		execute(job("Task_SendNurture" + (had + 1), lead));
		assertThat(messages.ofContact(lead.getBusinessKey())).extracting(MessageRecord::template)
			.containsExactlyElementsOf(
					IntStream.rangeClosed(1, had + 1).mapToObj(email -> "b2b-nurture-" + email).toList());
	}

	@Test
	void aLeadRecycledAfterTheWholeSeriesIsWatchedForInterestWithoutAnotherEmail() {
		ProcessInstance lead = leads.create("Developer", 20, "Agriculture", "US");
		receiveEmailsUpTo(lead, 3);
		execute(job("Task_SendNurture4", lead));
		leads.activity(lead, "demo_requested", Instant.now());

		complete(lead, "recycle");

		assertThat(lead).isWaitingAt("Event_WatchForInterest");
		assertThat(messages.ofContact(lead.getBusinessKey())).hasSize(4);
		execute(job("Event_WatchForInterest", lead));
		execute(job("Task_NotifyOwner", lead));
		assertThat(lead).isEnded().hasPassed("EndEvent_NotSalesReady");
	}

	/** Emails 1 to {@code last} sent, each interval after them passed. */
	private void receiveEmailsUpTo(ProcessInstance lead, int last) {
		for (int email = 1; email <= last; email++) {
			execute(job("Task_SendNurture" + email, lead));
			messagesAgeBy(lead.getBusinessKey(), Duration.ofDays(3));
			execute(job("Event_Interval" + email, lead));
		}
	}

	@Test
	void aDecisionOutsideTheChoicesIsRefusedAndTheTaskStaysOpen() {
		ProcessInstance lead = hotLead();
		String qualify = task(lead).getId();

		assertThatThrownBy(() -> tasks.complete(qualify, Map.of("decision", "maybe")))
			.isInstanceOf(InvalidTaskInput.class)
			.hasMessage("decision 'maybe' is unknown: it must be one of accept, recycle, disqualify");
		assertThatThrownBy(() -> tasks.complete(qualify)).isInstanceOf(InvalidTaskInput.class)
			.hasMessageStartingWith("decision is missing");
		assertThatThrownBy(() -> tasks.complete(qualify, Map.of("decision", "accept", "reason", 4242L)))
			.isInstanceOf(InvalidTaskInput.class)
			.hasMessage("reason must be text (a String variable), not long");

		assertThat(lead).isWaitingAt("Task_QualifyHotLead");
		assertThat(task(lead).getId()).isEqualTo(qualify);
	}

	@Test
	void disqualifyingEndsTheJourneyAndMarksTheLead() {
		ProcessInstance lead = hotLead();

		complete(lead, "disqualify");
		execute(job("Task_NotifyOwner", lead));

		assertThat(lead).isEnded()
			.hasPassed("Task_ClearEngagement", "EndEvent_Disqualified")
			.hasNotPassed("Task_PushToCrm");
		assertThat(stageOf(lead)).isEqualTo(LifecycleStage.DISQUALIFIED);
		assertThat(scoring.history(lead.getBusinessKey(), 1)).first()
			.extracting(ScoreChange::kind, ScoreChange::points, ScoreChange::engagementAfter)
			.containsExactly(ScoreChange.Kind.DISQUALIFY, -25, 0);
	}

	@Test
	void aLeadThatNeverGetsHotReceivesFourContentEmailsThenLeavesNurturing() {
		ProcessInstance lead = leads.create("Developer", 20, "Agriculture", "US");
		leads.activity(lead, "page_viewed", Instant.now());

		for (int email = 1; email <= 3; email++) {
			execute(job("Task_SendNurture" + email, lead));
			Job interval = job("Event_Interval" + email, lead);
			assertThat(Duration.between(Instant.now(), interval.getDuedate().toInstant()))
				.isBetween(Duration.ofDays(3).minusMinutes(1), Duration.ofDays(3));
			messagesAgeBy(lead.getBusinessKey(), Duration.ofDays(3));
			execute(interval);
		}
		execute(job("Task_SendNurture4", lead));
		Job watch = job("Event_WatchForInterest", lead);
		assertThat(Duration.between(Instant.now(), watch.getDuedate().toInstant()))
			.isBetween(Duration.ofDays(90).minusMinutes(1), Duration.ofDays(90));
		execute(watch);

		assertThat(lead).isEnded().hasPassed("EndEvent_NotSalesReady").hasNotPassed("Task_QualifyHotLead");
		assertThat(messages.ofContact(lead.getBusinessKey())).extracting(MessageRecord::template, MessageRecord::status)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("b2b-nurture-1", MessageStatus.SENT),
					org.assertj.core.groups.Tuple.tuple("b2b-nurture-2", MessageStatus.SENT),
					org.assertj.core.groups.Tuple.tuple("b2b-nurture-3", MessageStatus.SENT),
					org.assertj.core.groups.Tuple.tuple("b2b-nurture-4", MessageStatus.SENT));
		assertThat(messages.ofContact(lead.getBusinessKey()).get(0).body()).contains("Trois habitudes")
			.contains("Agriculture");
	}

	@Test
	void aDemoRequestedAfterTheLastEmailStillHandsTheLeadToSales() {
		ProcessInstance lead = leads.create("Developer", 20, "Agriculture", "US");
		receiveEmailsUpTo(lead, 3);
		execute(job("Task_SendNurture4", lead));
		assertThat(lead).isWaitingAt("Event_WatchForInterest");

		leads.activity(lead, "demo_requested", Instant.now());

		assertThat(lead).isWaitingAt("Task_QualifyHotLead", "Task_NotifyOwner").hasNotPassed("EndEvent_NotSalesReady");
		assertThat(stageOf(lead)).isEqualTo(LifecycleStage.SALES_QUALIFIED);
	}

	@Test
	void inactivityDecaysTheEngagementSoAnOldBurstOfInterestDoesNotMakeALeadHot() {
		Instant now = Instant.now();
		ProcessInstance steady = leads.create("Marketing Manager", 250, "Software", "DE");
		ProcessInstance lapsed = leads.create("Marketing Manager", 250, "Software", "DE");
		assertThat(steady).variables().containsEntry("fitScore", 65);

		leads.activity(steady, "webinar_attended", now.minus(Duration.ofDays(6)));
		leads.activity(steady, "pricing_viewed", now);
		leads.activity(lapsed, "webinar_attended", now.minus(Duration.ofDays(21)));
		leads.activity(lapsed, "pricing_viewed", now);

		// 65 + 20 + 15: hot when the pricing page was viewed, six days after the webinar
		assertThat(steady).isWaitingAt("Task_QualifyHotLead");
		assertThat(scoring.recentActivities(steady.getBusinessKey())).first()
			.extracting(ScoreChange::engagementAfter)
			.isEqualTo(35);
		// 3 weeks at 25 % a week: 20 * 0.75^3 = 8, plus 15
		assertThat(lapsed).isWaitingAt("Task_SendNurture1")
			.variables()
			.containsEntry("engagementScore", 23)
			.containsEntry("leadScore", 88);
		// the fit, scored today, is the latest change; the activities happened earlier
		assertThat(scoring.history(lapsed.getBusinessKey(), 10))
			.filteredOn(change -> change.kind() != ScoreChange.Kind.FIT)
			.extracting(ScoreChange::kind, ScoreChange::points)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(ScoreChange.Kind.ACTIVITY, 15),
					org.assertj.core.groups.Tuple.tuple(ScoreChange.Kind.DECAY, -12),
					org.assertj.core.groups.Tuple.tuple(ScoreChange.Kind.ACTIVITY, 20));
	}

	/**
	 * Activities reported weeks after they happened: the journey compares the score as it
	 * stands now, decayed, not the points as they were on the activities' day.
	 */
	@Test
	void backdatedActivitiesMakeALeadHotOnlyWithWhatIsLeftOfThemNow() {
		ProcessInstance lead = leads.create("Head of Marketing", 120, "Retail", "FR");
		engine.getRuntimeService().setVariable(lead.getId(), "hotThreshold", 80);
		Instant weeksAgo = Instant.now().minus(Duration.ofDays(24));

		leads.activity(lead, "webinar_attended", weeksAgo);
		leads.activity(lead, "webinar_attended", weeksAgo);

		// 3 full weeks at 25 % a week: 40 * 0.75^3 = 17, and 55 + 17 is below 80
		assertThat(lead).isWaitingAt("Task_SendNurture1")
			.variables()
			.containsEntry("fitScore", 55)
			.containsEntry("engagementScore", 17)
			.containsEntry("leadScore", 72);
	}

	@Test
	void aRepeatedActivityEventCountsOnce() {
		ProcessInstance lead = leads.create("Developer", 20, "Agriculture", "US");

		leads.activity("evt-" + lead.getId(), lead.getBusinessKey(), "webinar_attended", Instant.now());
		assertThat(leads.activity("evt-" + lead.getId(), lead.getBusinessKey(), "webinar_attended", Instant.now())
			.duplicate()).isTrue();

		assertThat(lead).variables().containsEntry("engagementScore", 20);
		assertThat(scoring.history(lead.getBusinessKey(), 10)).filteredOn(c -> c.kind() == ScoreChange.Kind.ACTIVITY)
			.hasSize(1);
	}

	@Test
	void activitiesOfALeadWhoseJourneyEndedAreStillScored() {
		ProcessInstance lead = hotLead();
		complete(lead, "disqualify");

		leads.activity(lead, "page_viewed", Instant.now());

		assertThat(scoring.current(lead.getBusinessKey(), Instant.now()).engagement()).isEqualTo(2);
	}

	/**
	 * The CRM sends a disqualified lead again: it is nurtured, and goes back to sales
	 * only on interest shown since the rep disqualified it.
	 */
	@Test
	void aDisqualifiedLeadCreatedAgainGoesToSalesOnlyOnNewInterest() {
		ProcessInstance first = hotLead();
		Instant beforeTheDecision = Instant.now();
		complete(first, "disqualify");
		execute(job("Task_NotifyOwner", first));

		leads.createAgain(first.getBusinessKey(), "VP Marketing", 250, "Software", "FR");
		ProcessInstance again = runningJourneyOf(first.getBusinessKey());
		assertThat(again).isWaitingAt("Task_SendNurture1").variables().containsEntry("leadScore", 80);
		leads.activity(TestContacts.newId("evt"), first.getBusinessKey(), "demo_requested", beforeTheDecision);
		assertThat(again).isWaitingAt("Task_SendNurture1").variables().containsEntry("leadScore", 80);

		leads.activity(again, "pricing_viewed", Instant.now());
		leads.activity(again, "content_downloaded", Instant.now());

		assertThat(again).isWaitingAt("Task_QualifyHotLead").variables().containsEntry("leadScore", 105);
	}

	/** The CRM sends an accepted lead again: sales own it, it is not nurtured again. */
	@Test
	void anAcceptedLeadCreatedAgainIsNotNurturedAgain(CapturedOutput output) {
		ProcessInstance first = hotLead();
		complete(first, "accept");
		execute(job("Task_PushToCrm", first));
		execute(job("Task_NotifyOwner", first));
		assertThat(first).isEnded();

		leads.createAgain(first.getBusinessKey(), "VP Marketing", 250, "Software", "FR");

		assertThat(runningJourneyOf(first.getBusinessKey())).isNull();
		assertThat(stageOf(first)).isEqualTo(LifecycleStage.OPPORTUNITY);
		assertThat(output.getAll()).contains("an opportunity sales accepted: not nurtured again");
	}

	/**
	 * The CRM sending again, later, the lead.created of the lead the rep disqualified.
	 */
	@Test
	void aLeadCreatedDatedBeforeTheRepsDecisionChangesNothing(CapturedOutput output) {
		ProcessInstance first = hotLead();
		Instant beforeTheDecision = Instant.now();
		complete(first, "disqualify");
		execute(job("Task_NotifyOwner", first));

		leads.createAt(first.getBusinessKey(), beforeTheDecision, "VP Marketing", 250, "Software", "FR");

		assertThat(runningJourneyOf(first.getBusinessKey())).isNull();
		assertThat(stageOf(first)).isEqualTo(LifecycleStage.DISQUALIFIED);
		assertThat(output.getAll()).contains("is dated before sales decided on the lead");
	}

	/**
	 * The lead sales accepted became a customer, then a lead again: the interest it
	 * showed before the hand-over was spent on it.
	 */
	@Test
	void anAcceptedLeadThatOrderedAndIsCreatedAgainIsNurturedFromItsFit() {
		ProcessInstance first = hotLead();
		complete(first, "accept");
		execute(job("Task_PushToCrm", first));
		execute(job("Task_NotifyOwner", first));
		assertThat(scoring.history(first.getBusinessKey(), 1)).first()
			.extracting(ScoreChange::kind, ScoreChange::points, ScoreChange::engagementAfter)
			.containsExactly(ScoreChange.Kind.ACCEPT, -25, 0);
		events.accept(TestCarts.order(first.getBusinessKey(), TestContacts.newId("o"), "900.00", null));
		assertThat(stageOf(first)).isEqualTo(LifecycleStage.ACTIVE);

		leads.createAgain(first.getBusinessKey(), "VP Marketing", 250, "Software", "FR");

		assertThat(runningJourneyOf(first.getBusinessKey())).isWaitingAt("Task_SendNurture1")
			.variables()
			.containsEntry("leadScore", 80);
	}

	private ProcessInstance runningJourneyOf(String contactId) {
		return engine.getRuntimeService()
			.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.B2B_NURTURING)
			.processInstanceBusinessKey(contactId)
			.singleResult();
	}

	/**
	 * A demo request dated {@code afterCreation} after the lead's creation, reported
	 * before it.
	 */
	private ProcessInstance createdAfterADemoRequestReported(Duration afterCreation) {
		String contact = testContacts.withConsent(true, false).id();
		Instant created = Instant.now().minusSeconds(60);
		leads.activity(TestContacts.newId("evt"), contact, "demo_requested", created.plus(afterCreation));
		leads.createAt(contact, created, "Developer", 20, "Agriculture", "US");
		return engine.getRuntimeService()
			.createProcessInstanceQuery()
			.processInstanceBusinessKey(contact)
			.singleResult();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** Fit 80 and 25 engagement points: waiting for sales. */
	private ProcessInstance hotLead() {
		ProcessInstance lead = leads.create("VP Marketing", 250, "Software", "FR");
		leads.activity(lead, "pricing_viewed", Instant.now());
		leads.activity(lead, "content_downloaded", Instant.now());
		assertThat(lead).isWaitingAt("Task_QualifyHotLead");
		return lead;
	}

	private void complete(ProcessInstance lead, String decision) {
		tasks.complete(task(lead).getId(),
				Map.of("decision", decision, "reason", "test " + decision, "notes", "from the process test"));
	}

	private Object variable(ProcessInstance lead, String name) {
		return engine.getRuntimeService().getVariable(lead.getId(), name);
	}

	private LifecycleStage stageOf(ProcessInstance lead) {
		return contacts.find(lead.getBusinessKey()).orElseThrow().lifecycleStage();
	}

	private List<String> candidateGroups(Task task) {
		return tasks.getIdentityLinksForTask(task.getId())
			.stream()
			.map(IdentityLink::getGroupId)
			.filter(java.util.Objects::nonNull)
			.toList();
	}

	private List<String> notifications(ProcessInstance lead, String kind) {
		return jdbc.sql("select user_id from sales_notification where kind = ? and idempotency_key like ?")
			.params(kind, lead.getId() + "/%")
			.query(String.class)
			.list();
	}

	private void withEmail(String userId, String email, String group) {
		User user = identity.createUserQuery().userId(userId).singleResult();
		if (user == null) {
			user = identity.newUser(userId);
			user.setFirstName(userId);
			user.setPassword(userId + "-password");
		}
		user.setEmail(email);
		identity.saveUser(user);
		if (identity.createUserQuery().userId(userId).memberOfGroup(group).count() == 0) {
			identity.createMembership(userId, group);
		}
	}

	/**
	 * The timer's wait passes for the frequency cap too (four emails in nine days stay
	 * under three a week): the messages already sent move back in time.
	 */
	private void messagesAgeBy(String contactId, Duration wait) {
		for (MessageRecord message : messages.ofContact(contactId)) {
			jdbc.sql("update message set created_at = ?, sent_at = ? where id = ?")
				.params(Sql.at(message.createdAt().minus(wait)),
						message.sentAt() == null ? null : Sql.at(message.sentAt().minus(wait)), message.id())
				.update();
		}
	}

}
