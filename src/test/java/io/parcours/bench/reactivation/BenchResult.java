package io.parcours.bench.reactivation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The figures of one run, written as {@code reactivation-sweep-<db>.md} and
 * {@code .json}.
 */
record BenchResult(String database, String label, int contacts, int pageSize, Phase sweep, Phase bare, long seedMillis,
		int found, int enrolments, int duplicates, long runningJourneys, long maxHeapBytes, String startedAt,
		JobAcquisitionTimes acquisition) {

	static final double TARGET_SECONDS = 180;

	static final double TARGET_RATIO = 0.7;

	double ratio() {
		return sweep.perSecond() / bare.perSecond();
	}

	double cpuRatio() {
		return (double) bare.cpuMillis() / sweep.cpuMillis();
	}

	boolean eachContactOnce() {
		return enrolments == contacts && duplicates == 0 && runningJourneys == contacts;
	}

	void write(Path dir) throws IOException {
		Files.createDirectories(dir);
		Files.writeString(dir.resolve("reactivation-sweep-" + database + ".md"), markdown());
		Files.writeString(dir.resolve("reactivation-sweep-" + database + ".json"),
				new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json()) + "\n");
	}

	private Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("database", label);
		json.put("startedAt", startedAt);
		json.put("contacts", contacts);
		json.put("pageSize", pageSize);
		json.put("heapCapMb", mb(maxHeapBytes));
		json.put("cores", Runtime.getRuntime().availableProcessors());
		json.put("sweep", sweep.json());
		json.put("bareEngine", bare.json());
		json.put("ratio", round(ratio()));
		json.put("cpuRatio", round(cpuRatio()));
		json.put("targetRatio", TARGET_RATIO);
		json.put("targetSeconds", TARGET_SECONDS);
		json.put("found", found);
		json.put("enrolments", enrolments);
		json.put("duplicateEnrolments", duplicates);
		json.put("runningReactivationJourneys", runningJourneys);
		json.put("eachContactEnrolledOnce", eachContactOnce());
		json.put("seedSeconds", round(seedMillis / 1000.0));
		json.put("jobAcquisition", acquisition.json());
		return json;
	}

	private String markdown() {
		return String.format(Locale.ROOT,
				"""
						# Reactivation sweep benchmark: %s

						Run %s on %d cores, heap capped at %d MB (`-Xmx`), %,d dormant contacts, pages of %d.
						Written by `bench/reactivation-sweep.sh`; the code is `src/test/java/io/parcours/bench/reactivation/`.

						| phase | wall time | per second | JVM CPU time | CPU ms per instance | peak heap used | heap after full GC | load average at the end |
						|---|---|---|---|---|---|---|---|
						| sweep: find and enrol %,d dormant contacts | %.1f s | %,.0f | %.1f s | %.2f | %d MB | %d MB | %.1f |
						| bare engine: start %,d instances of a one-timer process | %.1f s | %,.0f | %.1f s | %.2f | %d MB | %d MB | %.1f |

						- **Ratio sweep / bare engine: %.2f** by wall time (target at least %.1f: %s); by CPU time %.2f.
						- **Enrolment of %,d in %.1f s** (target under %.0f s%s: %s).
						- Heap: the cap held (no OutOfMemoryError); peak used %d MB of %d MB.
						- Each contact enrolled exactly once: **%s** (%,d found, %,d enrolment rows, %d contacts enrolled twice, %,d running reactivation journeys).
						- Seeding the contacts (not timed above): %.1f s.

						How it is measured: one Spring Boot application (the `test` profile: job executor off, log
						providers; history level full as in production) on a fresh database. After a warm-up (a
						small sweep and as many bare starts), the bare engine starts N instances of a process
						`start -> timer (P1D) -> end`, each with a business key as a journey has, %d per
						transaction inside one engine command each (the engine's best case); then the sweep runs as
						in production, its jobs executed one after the other on one thread: open (count the dormant
						contacts), then a page job per %d contacts (keyset query, %d `reactivation` starts,
						enrolment rows, cursor, progress variables), each in its own transaction. The bare phase
						runs first, so the sweep works on the larger tables. Wall time depends on what else the
						machine runs (see the load average, on 2 cores); the JVM's CPU time per instance much less.
						""",
				label, startedAt, Runtime.getRuntime().availableProcessors(), mb(maxHeapBytes), contacts, pageSize,
				contacts, sweep.seconds(), sweep.perSecond(), sweep.cpuMillis() / 1000.0, sweep.cpuPerInstance(),
				mb(sweep.peakHeapBytes()), mb(sweep.heapAfterGcBytes()), sweep.loadAverage(), contacts, bare.seconds(),
				bare.perSecond(), bare.cpuMillis() / 1000.0, bare.cpuPerInstance(), mb(bare.peakHeapBytes()),
				mb(bare.heapAfterGcBytes()), bare.loadAverage(), ratio(), TARGET_RATIO,
				ratio() >= TARGET_RATIO ? "met" : "missed", cpuRatio(), contacts, sweep.seconds(), TARGET_SECONDS,
				database.equals("h2") ? " on H2 with 512 MB" : ", set for H2",
				sweep.seconds() < TARGET_SECONDS ? "met" : "missed",
				mb(Math.max(sweep.peakHeapBytes(), bare.peakHeapBytes())), mb(maxHeapBytes),
				eachContactOnce() ? "yes" : "NO", found, enrolments, duplicates, runningJourneys, seedMillis / 1000.0,
				pageSize, pageSize, pageSize) + acquisition.markdown();
	}

	static long mb(long bytes) {
		return bytes / (1024 * 1024);
	}

	static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	/** One timed phase: how long, how many, the CPU and heap it took. */
	record Phase(int count, long millis, long cpuMillis, long peakHeapBytes, long heapAfterGcBytes,
			double loadAverage) {

		double seconds() {
			return millis / 1000.0;
		}

		double perSecond() {
			return count / seconds();
		}

		double cpuPerInstance() {
			return (double) cpuMillis / count;
		}

		Map<String, Object> json() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("instances", count);
			json.put("seconds", round(seconds()));
			json.put("perSecond", Math.round(perSecond()));
			json.put("cpuSeconds", round(cpuMillis / 1000.0));
			json.put("cpuMillisPerInstance", round(cpuPerInstance()));
			json.put("peakHeapUsedMb", mb(peakHeapBytes));
			json.put("heapAfterFullGcMb", mb(heapAfterGcBytes));
			json.put("loadAverageAtEnd", round(loadAverage));
			return json;
		}

	}

}
