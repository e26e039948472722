package io.parcours.config;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;

import org.camunda.bpm.engine.ProcessEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns bad input and domain refusals into RFC 9457 problem details that name the
 * offending field, so a client knows what to fix without reading our logs.
 */
@RestControllerAdvice
public class ApiProblems extends ResponseEntityExceptionHandler {

	/** Jackson's words for a field given twice in one object. */
	private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate field '([^']*)'");

	private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

	static final URI INVALID_REQUEST = URI.create("https://parcours.dev/problems/invalid-request");

	private final long retryAfterSeconds;

	ApiProblems(@Value("${parcours.api.retry-after-seconds:10}") long retryAfterSeconds) {
		this.retryAfterSeconds = retryAfterSeconds;
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> fields = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> new FieldProblem(JsonPaths.ofField(error.getField()), error.getDefaultMessage()))
			.sorted(Comparator.comparing(FieldProblem::field))
			.toList();
		return ResponseEntity.badRequest().body(invalid(fields));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof StreamConstraintsException tooLarge) {
				// a text of tens of megabytes: the JSON reader stops before our size
				// check
				String field = ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
						? JsonPaths.of(mapping) : "body";
				RefusedException refused = new RefusedException(HttpStatus.PAYLOAD_TOO_LARGE, "Request too large",
						field, field + " is larger than the server reads: "
								+ tooLarge.getOriginalMessage().replaceAll(", from `[^`]*`", ""));
				return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(refusal(refused));
			}
		}
		if (ex.getCause() == null) {
			// no body, or JSON's null
			return ResponseEntity.badRequest().body(invalid(List.of(new FieldProblem("body", "is missing or empty"))));
		}
		return ResponseEntity.badRequest().body(invalid(List.of(unreadable(ex.getCause()))));
	}

	/** A query or path parameter of the wrong type: {@code ?status=bogus}. */
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String field = ex instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
				: String.valueOf(ex.getPropertyName());
		Class<?> type = ex.getRequiredType();
		String message = type != null && type.isEnum() ? "must be one of " + Arrays.stream(type.getEnumConstants())
			.map(constant -> constant.toString())
			.collect(Collectors.joining(", ")) : "has the wrong type";
		return ResponseEntity.badRequest().body(invalid(List.of(new FieldProblem(field, message))));
	}

	/** The field a JSON body could not be read at, and why. */
	public static FieldProblem unreadable(Throwable cause) {
		JsonParseException broken = brokenJson(cause);
		if (broken != null) {
			JsonLocation at = broken.getLocation();
			String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
			Matcher twice = DUPLICATE_FIELD.matcher(String.valueOf(broken.getOriginalMessage()));
			return new FieldProblem("body",
					twice.lookingAt()
							? "has the field '" + twice.group(1) + "' twice" + where
									+ ": which one is meant cannot be told; send it once"
							: "is not valid JSON" + where);
		}
		if (cause instanceof MismatchedInputException trailing && trailing.getOriginalMessage() != null
				&& trailing.getOriginalMessage().startsWith("Trailing token")) {
			return new FieldProblem("body",
					"has more than one JSON value: send one JSON document (a batch is one array, see /api/events:batch)");
		}
		if (cause instanceof MismatchedInputException mismatched && mismatched.getPath().isEmpty()
				&& mismatched.getTargetType() != null) {
			return new FieldProblem("body", Collection.class.isAssignableFrom(mismatched.getTargetType())
					? "must be a JSON array" : "must be a JSON object");
		}
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return new FieldProblem(JsonPaths.of(unknown),
					"is not a field Parcours knows here; known fields: " + unknown.getKnownPropertyIds()
						.stream()
						.map(String::valueOf)
						.sorted()
						.collect(Collectors.joining(", ")));
		}
		if (cause instanceof InvalidFormatException invalid) {
			return new FieldProblem(JsonPaths.of(invalid),
					"has an invalid value '" + invalid.getValue() + "'" + allowedValues(invalid.getTargetType()));
		}
		if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
			return new FieldProblem(JsonPaths.of(mismatched), "has the wrong type");
		}
		if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
			return new FieldProblem(JsonPaths.of(mapping), mapping.getOriginalMessage());
		}
		return new FieldProblem("body", "is not valid JSON");
	}

	/**
	 * A path variable or parameter refused by its constraint, named without the method.
	 */
	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<ProblemDetail> invalidParameter(ConstraintViolationException ex) {
		List<FieldProblem> fields = ex.getConstraintViolations()
			.stream()
			.map(violation -> new FieldProblem(lastNode(violation.getPropertyPath()), violation.getMessage()))
			.sorted(Comparator.comparing(FieldProblem::field))
			.toList();
		return ResponseEntity.badRequest().body(invalid(fields));
	}

	private static String lastNode(Path path) {
		String name = null;
		for (Path.Node node : path) {
			name = node.getName();
		}
		return name == null ? "request" : name;
	}

	@ExceptionHandler(InvalidFieldException.class)
	ResponseEntity<ProblemDetail> invalidField(InvalidFieldException ex) {
		return ResponseEntity.badRequest().body(invalid(ex.problems()));
	}

	@ExceptionHandler(RefusedException.class)
	ResponseEntity<ProblemDetail> refused(RefusedException ex) {
		return ResponseEntity.status(ex.status()).body(refusal(ex));
	}

	/**
	 * The database is unreachable (or the pool exhausted): 503 with Retry-After, never an
	 * acceptance of what could not be stored. A collision still there after the retries
	 * of {@link ConcurrentUpdate}: 409. Other failures are {@link #unexpected}.
	 */
	@ExceptionHandler({ DataAccessException.class, TransactionException.class, ProcessEngineException.class })
	ResponseEntity<ProblemDetail> databaseFailure(RuntimeException ex, HttpServletRequest request) {
		if (!DatabaseUnavailable.causedBy(ex) && ConcurrentUpdate.causedBy(ex)) {
			log.info("Concurrent update still colliding, answering 409: {}", ex.toString());
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
					"The same contact or journey was changed at the same moment, again and again: nothing was"
							+ " changed by this request. Send it again.");
			problem.setTitle("Changed meanwhile");
			return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
		}
		if (!DatabaseUnavailable.causedBy(ex)) {
			return unexpected(ex, request);
		}
		log.warn("{}, answering 503: {}", DatabaseUnavailable.kind(ex), ex.toString());
		return DatabaseUnavailable.response(ex, retryAfterSeconds, request.getRequestURI());
	}

	/**
	 * A failure nobody foresaw: a 500 in the API's format like every other answer, the
	 * cause in the log (a handled exception is not logged by Spring).
	 */
	@ExceptionHandler(RuntimeException.class)
	ResponseEntity<ProblemDetail> unexpected(RuntimeException ex, HttpServletRequest request) {
		log.error("{} {} failed", request.getMethod(), request.getRequestURI(), ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The request failed on the server (the cause is in its log): send it again later, and tell ops"
						+ " if it keeps failing.");
		problem.setTitle("Internal error");
		return ResponseEntity.internalServerError().body(problem);
	}

	public static ProblemDetail refusal(RefusedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
		problem.setTitle(ex.title());
		if (ex.field() != null) {
			problem.setProperty("field", ex.field());
		}
		return problem;
	}

	public static ProblemDetail invalid(List<FieldProblem> fields) {
		String detail = fields.stream()
			.map(field -> field.field() + " " + field.message())
			.reduce((a, b) -> a + "; " + b)
			.orElse("invalid request");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(INVALID_REQUEST);
		problem.setTitle("Invalid request");
		problem.setProperty("errors",
				fields.stream().map(f -> Map.of("field", f.field(), "message", f.message())).toList());
		return problem;
	}

	private static JsonParseException brokenJson(Throwable cause) {
		for (Throwable t = cause; t != null; t = t.getCause()) {
			if (t instanceof JsonParseException parse) {
				return parse;
			}
		}
		return null;
	}

	private static String allowedValues(Class<?> type) {
		if (type == Duration.class) {
			return ": a duration is written in ISO 8601, as text: \"P3D\" (3 days), \"PT2H\" (2 hours)";
		}
		if (type == null || !type.isEnum()) {
			return "";
		}
		return ", expected one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
	}

}
