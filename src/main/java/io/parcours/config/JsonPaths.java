package io.parcours.config;

import com.fasterxml.jackson.databind.JsonMappingException;

import jakarta.validation.Path;

/**
 * The JSON path of the field a Jackson mapping error or a bean validation violation is
 * about: {@code properties.items[0].price}.
 */
public final class JsonPaths {

	private JsonPaths() {
	}

	public static String of(JsonMappingException ex) {
		StringBuilder path = new StringBuilder();
		for (JsonMappingException.Reference reference : ex.getPath()) {
			if (reference.getFieldName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "body" : path.toString();
	}

	/**
	 * A violation's property path without the validator's container element names:
	 * {@code items[0]}, not {@code items[0].<list element>}.
	 */
	public static String of(Path path) {
		return ofField(path.toString().replaceAll("\\.<[^>]+>", ""));
	}

	/**
	 * A validated field as JSON names it: a map's entry {@code consents[email]} is
	 * {@code consents.email}; a list's {@code items[0]} stays.
	 */
	public static String ofField(String field) {
		return field.replaceAll("\\[([^\\]]*\\D[^\\]]*)]", ".$1");
	}

}
