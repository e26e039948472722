package io.parcours.journey;

import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The variables a test run gives its journey, for the start that its scripted event makes
 * on the run's own thread: the event's handler starts the journey as for a real contact,
 * and the run's variables come on top of what that start gives. Nothing, everywhere else.
 */
public final class TestRunStartVariables {

	private record OnTop(String journey, UnaryOperator<Map<String, Object>> variables) {
	}

	private static final ThreadLocal<OnTop> ON_TOP = new ThreadLocal<>();

	private TestRunStartVariables() {
	}

	/**
	 * Runs the work with {@code variables} (from the start's own variables, the run's on
	 * top of them) applying to starts of {@code journey}.
	 */
	public static <T> T during(String journey, UnaryOperator<Map<String, Object>> variables, Supplier<T> work) {
		OnTop before = ON_TOP.get();
		ON_TOP.set(new OnTop(journey, variables));
		try {
			return work.get();
		}
		finally {
			if (before == null) {
				ON_TOP.remove();
			}
			else {
				ON_TOP.set(before);
			}
		}
	}

	static Map<String, Object> onTopOf(String journey, Map<String, Object> own) {
		OnTop onTop = ON_TOP.get();
		return onTop == null || !onTop.journey().equals(journey) ? Map.of() : onTop.variables().apply(own);
	}

}
