package io.parcours.testrun;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.parcours.sales.StaffNotified;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The emails sales users got about a running test's lead. They are no message of the
 * contact's (no row in {@code message}), so the run collects them as they go.
 */
@Component
class TestRunStaffNotifications {

	private final Map<String, Queue<StaffNotified>> byTestContact = new ConcurrentHashMap<>();

	void watch(String testContactId) {
		byTestContact.put(testContactId, new ConcurrentLinkedQueue<>());
	}

	/** The notifications since the last call. */
	List<StaffNotified> take(String testContactId) {
		Queue<StaffNotified> queue = byTestContact.get(testContactId);
		List<StaffNotified> taken = new ArrayList<>();
		for (StaffNotified next = queue == null ? null : queue.poll(); next != null; next = queue.poll()) {
			taken.add(next);
		}
		return taken;
	}

	void forget(String testContactId) {
		byTestContact.remove(testContactId);
	}

	@EventListener
	void collect(StaffNotified notification) {
		Queue<StaffNotified> queue = byTestContact.get(notification.leadContactId());
		if (queue != null) {
			queue.add(notification);
		}
	}

}
