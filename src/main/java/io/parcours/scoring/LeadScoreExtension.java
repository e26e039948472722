package io.parcours.scoring;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.parcours.contact.ContactExtension;
import io.parcours.journey.ProcessKeys;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * {@code leadScore} in {@code GET /api/contacts/{id}}: the score as it stands now (decay
 * included), its fit breakdown and its history, latest first.
 */
@Component
class LeadScoreExtension implements ContactExtension {

	static final int HISTORY_LIMIT = 50;

	private final LeadScoring scoring;

	private final RuntimeService runtime;

	private final Clock clock;

	LeadScoreExtension(LeadScoring scoring, RuntimeService runtime, Clock clock) {
		this.scoring = scoring;
		this.runtime = runtime;
		this.clock = clock;
	}

	@Override
	public String field() {
		return "leadScore";
	}

	@Override
	public Optional<Object> of(String contactId) {
		Instant now = clock.instant();
		return Optional.ofNullable(scoring.current(contactId, now))
			.map(score -> new View(score.fit(), score.engagement(), score.total(), hotThreshold(contactId),
					score.demoRequested(), score.fitBreakdown(), score.engagementSince(),
					scoring.history(contactId, HISTORY_LIMIT)));
	}

	/**
	 * The threshold the lead's running nurturing journey holds it to (the one it started
	 * with, or raised by a recycle), else today's setting.
	 */
	private int hotThreshold(String contactId) {
		return runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.B2B_NURTURING)
			.processInstanceBusinessKey(contactId)
			.list()
			.stream()
			.map(journey -> runtime.getVariable(journey.getId(), LeadVariables.HOT_THRESHOLD))
			.filter(Number.class::isInstance)
			.map(threshold -> ((Number) threshold).intValue())
			.findFirst()
			.orElseGet(scoring::hotThreshold);
	}

	record View(int fit, int engagement, int total, int hotThreshold, boolean demoRequested,
			Map<String, Integer> fitBreakdown, Instant engagementSince, List<ScoreChange> history) {
	}

}
