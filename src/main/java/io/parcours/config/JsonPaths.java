package io.parcours.config;

import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * The JSON path of the field a Jackson mapping error is about:
 * {@code properties.items[0].price}.
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

}
