package io.parcours.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;
import io.parcours.journey.TestRunContacts;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@ParcoursTest
class ExperimentsIntegrationTests {

	static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	@Autowired
	Assignments assignments;

	@Autowired
	Traffic traffic;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anAssignmentIsRecordedWithItsTimeAndConversionWindow() {
		String experiment = TestContacts.newId("exp");
		Instant entered = NOW.minus(Duration.ofHours(1));

		Assignment assignment = experiments(experiment, Map.of("A", 1, "control", 1), false).assign(experiment, "c-1",
				"abandoned-cart", "pi-1", entered);

		assertThat(assignments.find(experiment, "c-1")).contains(assignment);
		assertThat(assignment.assignedAt()).isEqualTo(NOW);
		assertThat(assignment.enteredAt()).isEqualTo(entered);
		assertThat(assignment.convertsUntil()).isEqualTo(entered.plus(Duration.ofDays(7)));
		assertThat(assignment.variant()).isEqualTo(VariantPicker.pick(experiment, "c-1", Map.of("A", 1, "control", 1)));
	}

	@Test
	void theConversionWindowShrinksWithCompressedTime() {
		String experiment = TestContacts.newId("exp");
		ExperimentSettings settings = new ExperimentSettings("abandoned-cart", Map.of("A", 1, "control", 1), "control",
				Duration.ofDays(7), 100, 0.05, false);
		Experiments demo = new Experiments(new ExperimentProperties(Map.of(experiment, settings)), assignments, traffic,
				Clock.fixed(NOW, ZoneOffset.UTC), 8640);

		assertThat(demo.assign(experiment, "c-1", "abandoned-cart", "pi-1", NOW).convertsUntil())
			.isEqualTo(NOW.plus(Duration.ofSeconds(70)));
	}

	/** A test run's contact is in no experiment figure, even while the run lasts. */
	@Test
	void testRunContactsAreLeftOutOfTheFigures() {
		String experiment = TestContacts.newId("exp");
		Experiments onlyA = experiments(experiment, Map.of("A", 100, "control", 0), false);
		onlyA.assign(experiment, "c-1", "abandoned-cart", "pi-1", NOW);
		String testRunContact = TestRunContacts.PREFIX + TestContacts.newId("c");
		onlyA.assign(experiment, testRunContact, "abandoned-cart", "pi-2", NOW);
		try {
			assertThat(assignments.figures(experiment, Instant.now())).singleElement()
				.satisfies(variant -> assertThat(variant.assigned()).isOne());
		}
		finally {
			// as the test run's cleanup does
			jdbc.sql("delete from experiment_assignment where contact_id = ?").param(testRunContact).update();
		}
	}

	@Test
	void changingTheWeightsNeverReassignsAContact() {
		String experiment = TestContacts.newId("exp");
		Experiments onlyA = experiments(experiment, Map.of("A", 100, "control", 0), false);
		Experiments onlyB = experiments(experiment, Map.of("B", 100, "control", 0), false);

		String first = onlyA.assign(experiment, "c-1", "abandoned-cart", "pi-1", NOW).variant();
		String again = onlyB.assign(experiment, "c-1", "abandoned-cart", "pi-2", NOW.plus(Duration.ofDays(30)))
			.variant();
		String newcomer = onlyB.assign(experiment, "c-2", "abandoned-cart", "pi-3", NOW).variant();

		assertThat(first).isEqualTo("A");
		assertThat(again).isEqualTo("A");
		assertThat(assignments.find(experiment, "c-1").orElseThrow().processInstanceId()).isEqualTo("pi-1");
		assertThat(newcomer).isEqualTo("B");
	}

	@Test
	void concurrentJourneysOfOneContactGetOneAssignment() throws Exception {
		String experiment = TestContacts.newId("exp");
		Experiments experiments = experiments(experiment, Map.of("A", 45, "B", 45, "control", 10), false);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			var answers = IntStream.range(0, 8)
				.mapToObj(i -> pool
					.submit(() -> experiments.assign(experiment, "c-1", "abandoned-cart", "pi-" + i, NOW).variant()))
				.toList();
			for (Future<String> answer : answers) {
				assertThat(answer.get()).isEqualTo(VariantPicker.pick(experiment, "c-1",
						experiments.settings(experiment).orElseThrow().weights()));
			}
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void onceTrafficMovedToTheWinnerNewContactsGoToTheWinnerOrControl() {
		String experiment = TestContacts.newId("exp");
		Experiments experiments = experiments(experiment, Map.of("A", 45, "B", 45, "control", 10), true);
		String assignedBefore = TestVariants.contactIdIn(experiment, Map.of("A", 45, "B", 45, "control", 10), "A");
		experiments.assign(experiment, assignedBefore, "abandoned-cart", "pi-0", NOW);

		assertThat(traffic.move(experiment, "B", "B wins", NOW)).isTrue();
		assertThat(traffic.move(experiment, "A", "later", NOW)).isFalse();

		var variants = IntStream.range(0, 1_000)
			.mapToObj(i -> experiments.assign(experiment, "new-" + i, "abandoned-cart", "pi-" + i, NOW).variant())
			.collect(java.util.stream.Collectors.groupingBy(v -> v, java.util.stream.Collectors.counting()));
		assertThat(variants).containsOnlyKeys("B", "control");
		assertThat(variants.get("control")).isBetween(60L, 140L);
		assertThat(experiments.assign(experiment, assignedBefore, "abandoned-cart", "pi-9", NOW).variant())
			.isEqualTo("A");
	}

	/**
	 * Orders count from a minute before the journey started (the shop's clock), the
	 * window from its start: in compressed time (a day is 10 s) a week is 70 s after it.
	 */
	@Test
	void theConversionWindowRunsFromEntryNotFromTheClockLeeway() {
		String experiment = TestContacts.newId("exp");
		ExperimentSettings settings = new ExperimentSettings("welcome", Map.of("A", 50, "control", 50), "control",
				Duration.ofDays(7), 100, 0.05, false);
		Experiments compressed = new Experiments(new ExperimentProperties(Map.of(experiment, settings)), assignments,
				traffic, Clock.fixed(NOW, ZoneOffset.UTC), 8640);

		Assignment assignment = compressed.assign(experiment, "c-window", "welcome", "pi-w", NOW.minusSeconds(60), NOW);

		assertThat(assignment.enteredAt()).isEqualTo(NOW.minusSeconds(60));
		assertThat(assignment.convertsUntil()).isEqualTo(NOW.plusSeconds(70));
	}

	private Experiments experiments(String key, Map<String, Integer> weights, boolean moveTraffic) {
		ExperimentSettings settings = new ExperimentSettings("abandoned-cart", weights, "control", Duration.ofDays(7),
				100, 0.05, moveTraffic);
		return new Experiments(new ExperimentProperties(Map.of(key, settings)), assignments, traffic,
				Clock.fixed(NOW, ZoneOffset.UTC), 1);
	}

}
