package io.parcours.testrun;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.parcours.config.FieldProblem;
import io.parcours.config.InvalidFieldException;

/**
 * A test run's variable that replaces one the journey's start gives keeps its kind: the
 * journey's steps read {@code companySize} as a whole number, and "huge" would fail the
 * first of them with a Java cast error instead of a 400 naming the variable. Numbers are
 * given the exact type the journey's own value has.
 */
final class OwnVariableKinds {

	private OwnVariableKinds() {
	}

	static Map<String, Object> conform(Map<String, Object> own, Map<String, Object> given) {
		return conform(own, given, true);
	}

	/**
	 * @param quoteOwn whether the problem quotes the journey's own value: not when it is
	 * a sample's (a scripted event brings the real one later)
	 */
	static Map<String, Object> conform(Map<String, Object> own, Map<String, Object> given, boolean quoteOwn) {
		Map<String, Object> conformed = new LinkedHashMap<>();
		List<FieldProblem> problems = new ArrayList<>();
		given.forEach((name, givenValue) -> {
			Object value = plain(givenValue);
			Object ownValue = own.get(name);
			if (ownValue == null || value == null || ownValue.getClass() == value.getClass()) {
				conformed.put(name, value);
				return;
			}
			Object same = sameKind(ownValue, value);
			if (same == null) {
				problems.add(new FieldProblem("variables." + name, "must be " + kindOf(ownValue)
						+ ", as the journey's own " + name + (quoteOwn ? " (" + ownValue + ")" : "")));
			}
			conformed.put(name, same);
		});
		if (!problems.isEmpty()) {
			throw new InvalidFieldException(problems);
		}
		return conformed;
	}

	/**
	 * A number as the engine keeps it (JSON decimals are read exactly, huge whole numbers
	 * too): a double, or a whole number of 64 bits at most; null for one beyond them.
	 */
	static Object plain(Object value) {
		if (value instanceof BigDecimal decimal) {
			double approximate = decimal.doubleValue();
			return Double.isFinite(approximate) ? approximate : null;
		}
		if (value instanceof BigInteger whole) {
			return whole.bitLength() < Long.SIZE ? whole.longValue() : null;
		}
		if (value instanceof Number
				&& !(value instanceof Integer || value instanceof Long || value instanceof Double)) {
			return ((Number) value).doubleValue();
		}
		return value;
	}

	/** The value as the type of the journey's own, or null when it is not of its kind. */
	private static Object sameKind(Object own, Object value) {
		if (!(value instanceof Number number) || !(own instanceof Number)) {
			return null;
		}
		boolean whole = number instanceof Integer || number instanceof Long;
		if (own instanceof Integer) {
			return whole && number.longValue() == number.intValue() ? number.intValue() : null;
		}
		if (own instanceof Long) {
			return whole ? number.longValue() : null;
		}
		return own instanceof Double ? number.doubleValue() : null;
	}

	private static String kindOf(Object own) {
		if (own instanceof Integer || own instanceof Long) {
			return "a whole number";
		}
		if (own instanceof Number) {
			return "a number";
		}
		if (own instanceof Boolean) {
			return "true or false";
		}
		return own instanceof String ? "text" : "left to the journey (it cannot be given)";
	}

}
