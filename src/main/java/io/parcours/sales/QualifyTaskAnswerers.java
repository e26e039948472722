package io.parcours.sales;

import java.util.List;
import java.util.Optional;

import io.parcours.config.Groups;
import io.parcours.journey.ProcessKeys;
import io.parcours.journey.TaskAnswerRule;

import org.springframework.stereotype.Component;

/**
 * "Qualify hot lead" is decided by sales or ops only, whoever the routing table or the
 * diagram handed it to: neither its answer nor its completion comes from anyone else.
 */
@Component
public class QualifyTaskAnswerers implements TaskAnswerRule {

	@Override
	public String processDefinitionKey() {
		return ProcessKeys.B2B_NURTURING;
	}

	@Override
	public String taskDefinitionKey() {
		return Opportunities.QUALIFY_TASK;
	}

	@Override
	public Optional<String> refusal(String userId, List<String> groupIds) {
		return SalesAccess.decidesLeads(groupIds) ? Optional.empty()
				: Optional.of("Only sales (" + Groups.SALES + ", " + SalesAccess.MANAGERS + " or another "
						+ Groups.SALES + "- group) and ops qualify hot leads: " + userId + " may not.");
	}

}
