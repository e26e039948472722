package io.parcours.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Open-loop load: requests leave at the asked rate whether or not earlier ones were
 * answered, and each latency counts from the moment its request was due (so a stalled
 * node shows as latency, not as a slower generator). A closed loop of N callers measures
 * the most the node can take.
 */
public final class LoadGenerator implements AutoCloseable {

	private static final int MAX_IN_FLIGHT = 512;

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.executor(executor)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String authorization;

	public LoadGenerator(String user, String password) {
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A request the generator sends, and what to do with its answer, whatever the status.
	 */
	public record Call(URI uri, String json, Consumer<HttpResponse<String>> onAnswer) {
	}

	public Outcome openLoop(Supplier<Call> calls, double rate, Duration duration) throws InterruptedException {
		int total = (int) Math.round(rate * duration.toSeconds());
		Outcome outcome = new Outcome(total);
		Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
		long periodNanos = (long) (1_000_000_000L / rate);
		long start = System.nanoTime();
		for (int i = 0; i < total; i++) {
			long due = start + i * periodNanos;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			inFlight.acquire();
			send(calls.get(), due, outcome, inFlight::release);
		}
		inFlight.acquire(MAX_IN_FLIGHT);
		inFlight.release(MAX_IN_FLIGHT);
		return outcome.finish();
	}

	/**
	 * {@code callers} callers as fast as answers come, until the time or the count is up.
	 */
	Outcome closedLoop(Supplier<Call> calls, int callers, Duration duration, int count) throws InterruptedException {
		Outcome outcome = new Outcome(Math.min(count, 500_000));
		long end = System.nanoTime() + duration.toNanos();
		AtomicInteger tickets = new AtomicInteger(count);
		ExecutorService loop = Executors.newFixedThreadPool(callers);
		for (int c = 0; c < callers; c++) {
			loop.execute(() -> {
				while (System.nanoTime() < end && tickets.getAndDecrement() > 0) {
					Call call = calls.get();
					long due = System.nanoTime();
					try {
						record(client.send(request(call), HttpResponse.BodyHandlers.ofString()), call, due, outcome);
					}
					catch (Exception e) {
						outcome.failed.incrementAndGet();
						outcome.lastFailure = e.toString();
					}
				}
			});
		}
		loop.shutdown();
		loop.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS);
		return outcome.finish();
	}

	private void send(Call call, long due, Outcome outcome, Runnable done) {
		outcome.sent.incrementAndGet();
		client.sendAsync(request(call), HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
			if (error != null) {
				outcome.failed.incrementAndGet();
				outcome.lastFailure = error.toString();
			}
			else {
				record(response, call, due, outcome);
			}
			done.run();
		});
	}

	private static void record(HttpResponse<String> response, Call call, long due, Outcome outcome) {
		outcome.latencies.record(System.nanoTime() - due);
		call.onAnswer().accept(response);
		if (response.statusCode() / 100 == 2) {
			outcome.succeeded.incrementAndGet();
		}
		else {
			outcome.failed.incrementAndGet();
			outcome.lastFailure = response.statusCode() + " " + response.body();
		}
	}

	private HttpRequest request(Call call) {
		return HttpRequest.newBuilder(call.uri())
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", authorization)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(call.json()))
			.build();
	}

	@Override
	public void close() {
		executor.shutdownNow();
	}

	public static final class Outcome {

		public final AtomicInteger sent = new AtomicInteger();

		public final AtomicInteger succeeded = new AtomicInteger();

		public final AtomicInteger failed = new AtomicInteger();

		final Latencies latencies;

		final Instant start = Instant.now();

		Instant end;

		public volatile String lastFailure;

		Outcome(int capacity) {
			this.latencies = new Latencies(capacity);
		}

		Outcome finish() {
			end = Instant.now();
			return this;
		}

	}

}
