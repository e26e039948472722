package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanStopMarkerTests {

	@TempDir
	Path data;

	@Test
	void aRunThatDidNotStopCleanlyIsToldAtTheNextStart() {
		Path database = data.resolve("parcours");

		assertThat(new CleanStopMarker(database).startAndTellWhetherLastStopWasUnclean()).as("first start").isFalse();
		// killed: no stop
		CleanStopMarker afterKill = new CleanStopMarker(database);
		assertThat(afterKill.startAndTellWhetherLastStopWasUnclean()).as("start after a kill").isTrue();
		afterKill.stopped();
		assertThat(new CleanStopMarker(database).startAndTellWhetherLastStopWasUnclean()).as("start after a clean stop")
			.isFalse();
		assertThat(data.resolve("parcours.running")).exists();
	}

}
