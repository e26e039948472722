package io.parcours.config;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The local profile's demo marketer and sales rep (the demo admin comes from the
 * starter).
 */
@Component
@Profile({ "local", "test" })
class DemoUsers extends AbstractCamundaConfiguration {

	private final DemoProperties demo;

	DemoUsers(DemoProperties demo) {
		this.demo = demo;
	}

	@Override
	public void postProcessEngineBuild(ProcessEngine processEngine) {
		EngineAccess access = new EngineAccess(processEngine);
		access.ensureGroup(Groups.MARKETING, "Marketing");
		access.ensureGroup(Groups.SALES, "Sales");
		access.ensureGroup(Groups.SALES_MANAGERS, "Sales managers");
		demo.users()
			.forEach(user -> access.ensureUser(user.id(), user.password(), user.firstName(), user.lastName(),
					user.group(), user.email()));
	}

}
