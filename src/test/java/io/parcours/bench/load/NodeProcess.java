package io.parcours.bench.load;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Parcours node in a JVM of its own (this JVM's class path, a capped heap), as the
 * benchmark's subject: started, watched (CPU time, heap), stopped, or killed.
 */
public final class NodeProcess implements AutoCloseable {

	private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+-]+)");

	private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*([0-9]+)");

	private final Process process;

	private final int port;

	private final String authorization;

	private final HttpClient http = HttpClient.newHttpClient();

	private NodeProcess(Process process, int port, String user, String password) {
		this.process = process;
		this.port = port;
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/** How to launch the application: the packaged jar, or this JVM's class path. */
	public static List<String> launch(String jar) {
		return jar == null || jar.isBlank()
				? List.of("-cp", System.getProperty("java.class.path"), "io.parcours.ParcoursApplication")
				: List.of("-jar", jar);
	}

	/**
	 * Starts {@code java -Xmx<heap> [jvmOptions] <launch> [args]}, its output appended to
	 * {@code log}, and waits until it answers its readiness probe.
	 */
	public static NodeProcess start(String heap, List<String> jvmOptions, List<String> launch, List<String> args,
			int port, String user, String password, Path log, Duration timeout)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + heap, "-XX:+UseG1GC"));
		command.addAll(jvmOptions);
		command.addAll(launch);
		command.addAll(
				List.of("--server.port=" + port, "--management.endpoints.web.exposure.include=health,info,metrics"));
		command.addAll(args);
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		NodeProcess node = new NodeProcess(process, port, user, password);
		node.awaitReady(timeout);
		return node;
	}

	private static String javaBinary() {
		return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
	}

	private void awaitReady(Duration timeout) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("The node stopped during start-up, exit " + process.exitValue());
			}
			if (get("/actuator/health/readiness") == 200) {
				return;
			}
			Thread.sleep(1000);
		}
		throw new IllegalStateException("The node did not become ready within " + timeout);
	}

	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	public long pid() {
		return process.pid();
	}

	/** CPU time the node used so far, all threads, in seconds. */
	public double cpuSeconds() {
		return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
	}

	/** Heap in use now, in MB (from the node's own metrics). */
	public double heapUsedMb() {
		return number(VALUE, "/actuator/metrics/jvm.memory.used?tag=area:heap") / (1024 * 1024);
	}

	/** Jobs due now and not yet run: how far the job executor is behind. */
	public long jobBacklog() {
		return (long) number(COUNT, "/engine-rest/job/count?executable=true");
	}

	private double number(Pattern pattern, String path) {
		try {
			HttpResponse<String> response = http.send(request(path), HttpResponse.BodyHandlers.ofString());
			Matcher value = pattern.matcher(response.body());
			return value.find() ? Double.parseDouble(value.group(1)) : Double.NaN;
		}
		catch (IOException e) {
			return Double.NaN;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Double.NaN;
		}
	}

	/**
	 * Deploys a BPMN diagram through the engine's REST API (multipart, as the Modeler
	 * does).
	 */
	public int deploy(String name, String bpmn) throws IOException, InterruptedException {
		String boundary = "----parcours-bench";
		String body = String.join("\r\n", "--" + boundary, "Content-Disposition: form-data; name=\"deployment-name\"",
				"", name, "--" + boundary,
				"Content-Disposition: form-data; name=\"" + name + ".bpmn\"; filename=\"" + name + ".bpmn\"",
				"Content-Type: application/octet-stream", "", bpmn, "--" + boundary + "--", "");
		HttpRequest request = HttpRequest.newBuilder(uri("/engine-rest/deployment/create"))
			.header("Authorization", authorization)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	public int get(String path) {
		try {
			return http.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException e) {
			return -1;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private HttpRequest request(String path) {
		return HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", authorization)
			.GET()
			.build();
	}

	/** SIGKILL: no shutdown hook, no graceful stop. */
	public void kill() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor();
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
			kill();
		}
	}

}
