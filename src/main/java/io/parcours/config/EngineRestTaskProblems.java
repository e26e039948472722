package io.parcours.config;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parcours.journey.InvalidTaskInput;
import io.parcours.journey.JourneyStartRefused;
import io.parcours.journey.TaskDecidedMeanwhile;
import jakarta.annotation.Priority;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.stereotype.Component;

/**
 * The engine REST API answers a task completed with an answer its journey cannot follow
 * in its own format, naming no field, and a task decided twice at the same moment (two
 * tabs, two reps) with a 500. Both are the caller's to fix: {@code 400} problem naming
 * the variable, and {@code 409} (also for a completion that could not get the locks it
 * needed, run again a few times, and for a task claimed by someone else, which the engine
 * answers with a 500 too). The problem keeps the engine's {@code message}, which Tasklist
 * shows. Every other failure is answered as the engine answers it. The same answers come
 * through {@code /engine-rest} and through Tasklist's own engine API.
 */
@Component
class EngineRestTaskProblems implements ResourceConfigCustomizer, ServletContextInitializer {

	/** Tasklist's engine API, registered by the Camunda webapp starter. */
	private static final String WEBAPP_ENGINE_API = "Engine Api";

	/**
	 * Problems only: the application's own mapper is not reachable from Tasklist's API.
	 */
	private static final ObjectMapper PROBLEMS = new ObjectMapper().addMixIn(ProblemDetail.class,
			ProblemDetailJacksonMixin.class);

	@Override
	public void customize(ResourceConfig config) {
		config.register(TaskCallFailures.class);
		config.register(EngineClientMistakes.class);
	}

	/**
	 * Once every initializer ran (the webapp starter's registers Tasklist's engine API),
	 * before that API's first call starts it.
	 */
	@Override
	public void onStartup(ServletContext servletContext) {
		servletContext.addListener(new ServletContextListener() {

			@Override
			public void contextInitialized(ServletContextEvent started) {
				// the context handed to a listener added in code may not be asked for
				// registrations
				ServletRegistration tasklistEngineApi = servletContext.getServletRegistration(WEBAPP_ENGINE_API);
				if (tasklistEngineApi != null) {
					tasklistEngineApi.setInitParameter(ServerProperties.PROVIDER_CLASSNAMES,
							TaskCallFailures.class.getName() + "," + EngineClientMistakes.class.getName());
				}
			}

		});
	}

	/** Ahead of the engine's own handler of the same exceptions. */
	@Priority(1)
	public static class TaskCallFailures implements ExceptionMapper<RestException> {

		private final RestExceptionHandler engines = new RestExceptionHandler();

