package io.parcours.experiment;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Deterministic assignment: a contact's position in an experiment is a hash of the
 * experiment key and the contact id, mapped onto the variants' cumulative weights (in
 * variant name order). The same contact in the same experiment always lands at the same
 * place, on every node, with no state; different experiments shuffle contacts
 * independently.
 */
final class VariantPicker {

	private VariantPicker() {
	}

	static String pick(String experiment, String contactId, Map<String, Integer> weights) {
		return pick(position(experiment, contactId), weights);
	}

	/** A uniform number in [0, 1) drawn from SHA-256 of the experiment and contact. */
	static double position(String experiment, String contactId) {
		byte[] hash = sha256(experiment + '\u0000' + contactId);
		long bits = ByteBuffer.wrap(hash, 0, Long.BYTES).getLong();
		return (bits >>> 11) * 0x1.0p-53;
	}

	static String pick(double position, Map<String, Integer> weights) {
		SortedMap<String, Integer> ordered = new TreeMap<>(weights);
		double total = ordered.values().stream().mapToInt(Integer::intValue).sum();
		double cumulative = 0;
		String last = null;
		for (Map.Entry<String, Integer> variant : ordered.entrySet()) {
			if (variant.getValue() == 0) {
				continue;
			}
			cumulative += variant.getValue() / total;
			last = variant.getKey();
			if (position < cumulative) {
				return last;
			}
		}
		return last;
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every JVM has SHA-256", e);
		}
	}

}
