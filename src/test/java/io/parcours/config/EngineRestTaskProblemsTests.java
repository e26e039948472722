package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcours.journey.InvalidTaskInput;
import io.parcours.journey.TaskDecidedMeanwhile;
import jakarta.ws.rs.core.Response;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.junit.jupiter.api.Test;

class EngineRestTaskProblemsTests {

	private final EngineRestTaskProblems.TaskCallFailures failures = new EngineRestTaskProblems.TaskCallFailures();

	@Test
	void aTaskDecidedTwiceAtOnceIsAConflictNotAServerError() {
		Response response = failures.toResponse(new RestException(Response.Status.INTERNAL_SERVER_ERROR,
				new ProcessEngineException("listener failed", new TaskDecidedMeanwhile("t-1")),
				"Cannot complete task t-1"));

		assertThat(response.getStatus()).isEqualTo(409);
		assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
		assertThat((String) response.getEntity()).contains("decided meanwhile");
	}

	@Test
	void aTaskCompletionBlockedOnALockIsAConflictWithoutTheDatabasesMessage() {
		Response response = failures.toResponse(new RestException(Response.Status.INTERNAL_SERVER_ERROR,
				new TaskCompletionBlocked(new IllegalStateException("SQL [update contact ...]; Deadlock detected")),
				"Cannot complete task t-1"));

		assertThat(response.getStatus()).isEqualTo(409);
		assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
		assertThat((String) response.getEntity()).contains("still open").doesNotContain("SQL", "Deadlock");
	}

	@Test
	void anAnswerTheJourneyCannotFollowNamesTheVariable() {
		Response response = failures.toResponse(new RestException(Response.Status.BAD_REQUEST,
				new InvalidTaskInput("reason", "reason is missing"), "Cannot complete task t-1: reason is missing"));

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat((String) response.getEntity()).contains("\"field\":\"variables.reason\"",
				"\"message\":\"Cannot complete task t-1: reason is missing\"");
	}

	@Test
	void anyOtherFailureIsAnsweredAsTheEngineAnswersIt() {
		Response response = failures.toResponse(new RestException(Response.Status.INTERNAL_SERVER_ERROR,
				new ProcessEngineException("ENGINE-99999 the database is on fire"), "Cannot throw error"));

		assertThat(response.getStatus()).isEqualTo(500);
		assertThat(response.getEntity()).isInstanceOfSatisfying(ExceptionDto.class,
				engines -> assertThat(engines.getMessage()).isEqualTo("Cannot throw error"));
	}

	/** Ops cancelling a journey while one of its jobs runs: the engine's 500 before. */
	@Test
	void aCallCollidingWithTheJourneyItselfIsAConflictToSendAgain() {
		Response response = new EngineRestTaskProblems.EngineClientMistakes()
			.toResponse(new OptimisticLockingException("ENGINE-03005 Execution of 'DELETE ExecutionEntity' failed"));

		assertThat(response.getStatus()).isEqualTo(409);
		assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
		assertThat((String) response.getEntity()).contains("Changed meanwhile", "Send it again")
			.doesNotContain("ENGINE-03005");
	}

	/** A mistake of the client the REST layer wrapped is still the client's. */
	@Test
	void aKnownMistakeWrappedByTheRestLayerIsABadRequest() {
		Response response = failures.toResponse(new RestException(Response.Status.INTERNAL_SERVER_ERROR,
				new ProcessEngineException("ENGINE-13033 no catching boundary event"), "Cannot throw error"));

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(String.valueOf(response.getEntity())).contains("errorCode");
	}

}
