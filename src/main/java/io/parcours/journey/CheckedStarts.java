package io.parcours.journey;

import java.util.function.Supplier;

/**
 * Starts whose caller already made sure the contact is not in the journey, holding what
 * keeps it so (an event holds the contact's lock; the sweep reads only contacts not in
 * the journey, page by page): the start check then does not query again.
 */
public final class CheckedStarts {

	private static final ThreadLocal<Boolean> CHECKED = ThreadLocal.withInitial(() -> false);

	private CheckedStarts() {
	}

	public static <T> T run(Supplier<T> start) {
		boolean outer = CHECKED.get();
		CHECKED.set(true);
		try {
			return start.get();
		}
		finally {
			CHECKED.set(outer);
		}
	}

	public static boolean isChecked() {
		return CHECKED.get();
	}

}