		@Override
		public Response toResponse(RestException failure) {
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				if (cause instanceof InvalidTaskInput input) {
					ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
							input.getMessage());
					problem.setType(ApiProblems.INVALID_REQUEST);
					problem.setTitle("Invalid request");
					problem.setProperty("errors",
							List.of(Map.of("field", "variables." + input.field(), "message", input.getMessage())));
					problem.setProperty("message", failure.getMessage());
					return problem(problem);
				}
				if (cause instanceof JourneyStartRefused refused) {
					return startRefused(refused);
				}
				if (cause instanceof ProcessEngineException engine && EngineClientMistakes.knows(engine)) {
					return new EngineClientMistakes().toResponse(engine);
				}
				if (cause instanceof TaskCompletionBlocked) {
					return conflict("Busy meanwhile", TaskCompletionBlocked.MESSAGE);
				}
				if (cause instanceof OptimisticLockingException) {
					return conflict("Decided meanwhile", "The task was decided meanwhile, in another tab or by someone"
							+ " else: nothing was changed by this call.");
				}
			}
			return engines.toResponse(failure);
		}

		private Response problem(ProblemDetail problem) {
			return EngineRestTaskProblems.problem(problem);
		}

	}

	/**
	 * A caller's mistake the engine answers with a 500: a BPMN error or escalation thrown
	 * on a task where no step of its journey catches it (a code the diagram does not
	 * know), a journey's task deleted, a password outside the password policy (on in
	 * production). {@code 400} naming the field; every other failure is answered as the
	 * engine answers it.
	 */
	@Priority(1)
	public static class EngineClientMistakes implements ExceptionMapper<ProcessEngineException> {

		private record Mistake(String field, String detail) {
		}

		private static final Map<String, Mistake> MISTAKES = Map.of("ENGINE-13033", new Mistake("errorCode",
				"No step of the journey catches this errorCode here: nothing was changed, the task stays open."),
				"ENGINE-02043",
				new Mistake("escalationCode",
						"No step of the journey catches this escalationCode here: nothing was changed, the task stays"
								+ " open."),
				"No user found with id", new Mistake("userId", "There is no such user: nothing was changed."),
				"No group found with id", new Mistake("groupId", "There is no such group: nothing was changed."),
				"ENGINE-03025",
				new Mistake("type",
						"An authorization's type is 0 (global), 1 (grant) or 2 (revoke): nothing was created."),
				"Authorization must either have a 'userId' or a 'groupId'",
				new Mistake("userId",
						"An authorization is for one user or one group: give userId or groupId, not both."
								+ " Nothing was created."),
				"The task cannot be deleted because is part of a running process",
				new Mistake("taskId",
						"A journey's task is decided (completed), not deleted; ops stop the journey itself in Cockpit"
								+ " if it must end. Nothing was changed."),
				"ENGINE-13050",
				new Mistake("jobIds",
						"Name the jobs by jobIds or a jobQuery (processInstances alone selects none):"
								+ " nothing was changed."),
				"ENGINE-13024",
				new Mistake("skipCustomListeners",
						"Listeners and mappings can be skipped only by a start at a chosen"
								+ " step (startInstructions): nothing was started."),
				"Password does not match policy",
				new Mistake("password",
						"The password does not meet the password policy (GET /engine-rest/identity/password-policy"
								+ " lists its rules): at least " + DefaultPasswordPolicyImpl.MIN_LENGTH
								+ " characters with a lower-case and an upper-case letter, a digit and a character that"
								+ " is no letter or digit, without the user's id or name. Nothing was saved."));

		private final ProcessEngineExceptionHandler engines = new ProcessEngineExceptionHandler();

		static boolean knows(ProcessEngineException failure) {
			return mistakeOf(failure) != null;
		}

		private static Mistake mistakeOf(ProcessEngineException failure) {
			String message = String.valueOf(failure.getMessage());
			return MISTAKES.entrySet()
				.stream()
				.filter(known -> message.startsWith(known.getKey()))
				.map(Map.Entry::getValue)
				.findFirst()
				.orElse(null);
		}

		@Override
		public Response toResponse(ProcessEngineException failure) {
			if (failure instanceof JourneyStartRefused refused) {
				return startRefused(refused);
			}
			if (failure instanceof OptimisticLockingException && !(failure instanceof TaskDecidedMeanwhile)) {
				return changedMeanwhile();
			}
			if (failure instanceof TaskAlreadyClaimedException) {
				return conflict("Already claimed", "Someone else holds the task: nothing was changed. It can be claimed"
						+ " once they give it back (unclaim), or reassigned.");
			}
			String message = String.valueOf(failure.getMessage());
			Mistake mistake = mistakeOf(failure);
			if (mistake == null) {
				return engines.toResponse(failure);
			}
			String detail = mistake.detail() + " (" + message + ")";
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
			problem.setType(ApiProblems.INVALID_REQUEST);
			problem.setTitle("Invalid request");
			problem.setProperty("errors", List.of(Map.of("field", mistake.field(), "message", detail)));
			problem.setProperty("message", detail);
			return EngineRestTaskProblems.problem(problem);
		}

	}

	/**
	 * A call that collided with the journey itself (ops cancelling a sweep while one of
	 * its pages is enrolled): the engine rolled it back, and the same call a moment later
	 * goes through.
	 */
	private static Response changedMeanwhile() {
		return conflict("Changed meanwhile", "The journey changed meanwhile (one of its steps ran at the same"
				+ " moment): nothing was changed by this call. Send it again.");
	}

	/** A 409 whose detail Tasklist shows too (as {@code message}). */
	private static Response conflict(String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
		problem.setTitle(title);
		problem.setProperty("message", detail);
		return problem(problem);
	}

	/** A start by hand (a process definition's start, a start message) refused. */
	private static Response startRefused(JourneyStartRefused refused) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(refused.status()),
				refused.getMessage());
		problem.setTitle(refused.status() == 409 ? "Already in the journey" : "Invalid request");
		problem.setProperty("errors", List.of(Map.of("field", refused.field(), "message", refused.getMessage())));
		problem.setProperty("message", refused.getMessage());
		return problem(problem);
	}

	private static Response problem(ProblemDetail problem) {
		try {
			return Response.status(problem.getStatus())
				.type(MediaType.valueOf("application/problem+json"))
				.entity(PROBLEMS.writeValueAsString(problem))
				.build();
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

}
