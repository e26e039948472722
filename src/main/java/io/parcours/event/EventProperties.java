package io.parcours.event;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parcours.config.FieldProblem;
import io.parcours.config.InvalidFieldException;
import io.parcours.config.JsonPaths;

import jakarta.validation.Validator;

import org.springframework.stereotype.Component;

/**
 * Reads an event's {@code properties} into the record of its type and checks them, naming
 * bad fields.
 */
@Component
class EventProperties {

	private final ObjectMapper mapper;

	private final Validator validator;

	EventProperties(ObjectMapper mapper, Validator validator) {
		this.mapper = mapper;
		this.validator = validator;
	}

	Object parse(EventType type, Map<String, Object> properties) {
		Object typed;
		try {
			typed = mapper.convertValue(properties, type.properties());
		}
		catch (IllegalArgumentException e) {
			String field = e.getCause() instanceof JsonMappingException mapping ? JsonPaths.of(mapping) : "body";
			throw new InvalidFieldException("properties." + field,
					"has an invalid value for " + type + choicesOf(e.getCause()));
		}
		List<FieldProblem> problems = validator.validate(typed)
			.stream()
			.map(violation -> new FieldProblem("properties." + JsonPaths.of(violation.getPropertyPath()),
					violation.getMessage()))
			.sorted(Comparator.comparing(FieldProblem::field))
			.toList();
		if (!problems.isEmpty()) {
			throw new InvalidFieldException(problems);
		}
		return typed;
	}

	/**
	 * The values a field with a fixed list takes (an activity, a currency...), or the
	 * kind of value it takes: "10" for a number, 123 for a text.
	 */
	private static String choicesOf(Throwable cause) {
		if (cause instanceof InvalidFormatException invalid && invalid.getTargetType() != null
				&& invalid.getTargetType().isEnum()) {
			return ", expected one of "
					+ Arrays.stream(invalid.getTargetType().getEnumConstants()).map(Object::toString).toList();
		}
		if (cause instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
			Class<?> type = mismatched.getTargetType();
			if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
				return ", expected a number (written without quotes: 10.50)";
			}
			if (type == String.class) {
				return ", expected a text (in quotes)";
			}
			if (type == Boolean.class || type == boolean.class) {
				return ", expected true or false";
			}
			if (Collection.class.isAssignableFrom(type)) {
				return ", expected a list";
			}
		}
		return "";
	}

}
