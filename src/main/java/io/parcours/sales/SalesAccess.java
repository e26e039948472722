package io.parcours.sales;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.parcours.config.EngineAccess;
import io.parcours.config.Groups;
import io.parcours.journey.ProcessKeys;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * What sales users get in the engine: the {@code sales-managers} group, Tasklist, the
 * nurturing journey's definition (for its name and forms) and two Tasklist filters. Task
 * permissions come from the tasks themselves: the engine grants a task to its assignee
 * and candidate groups, so a rep sees and completes only the sales tasks routed to them
 * or their group, and nobody else's (marketing and ops work stay out of their list).
 */
@Component
public class SalesAccess extends AbstractCamundaConfiguration {

	public static final String MANAGERS = Groups.SALES_MANAGERS;

	/**
	 * Sales ({@code sales}, {@code sales-managers}, any {@code sales-...} team) and ops.
	 */
	public static boolean decidesLeads(Collection<String> groupIds) {
		return groupIds != null
				&& groupIds.stream().anyMatch(group -> Groups.isSales(group) || group.equals(Groups.OPS));
	}

	static final String MY_TASKS = "Sales: my leads";

	static final String TEAM_TASKS = "Sales: my team's leads";

	private volatile ProcessEngine engine;

	@Override
	public void postProcessEngineBuild(ProcessEngine engine) {
		this.engine = engine;
		EngineAccess access = new EngineAccess(engine);
		access.ensureGroup(Groups.SALES, "Sales");
		access.ensureGroup(MANAGERS, "Sales managers");
		List<String> teams = new ArrayList<>(List.of(Groups.SALES, MANAGERS));
		engine.getIdentityService()
			.createGroupQuery()
			.list()
			.stream()
			.map(Group::getId)
			.filter(team -> Groups.isSales(team) && !teams.contains(team))
			.forEach(teams::add);
		teams.forEach(this::openTasklistTo);
	}

	/**
	 * Tasklist, the journey's definition and the two filters for a sales team: a
	 * {@code sales-...} team ops created in Admin gets them when the routing table first
	 * hands it a lead (or at the next start), so its reps can open what they are given.
	 */
	public void openTasklistTo(String group) {
		EngineAccess access = new EngineAccess(engine);
		access.grantApplication(group, "tasklist");
		access.grant(group, Resources.PROCESS_DEFINITION, ProcessKeys.B2B_NURTURING, Permissions.READ);
		FilterService filters = engine.getFilterService();
		TaskQuery mine = engine.getTaskService().createTaskQuery().taskAssigneeExpression("${currentUser()}");
		TaskQuery team = engine.getTaskService()
			.createTaskQuery()
			.taskCandidateGroupInExpression("${currentUserGroups()}")
			.includeAssignedTasks();
		for (Filter filter : List.of(ensureFilter(filters, MY_TASKS, mine, -10),
				ensureFilter(filters, TEAM_TASKS, team, -5))) {
			access.grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
		}
	}

	private static Filter ensureFilter(FilterService filters, String name, TaskQuery query, int priority) {
		Map<String, Object> properties = Map.of("priority", priority, "description", "Hot leads to qualify",
				"variables", List.of(variable(QualifyTaskColumns.COMPANY, "Company"),
						variable(QualifyTaskColumns.SCORE, "Score"), variable(QualifyTaskColumns.COUNTRY, "Country")));
		// nodes starting together may each create it: any of them will do
		Filter existing = filters.createFilterQuery().filterName(name).list().stream().findFirst().orElse(null);
		if (existing != null) {
			if (!properties.equals(existing.getProperties())) {
				// columns of an earlier version (the journey's variables, which reps
				// cannot read)
				return filters.saveFilter(existing.setProperties(properties));
			}
			return existing;
		}
		return filters.saveFilter(filters.newTaskFilter(name).setQuery(query).setProperties(properties));
	}

	private static Map<String, Object> variable(String name, String label) {
		return Map.of("name", name, "label", label);
	}

}
