package io.parcours.reactivation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.parcours.ParcoursTest;
import io.parcours.contact.Contact;
import io.parcours.journey.ProcessKeys;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * bpmn/reactivation-sweep.bpmn: the schedule, enrolment page by page, progress, one sweep
 * at a time, and a sweep that stops half-way and goes on without enrolling anyone twice.
 */
@ParcoursTest
class ReactivationSweepProcessTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Autowired
	HistoryService history;

	@Autowired
	DormantCustomers customers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	MockMvc mvc;

	@Autowired
	Sweeps sweeps;

	@Autowired
	ReactivationProperties properties;

	@BeforeEach
	void bindEngine() {
		AbstractAssertions.init(engine);
	}

	@AfterEach
	void stopLeftoverSweeps() {
		runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.REACTIVATION_SWEEP)
			.list()
			.forEach(sweep -> runtime.deleteProcessInstance(sweep.getId(), "test over"));
	}

	@Test
	void theSweepIsScheduledDailyAtNineFromTheSetting() {
		Job timer = management.createJobQuery()
			.processDefinitionKey(ProcessKeys.REACTIVATION_SWEEP)
			.timers()
			.singleResult();

		LocalDateTime due = LocalDateTime.ofInstant(timer.getDuedate().toInstant(), ZoneId.systemDefault());
		assertThat(due.getHour()).isEqualTo(9);
		assertThat(due.getMinute()).isZero();
		assertThat(due).isBefore(LocalDateTime.now().plusDays(1).plusMinutes(1));
		assertThat(timer.getPriority()).isEqualTo(-10);
	}

	@Test
	void aSweepEnrolsEveryDormantCustomerPageByPageAndShowsItsProgress() throws Exception {
		List<Contact> dormant = List.of(customers.dormant(true, false), customers.dormant(false, true),
				customers.dormant(true, true), customers.dormant(true, false), customers.dormant(true, false));
		Contact noConsent = customers.dormant(false, false);
		Contact recent = customers.lastOrdered(Duration.ofDays(10), true, true);

		ProcessInstance sweep = startSweep(2);
		assertThat(sweep).isWaitingAt("Task_FindDormantCustomers");
		executeSweepJob(sweep);
		assertThat(sweep).isWaitingAt("Task_EnrolPage").variables().containsEntry("sweepAlreadyRunning", false);
		int found = (Integer) runtime.getVariable(sweep.getId(), SweepVariables.FOUND);
		assertThat(found).isGreaterThanOrEqualTo(dormant.size());
		executeSweepJob(sweep);
		assertThat(runtime.getVariables(sweep.getId())).containsEntry(SweepVariables.ENROLLED, 2)
			.containsEntry(SweepVariables.PAGES, 1)
			.containsEntry(SweepVariables.MORE_DORMANT, true);
		mvc.perform(get("/api/reactivation/sweeps/" + sweep.getId()).with(httpBasic("mia", "mia")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.found").value(found))
			.andExpect(jsonPath("$.enrolled").value(2))
			.andExpect(jsonPath("$.running").value(true));

		assertThat(sweepJob(sweep).getPriority()).as("a page job runs after other journeys' jobs").isEqualTo(-10);
		runToEnd(sweep);

		assertThat(sweep).isEnded().hasPassed("EndEvent_AllEnrolled");
		dormant.forEach(contact -> assertThat(journeysOf(contact.id())).isOne());
		String journey = runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(dormant.get(0).id())
			.processDefinitionKey(ProcessKeys.REACTIVATION)
			.singleResult()
			.getId();
		assertThat(management.createJobQuery().processInstanceId(journey).singleResult().getPriority())
			.as("the enrolled journey's jobs come after the sweep's pages")
			.isEqualTo(-20);
		List<Date> slots = dormant.stream()
			.map(contact -> runtime.createProcessInstanceQuery()
				.processInstanceBusinessKey(contact.id())
				.processDefinitionKey(ProcessKeys.REACTIVATION)
				.singleResult()
				.getId())
			.map(instance -> management.createJobQuery()
				.processInstanceId(instance)
				.timers()
				.singleResult()
				.getDuedate())
			.sorted()
			.toList();
		for (int i = 1; i < slots.size(); i++) {
			assertThat(slots.get(i).getTime() - slots.get(i - 1).getTime())
				.as("first emails spread at 50 per second, one slot each")
				.isGreaterThanOrEqualTo(20);
		}
		dormant.forEach(contact -> assertThat(enrolmentsOf(contact.id())).isOne());
		assertThat(journeysOf(noConsent.id())).isZero();
		assertThat(journeysOf(recent.id())).isZero();
		Map<String, Object> figures = finalVariables(sweep);
		assertThat(figures).containsEntry(SweepVariables.ENROLLED, found)
			.containsEntry(SweepVariables.MORE_DORMANT, false);
		mvc.perform(get("/api/reactivation/sweeps").with(httpBasic("mia", "mia")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].id").value(sweep.getId()))
			.andExpect(jsonPath("$[0].enrolled").value(found))
			.andExpect(jsonPath("$[0].running").value(false))
			.andExpect(jsonPath("$[0].pages").value((found + 1) / 2));

		// the next sweep reads the same customers, now in their journeys: pages count
		// those that enrolled someone
		ProcessInstance next = startSweep(2);
		runToEnd(next);
		Map<String, Object> again = finalVariables(next);
		assertThat((Integer) again.get(SweepVariables.PAGES))
			.isEqualTo(((Integer) again.get(SweepVariables.ENROLLED) + 1) / 2);
	}

	/**
	 * Old orders imported while a sweep runs make more contacts dormant than it counted
	 * when it opened: they are enrolled too, and found never shows fewer than enrolled.
	 */
	@Test
	void contactsBecomingDormantDuringASweepCountAsFound() throws Exception {
		customers.dormant(true, false);
		ProcessInstance sweep = startSweep(500);
		executeSweepJob(sweep);
		int counted = (Integer) runtime.getVariable(sweep.getId(), SweepVariables.FOUND);
		Contact importedMeanwhile = customers.dormant(true, false);

		runToEnd(sweep);

		assertThat(journeysOf(importedMeanwhile.id())).isOne();
		Map<String, Object> figures = finalVariables(sweep);
		assertThat(figures).containsEntry(SweepVariables.FOUND, counted + 1)
			.containsEntry(SweepVariables.ENROLLED, counted + 1);
		mvc.perform(get("/api/reactivation/sweeps/" + sweep.getId()).with(httpBasic("mia", "mia")))
			.andExpect(jsonPath("$.found").value(counted + 1))
			.andExpect(jsonPath("$.enrolled").value(counted + 1));
	}

	@Test
	void aSweepStoppedHalfWayAndStartedAgainEnrolsEachCustomerExactlyOnce() {
		List<String> base = customers.seed(DormantCustomers.newOrderId(), 300);
		ProcessInstance sweep = startSweep(50);
		executeSweepJob(sweep);
		executeSweepJob(sweep);
		executeSweepJob(sweep);
		assertThat(enrolled(base)).isEqualTo(100);

		// the node stops during the third page: the page's work is done but never
		// committed
		Job third = sweepJob(sweep);
		transaction.executeWithoutResult(crash -> {
			management.executeJob(third.getId());
			crash.setRollbackOnly();
		});
		assertThat(enrolled(base)).isEqualTo(100);
		assertThat(sweepJob(sweep).getId()).isEqualTo(third.getId());

		runToEnd(sweep);

		assertThat(sweep).isEnded();
		assertThat(base).allSatisfy(contact -> {
			assertThat(enrolmentsOf(contact)).as("enrolments of %s", contact).isOne();
			assertThat(journeysOf(contact)).as("journeys of %s", contact).isOne();
		});
		ProcessInstance nextDay = startSweep(50);
		runToEnd(nextDay);
		assertThat(enrolled(base)).isEqualTo(300);
		assertThat(base).allSatisfy(contact -> assertThat(journeysOf(contact)).isOne());
	}

	@Test
	void aSweepCancelledHalfWayIsTakenOverByTheNextWithoutEnrollingAnyoneTwice() {
		List<String> base = customers.seed(DormantCustomers.newOrderId(), 120);
		ProcessInstance first = startSweep(40);
		executeSweepJob(first);
		executeSweepJob(first);
		runtime.deleteProcessInstance(first.getId(), "stopped by ops");
		Instant firstSweepsLastSlot = sweeps.find(first.getId()).orElseThrow().nextSendAt();

		ProcessInstance second = startSweep(40);
		executeSweepJob(second);
		assertThat(second).isWaitingAt("Task_EnrolPage");
		executeSweepJob(second);
		// its first page queues after the slots the cancelled sweep's journeys still wait
		// for
		assertThat(sweeps.find(second.getId()).orElseThrow().nextSendAt())
			.isAfterOrEqualTo(firstSweepsLastSlot.plus(properties.sendInterval().multipliedBy(40)));
		runToEnd(second);

		assertThat(base).allSatisfy(contact -> assertThat(journeysOf(contact)).isOne());
		assertThat(enrolled(base)).isEqualTo(120);
	}

	@Test
	void aSweepStartedWhileAnotherRunsIsSkipped() {
		customers.dormant(true, false);
		ProcessInstance first = startSweep(1);
		executeSweepJob(first);
		assertThat(first).isWaitingAt("Task_EnrolPage");

		ProcessInstance second = startSweep(1);
		executeSweepJob(second);

		assertThat(second).isEnded().hasPassed("EndEvent_Skipped").hasNotPassed("Task_EnrolPage");
		runToEnd(first);
		assertThat(first).isEnded().hasPassed("EndEvent_AllEnrolled");
	}

	private ProcessInstance startSweep(int pageSize) {
		return runtime.startProcessInstanceByKey(ProcessKeys.REACTIVATION_SWEEP,
				Map.of(SweepVariables.PAGE_SIZE, pageSize));
	}

	private Job sweepJob(ProcessInstance sweep) {
		return management.createJobQuery().processInstanceId(sweep.getId()).singleResult();
	}

	private void executeSweepJob(ProcessInstance sweep) {
		management.executeJob(sweepJob(sweep).getId());
	}

	private void runToEnd(ProcessInstance sweep) {
		for (Job job = sweepJob(sweep); job != null; job = sweepJob(sweep)) {
			management.executeJob(job.getId());
		}
	}

	private Map<String, Object> finalVariables(ProcessInstance sweep) {
		Map<String, Object> variables = new HashMap<>();
		history.createHistoricVariableInstanceQuery()
			.processInstanceId(sweep.getId())
			.list()
			.forEach(variable -> variables.put(variable.getName(), variable.getValue()));
		return variables;
	}

	private long journeysOf(String contactId) {
		return runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.REACTIVATION)
			.processInstanceBusinessKey(contactId)
			.count();
	}

	private int enrolmentsOf(String contactId) {
		return jdbc.sql("select count(*) from reactivation_enrolment where contact_id = ?")
			.param(contactId)
			.query(Integer.class)
			.single();
	}

	private int enrolled(List<String> contacts) {
		return jdbc.sql("select count(*) from reactivation_enrolment where contact_id between ? and ?")
			.params(contacts.get(0), contacts.get(contacts.size() - 1))
			.query(Integer.class)
			.single();
	}

}
