package io.parcours.modeler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.impl.util.xml.Element;
import org.xml.sax.SAXParseException;

/**
 * Two elements with one id, or a flow leading to an element that is not in the diagram
 * (edited outside the Modeler, or pasted from another diagram): the engine's XML schema
 * says so in its own words ({@code cvc-id.2: There are multiple occurrences of ID value
 * ...}), naming no element. Said here for the marketer, on the elements at fault.
 */
final class DiagramIds {

	private static final Pattern DUPLICATE = Pattern.compile("cvc-id\\.2: .*ID value '([^']*)'.*", Pattern.DOTALL);

	/**
	 * Follows each duplicate: the same id, "not valid with respect to its type, 'ID'".
	 */
	private static final Pattern DUPLICATE_TYPE = Pattern
		.compile("cvc-attribute\\.3: The value '([^']*)' of attribute 'id' .*'ID'.*", Pattern.DOTALL);

	private static final Pattern DANGLING = Pattern.compile("cvc-id\\.1: .*IDREF '([^']*)'.*", Pattern.DOTALL);

	private DiagramIds() {
	}

	/** The engine's schema errors this class rewords. */
	static boolean concerns(SAXParseException problem) {
		String message = String.valueOf(problem.getMessage());
		return DUPLICATE.matcher(message).matches() || DUPLICATE_TYPE.matcher(message).matches()
				|| DANGLING.matcher(message).matches();
	}

	/**
	 * The problems, on their elements; {@code unexplained} holds the schema errors no
	 * element of the diagram accounts for, left in the engine's words.
	 */
	record Reading(List<ModelProblem> problems, List<SAXParseException> unexplained) {
	}

	static Reading read(Element root, List<SAXParseException> schemaErrors) {
		Map<String, List<Element>> byId = new LinkedHashMap<>();
		List<Element> all = new ArrayList<>();
		collect(root, byId, all);
		List<ModelProblem> problems = new ArrayList<>();
		List<SAXParseException> unexplained = new ArrayList<>();
		Set<String> duplicates = new LinkedHashSet<>();
		Set<String> dangling = new LinkedHashSet<>();
		for (SAXParseException error : schemaErrors) {
			String message = String.valueOf(error.getMessage());
			Matcher duplicate = DUPLICATE.matcher(message);
			Matcher duplicateType = DUPLICATE_TYPE.matcher(message);
			Matcher missing = DANGLING.matcher(message);
			boolean explained = false;
			if (duplicate.matches() && byId.getOrDefault(duplicate.group(1), List.of()).size() > 1) {
				duplicates.add(duplicate.group(1));
				explained = true;
			}
			else if (duplicateType.matches()) {
				explained = byId.getOrDefault(duplicateType.group(1), List.of()).size() > 1;
			}
			else if (missing.matches() && !referrers(all, missing.group(1)).isEmpty()) {
				dangling.add(missing.group(1));
				explained = true;
			}
			if (!explained) {
				unexplained.add(error);
			}
		}
		duplicates.forEach(id -> problems.add(duplicate(id, byId.get(id))));
		dangling.forEach(id -> referrers(all, id).forEach(referrer -> problems.add(dangling(referrer, id))));
		return new Reading(problems, unexplained);
	}

	private static ModelProblem duplicate(String id, List<Element> elements) {
		List<String> named = elements.stream()
			.map(element -> element.attribute("name") == null || element.attribute("name").isBlank()
					? "a " + element.getTagName() : "'" + element.attribute("name").strip() + "'")
			.toList();
		String count = elements.size() == 2 ? "Two elements" : elements.size() + " elements";
		return new ModelProblem(count + " have the id '" + id + "' (" + String.join(", ", named)
				+ "): give each its own id (Properties panel → General → ID).", elements.get(1), id);
	}

	private static ModelProblem dangling(Element referrer, String id) {
		String flow = "'" + referrer.attribute("id") + "'";
		String what = id.equals(referrer.attribute("targetRef")) ? "The flow " + flow + " leads to '" + id + "'"
				: id.equals(referrer.attribute("sourceRef")) ? "The flow " + flow + " comes from '" + id + "'"
						: Steps.describe(referrer, referrer) + " takes the flow '" + id + "' by default";
		return new ModelProblem(what + ", which is not in the diagram: connect it again in the Modeler, or delete it.",
				referrer, referrer.attribute("id"));
	}

	/** The elements referring to the id where the schema wants an element's id. */
	private static List<Element> referrers(List<Element> all, String id) {
		return all.stream()
			.filter(element -> id.equals(element.attribute("sourceRef")) || id.equals(element.attribute("targetRef"))
					|| id.equals(element.attribute("default")))
			.toList();
	}

	private static void collect(Element element, Map<String, List<Element>> byId, List<Element> all) {
		all.add(element);
		if (element.attribute("id") != null) {
			byId.computeIfAbsent(element.attribute("id"), id -> new ArrayList<>()).add(element);
		}
		element.elements().forEach(child -> collect(child, byId, all));
	}

}
