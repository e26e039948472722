package io.parcours.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A file beside the embedded database while a node runs on it: found at start, the last
 * run did not stop cleanly (killed, power cut), and the database deserves a check.
 */
final class CleanStopMarker {

	private final Path marker;

	CleanStopMarker(Path databaseFile) {
		this.marker = databaseFile.resolveSibling(databaseFile.getFileName() + ".running");
	}

	/** Marks the database in use; true when the last run left it without a clean stop. */
	boolean startAndTellWhetherLastStopWasUnclean() {
		boolean unclean = Files.exists(marker);
		try {
			Files.writeString(marker, "in use since " + Instant.now() + ", pid " + ProcessHandle.current().pid());
		}
		catch (IOException unwritable) {
			throw new UncheckedIOException("Cannot mark the embedded database in use: " + marker, unwritable);
		}
		return unclean;
	}

	void stopped() {
		try {
			Files.deleteIfExists(marker);
		}
		catch (IOException stays) {
			// the next start then checks the database once more: no harm
		}
	}

}
