package io.parcours.journey;

import java.util.Set;
import java.util.function.Supplier;

/**
 * The variables the task completion running on this thread gives ({@code complete} or
 * {@code submit-form}), by name, for its listeners: a value of the same name found on the
 * journey was written before (a draft through {@code /task/{id}/variables}, a
 * {@code /resolve}), and must not stand in for what the completion leaves out.
 */
public final class TaskCompletionInput {

	private static final ThreadLocal<Set<String>> GIVEN = new ThreadLocal<>();

	private TaskCompletionInput() {
	}

	public static <T> T during(Set<String> given, Supplier<T> completion) {
		Set<String> outer = GIVEN.get();
		GIVEN.set(given);
		try {
			return completion.get();
		}
		finally {
			GIVEN.set(outer);
		}
	}

	/** Whether a completion we know of runs on this thread. */
	public static boolean known() {
		return GIVEN.get() != null;
	}

	/**
	 * Whether the running completion leaves {@code name} out; false when no completion we
	 * know of runs (a completion of the application's own, say, through the Java API
	 * inside another command).
	 */
	public static boolean leavesOut(String name) {
		Set<String> given = GIVEN.get();
		return given != null && !given.contains(name);
	}

}
