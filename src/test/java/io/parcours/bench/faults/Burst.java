package io.parcours.bench.faults;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.parcours.bench.load.LoadGenerator;

/**
 * Sign-ups (which start the welcome series, whose timers fire within seconds under time
 * compression) and orders of contacts already accepted. Remembers every event the node
 * accepted (202), and every answer's status per second of the burst.
 */
final class Burst implements Supplier<LoadGenerator.Call> {

	final List<String> acceptedEvents = new CopyOnWriteArrayList<>();

	final List<String> signedUp = new CopyOnWriteArrayList<>();

	/** Second of the burst → status → answers. */
	final Map<Integer, Map<Integer, AtomicInteger>> statuses = new ConcurrentHashMap<>();

	final AtomicInteger unavailableWithRetryAfter = new AtomicInteger();

	final AtomicInteger unavailableWithoutRetryAfter = new AtomicInteger();

	private final URI events;

	private final String run;

	private final long startMillis = System.currentTimeMillis();

	private final AtomicLong sequence = new AtomicLong();

	Burst(URI events, String run) {
		this.events = events;
		this.run = run;
	}

	@Override
	public LoadGenerator.Call get() {
		long n = sequence.incrementAndGet();
		int size = signedUp.size();
		if (size == 0 || ThreadLocalRandom.current().nextInt(10) < 7) {
			String contactId = "k-" + run + "-" + n;
			String json = """
					{"id": "e-%s-%d", "type": "contact.signed_up", "contactId": "%s",
					 "contact": {"email": "%s@example.com", "phone": "+33612345678", "locale": "fr-FR",
					             "consents": {"email": true, "sms": %s}}}""".formatted(run, n, contactId, contactId,
					n % 2 == 0);
			return call("e-" + run + "-" + n, json, contactId);
		}
		String contactId = signedUp.get(ThreadLocalRandom.current().nextInt(size));
		String json = """
				{"id": "e-%s-%d", "type": "order.completed", "contactId": "%s",
				 "properties": {"orderId": "o-%s-%d", "value": 42.00, "currency": "EUR"}}""".formatted(run, n,
				contactId, run, n);
		return call("e-" + run + "-" + n, json, null);
	}

	private LoadGenerator.Call call(String eventId, String json, String newContact) {
		return new LoadGenerator.Call(events, json, response -> answered(response, eventId, newContact));
	}

	private void answered(HttpResponse<String> response, String eventId, String newContact) {
		int second = (int) ((System.currentTimeMillis() - startMillis) / 1000);
		statuses.computeIfAbsent(second, s -> new ConcurrentHashMap<>())
			.computeIfAbsent(response.statusCode(), s -> new AtomicInteger())
			.incrementAndGet();
		if (response.statusCode() == 202) {
			acceptedEvents.add(eventId);
			if (newContact != null && response.body().contains("\"processed\":true")) {
				signedUp.add(newContact);
			}
		}
		if (response.statusCode() == 503) {
			boolean proper = response.headers().firstValue("Retry-After").isPresent()
					&& response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
			(proper ? unavailableWithRetryAfter : unavailableWithoutRetryAfter).incrementAndGet();
		}
	}

	/**
	 * Answers with this status between two seconds of the burst (from inclusive, to
	 * exclusive).
	 */
	int count(int status, int fromSecond, int toSecond) {
		return statuses.entrySet()
			.stream()
			.filter(e -> e.getKey() >= fromSecond && e.getKey() < toSecond)
			.mapToInt(e -> e.getValue().getOrDefault(status, new AtomicInteger()).get())
			.sum();
	}

	/**
	 * Waits at least the given delay, and until the node has accepted a second's worth of
	 * events (a cold node on a busy machine takes a while to answer its first requests).
	 */
	void awaitFlowing(Duration atLeast, double rate) throws InterruptedException {
		Thread.sleep(atLeast.toMillis());
		for (int i = 0; i < 120 && acceptedEvents.size() < rate; i++) {
			Thread.sleep(1000);
		}
	}

	long asked() {
		return sequence.get();
	}

	int second() {
		return (int) ((System.currentTimeMillis() - startMillis) / 1000);
	}

}
