package io.parcours.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A sales team ops create in Admin opens Tasklist as the shipped ones do. */
@ParcoursTest
class SalesTeamAccessIntegrationTests {

	@Autowired
	SalesAccess access;

	@Autowired
	IdentityService identity;

	@Autowired
	AuthorizationService authorizations;

	@Autowired
	FilterService filters;

	@Test
	void aNewSalesTeamOpensTasklistAndItsFilters() {
		String team = "sales-" + TestContacts.newId("t").replace("-", "");
		identity.saveGroup(identity.newGroup(team));
		List<String> groups = List.of(team);
		assertThat(
				authorizations.isUserAuthorized("rita", groups, Permissions.ACCESS, Resources.APPLICATION, "tasklist"))
			.isFalse();

		access.openTasklistTo(team);

		assertThat(
				authorizations.isUserAuthorized("rita", groups, Permissions.ACCESS, Resources.APPLICATION, "tasklist"))
			.isTrue();
		assertThat(authorizations.isUserAuthorized("rita", groups, Permissions.READ, Resources.PROCESS_DEFINITION,
				"b2b-nurturing"))
			.isTrue();
		assertThat(filters.createFilterQuery().filterName(SalesAccess.MY_TASKS).list())
			.allMatch(filter -> authorizations.isUserAuthorized("rita", groups, Permissions.READ, Resources.FILTER,
					filter.getId()));
		identity.deleteGroup(team);
	}

}
