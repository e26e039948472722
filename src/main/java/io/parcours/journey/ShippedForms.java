package io.parcours.journey;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The Camunda Forms Parcours ships ({@code forms/*.form}, on the class path), by their
 * id: what the tasks of the shipped journeys show and take, whatever a later deployment
 * under the same id says.
 */
public final class ShippedForms {

	private static final ObjectMapper JSON = new ObjectMapper();

	private ShippedForms() {
	}

	public static Map<String, JsonNode> byId() {
		Map<String, JsonNode> shipped = new HashMap<>();
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver()
				.getResources("classpath*:forms/*.form")) {
				try (InputStream in = resource.getInputStream()) {
					JsonNode form = JSON.readTree(in);
					shipped.put(form.path("id").asText(), form);
				}
			}
		}
		catch (IOException e) {
			throw new IllegalStateException("The shipped forms cannot be read", e);
		}
		return Map.copyOf(shipped);
	}

}
