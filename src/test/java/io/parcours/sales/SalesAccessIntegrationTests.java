package io.parcours.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.parcours.ParcoursTest;
import io.parcours.scoring.TestLeads;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who may do what with sales tasks, checked through the engine's services as the webapps
 * and the REST API call them: with the user authenticated and authorization on.
 */
@ParcoursTest
class SalesAccessIntegrationTests {

	@Autowired
	TestLeads leads;

	@Autowired
	TaskService tasks;

	@Autowired
	FormService forms;

	@Autowired
	FilterService filters;

	@Autowired
	IdentityService identity;

	@Test
	void theSalesRepSeesReadsAndCompletesTheHotLeadRoutedToThem() {
		ProcessInstance lead = hotLead();

		Task task = as("sam", List.of("sales"), () -> tasks.createTaskQuery().processInstanceId(lead.getId()))
			.singleResult();
		assertThat(task.getName()).isEqualTo("Qualify hot lead");
		assertThat(as("sam", List.of("sales"), () -> forms.getTaskFormVariables(task.getId()))).containsKeys("company",
				"leadScore", "scoreBreakdown", "recentActivities", "contactId");
		as("sam", List.of("sales"), () -> forms.getTaskFormKey(task.getProcessDefinitionId(), "Task_QualifyHotLead"));
		as("sam", List.of("sales"), () -> {
			tasks.complete(task.getId(), Map.of("decision", "disqualify", "reason", "student project"));
			return null;
		});

		assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isZero();
	}

	@Test
	void aMarketerNeitherSeesNorCompletesSalesTasks() {
		ProcessInstance lead = hotLead();
		Task task = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();

		assertThat(
				as("mia", List.of("marketing"), () -> tasks.createTaskQuery().processInstanceId(lead.getId()).count()))
			.isZero();
		assertThatThrownBy(() -> as("mia", List.of("marketing"), () -> {
			tasks.complete(task.getId(), Map.of("decision", "accept", "reason", "why not"));
			return null;
		})).isInstanceOf(AuthorizationException.class);
		assertThatThrownBy(() -> as("mia", List.of("marketing"), () -> forms.getTaskFormVariables(task.getId())))
			.isInstanceOf(AuthorizationException.class);
	}

	@Test
	void aSalesRepSeesNoTaskOfOtherTeams() {
		Task marketingWork = tasks.newTask();
		marketingWork.setName("Review campaign copy");
		tasks.saveTask(marketingWork);
		tasks.addCandidateGroup(marketingWork.getId(), "marketing");
		Task opsWork = tasks.newTask();
		opsWork.setName("Check failed jobs");
		opsWork.setAssignee("demo");
		tasks.saveTask(opsWork);

		List<String> visible = as("sam", List.of("sales"), () -> tasks.createTaskQuery().list()).stream()
			.map(Task::getId)
			.toList();

		assertThat(visible).doesNotContain(marketingWork.getId(), opsWork.getId());
		tasks.deleteTask(marketingWork.getId(), true);
		tasks.deleteTask(opsWork.getId(), true);
	}

	@Test
	void salesUsersGetTheirTasklistFiltersAndTheManagersGroupExists() {
		List<String> names = as("sam", List.of("sales"), () -> filters.createFilterQuery().list()).stream()
			.map(Filter::getName)
			.toList();

		assertThat(names).contains(SalesAccess.MY_TASKS, SalesAccess.TEAM_TASKS);
		assertThat(as("mia", List.of("marketing"), () -> filters.createFilterQuery().count())).isZero();
		assertThat(identity.createGroupQuery().groupId(SalesAccess.MANAGERS).count()).isOne();
	}

	@Test
	void theMyLeadsFilterListsTheRepsOwnHotLeads() {
		ProcessInstance lead = hotLead();
		Filter mine = filters.createFilterQuery().filterName(SalesAccess.MY_TASKS).singleResult();

		List<Task> listed = as("sam", List.of("sales"), () -> filters.<Task>list(mine.getId()));

		assertThat(listed).extracting(Task::getProcessInstanceId).contains(lead.getId());
	}

	private ProcessInstance hotLead() {
		ProcessInstance lead = leads.create("Head of Sales", 80, "Retail", "BE");
		leads.activity(lead, "demo_requested", Instant.now());
		return lead;
	}

	private <T> T as(String user, List<String> groups, Supplier<T> call) {
		identity.setAuthentication(user, groups);
		try {
			return call.get();
		}
		finally {
			identity.clearAuthentication();
		}
	}

}
