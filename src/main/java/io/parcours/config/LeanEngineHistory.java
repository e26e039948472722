package io.parcours.config;

import java.util.ArrayList;
import java.util.Set;

import io.parcours.sales.SalesVariables;
import io.parcours.scoring.LeadVariables;

import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * The engine's full history without its two routine logs: every change of every variable
 * ({@code ACT_HI_DETAIL}, kept for {@link #VARIABLES_WITH_CHANGES_KEPT}) and the creation
 * and success of every job ({@code ACT_HI_JOB_LOG}, kept for failures and deletions, what
 * ops look into). Both were written on every event and every step, each row into ten to
 * fifteen indexes: a quarter of the rows an event wrote and 38 % of its index entries,
 * for records nothing reads. The current value of each variable and every activity,
 * decision, incident and operation stay in the history as before.
 */
@Component
class LeanEngineHistory extends AbstractCamundaConfiguration {

	/**
	 * The variables whose every change stays in the history: the score the contact view
	 * charts, and what a sales rep decided (who decided what, when, stays on record).
	 */
	static final Set<String> VARIABLES_WITH_CHANGES_KEPT = Set.of(LeadVariables.LEAD_SCORE, SalesVariables.DECISION);

	@Override
	public void preInit(SpringProcessEngineConfiguration configuration) {
		// in place of the engine's own database handler, next to the starter's, which
		// publishes history events to Spring (the journey meters count them)
		configuration.setEnableDefaultDbHistoryEventHandler(false);
		if (configuration.getCustomHistoryEventHandlers() == null) {
			configuration.setCustomHistoryEventHandlers(new ArrayList<>());
		}
		configuration.getCustomHistoryEventHandlers().add(new Handler());
	}

	static final class Handler extends DbHistoryEventHandler {

		@Override
		public void handleEvent(HistoryEvent event) {
			if (event instanceof HistoricJobLogEvent log && (log.isCreationLog() || log.isSuccessLog())) {
				return;
			}
			super.handleEvent(event);
		}

		@Override
		protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity update) {
			return VARIABLES_WITH_CHANGES_KEPT.contains(update.getVariableName())
					&& super.shouldWriteHistoricDetail(update);
		}

	}

}
