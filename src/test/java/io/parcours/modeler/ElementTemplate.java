package io.parcours.modeler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parcours.contact.Channel;

/** One Camunda 7 element template, as the Modeler reads it from a JSON file. */
record ElementTemplate(String file, JsonNode json) {

	private static final Pattern SIMPLE_EXPRESSION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

	/**
	 * Every template of every file of the folder (a file holds one template or a list).
	 */
	static List<ElementTemplate> readAll(Path folder, ObjectMapper json) throws IOException {
		List<ElementTemplate> all = new ArrayList<>();
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
				JsonNode root = json.readTree(file.toFile());
				for (JsonNode template : root.isArray() ? root : List.of(root)) {
					all.add(new ElementTemplate(file.getFileName().toString(), template));
				}
			}
		}
		return all;
	}

	String id() {
		return json.path("id").asText();
	}

	String name() {
		return json.path("name").asText();
	}

	String description() {
		return json.path("description").asText();
	}

	int version() {
		return json.path("version").asInt(0);
	}

	JsonNode properties() {
		return json.path("properties");
	}

	/**
	 * The bean of the {@code camunda:delegateExpression} the template binds, if simple.
	 */
	String delegateBean() {
		for (JsonNode property : properties()) {
			JsonNode binding = property.path("binding");
			if (binding.path("type").asText().equals("property")
					&& binding.path("name").asText().equals("camunda:delegateExpression")) {
				Matcher matcher = SIMPLE_EXPRESSION.matcher(property.path("value").asText());
				return matcher.matches() ? matcher.group(1) : null;
			}
		}
		return null;
	}

	/** The choices of the Dropdown bound to an input parameter. */
	List<String> choicesFor(String inputParameter) {
		List<String> values = new ArrayList<>();
		for (JsonNode property : properties()) {
			JsonNode binding = property.path("binding");
			if (binding.path("type").asText().equals("camunda:inputParameter")
					&& binding.path("name").asText().equals(inputParameter)) {
				property.path("choices").forEach(choice -> values.add(choice.path("value").asText()));
			}
		}
		return values;
	}

	/** The channel a send template is for, known from its delegate or a fixed input. */
	Optional<Channel> channel() {
		List<String> fixed = choicesFor("channel");
		if (fixed.size() == 1) {
			return Optional.of(Channel.fromValue(fixed.get(0)));
		}
		String bean = String.valueOf(delegateBean()).toLowerCase();
		if (bean.contains("sms")) {
			return Optional.of(Channel.SMS);
		}
		return bean.contains("email") ? Optional.of(Channel.EMAIL) : Optional.empty();
	}

}
