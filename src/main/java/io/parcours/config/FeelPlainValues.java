package io.parcours.config;

import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.Collection;
import java.util.Date;
import java.util.Map;

import camundajar.impl.scala.Function1;
import camundajar.impl.scala.Option;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValError;
import org.camunda.feel.valuemapper.CustomValueMapper;

/**
 * Decision tables see plain values only: texts, numbers, booleans, dates and durations,
 * lists and maps of those. The FEEL engine would wrap any other Java object (a byte array
 * a diagram made with {@code ${'x'.bytes}}, say) in a context whose methods FEEL may
 * call, and a deployed decision could then reach any class and the engine itself by
 * reflection. Such a value becomes an error instead.
 */
final class FeelPlainValues implements CustomValueMapper {

	/** Before the engine's own mappers. */
	static final int PRIORITY = 1_000;

	@Override
	public Option<Val> toVal(Object value, Function1<Object, Val> innerValueMapper) {
		if (isPlain(value)) {
			return Option.empty();
		}
		return Option.apply(ValError.apply("a decision reads plain values only, not a " + value.getClass().getName()));
	}

	@Override
	public Option<Object> unpackVal(Val value, Function1<Val, Object> innerValueMapper) {
		return Option.empty();
	}

	@Override
	public int priority() {
		return PRIORITY;
	}

	@Override
	public void org$camunda$feel$valuemapper$CustomValueMapper$_setter_$priority_$eq(int priority) {
		// the priority is fixed
	}

	static boolean isPlain(Object value) {
		return value == null || value instanceof String || value instanceof Number || value instanceof Boolean
				|| value instanceof Character || value instanceof Date || value instanceof TemporalAccessor
				|| value instanceof TemporalAmount || value instanceof Collection || value instanceof Map
				|| value instanceof Enum || value instanceof Val;
	}

}
