package io.parcours.modeler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.parcours.ParcoursTest;
import io.parcours.channel.MessageTemplates;
import io.parcours.contact.Channel;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;

/**
 * Every file of {@code .camunda/element-templates/}, present and future, against the
 * Camunda Modeler's published JSON schema (vendored under
 * {@code src/test/resources/element-templates-json-schema/}) and our own conventions:
 * what the Modeler accepts and what Parcours can run.
 */
@ParcoursTest
class ElementTemplatesTests {

	static final String SCHEMA = "element-templates-json-schema/schema-0.22.1.json";

	static final Path TEMPLATES = Path.of(".camunda/element-templates");

	static final Path DIAGRAMS = Path.of("bpmn");

	static final ObjectMapper json = new ObjectMapper();

	static List<ElementTemplate> templates;

	@Autowired
	ApplicationContext context;

	@Autowired
	MessageTemplates messageTemplates;

	@BeforeAll
	static void readTemplates() throws IOException {
		templates = ElementTemplate.readAll(TEMPLATES, json);
	}

	@Test
	void everyTemplateFileMatchesTheModelersSchema() throws IOException {
		Schema schema;
		try (InputStream in = new ClassPathResource(SCHEMA).getInputStream()) {
			schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(json.readTree(in));
		}
		List<String> problems = new ArrayList<>();
		try (Stream<Path> files = Files.list(TEMPLATES)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
				for (Error error : schema.validate(json.readTree(file.toFile()))) {
					problems.add(file.getFileName() + ": " + error.getInstanceLocation() + " " + error.getMessage());
				}
			}
		}
		assertThat(problems).isEmpty();
		assertThat(templates).hasSizeGreaterThanOrEqualTo(5);
	}

	@Test
	void theSchemaCheckRejectsABrokenTemplate() throws IOException {
		Schema schema;
		try (InputStream in = new ClassPathResource(SCHEMA).getInputStream()) {
			schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(json.readTree(in));
		}
		JsonNode dropdownWithoutChoices = json.readTree("""
				{ "name": "Broken", "id": "parcours.broken", "appliesTo": ["bpmn:ServiceTask"],
				  "properties": [ { "label": "Template", "type": "Dropdown",
				    "binding": { "type": "camunda:inputParameter", "name": "template" } } ] }""");
		assertThat(schema.validate(dropdownWithoutChoices)).isNotEmpty();
	}

	@Test
	void everyTemplateIsNamedDescribedAndUniquelyIdentified() {
		Set<String> ids = new HashSet<>();
		for (ElementTemplate template : templates) {
			assertThat(template.id()).as(template.file()).matches("parcours\\.[a-z0-9]+(-[a-z0-9]+)*");
			assertThat(template.name()).as(template.file()).isNotBlank();
			assertThat(template.description()).as(template.file()).hasSizeGreaterThan(20);
			assertThat(template.version()).as(template.file()).isPositive();
			assertThat(ids.add(template.id() + "@" + template.version())).as("unique id " + template.id()).isTrue();
		}
	}

	@Test
	void everyBoundDelegateIsAJavaDelegateBeanOfTheApplication() {
		for (ElementTemplate template : templates) {
			String bean = template.delegateBean();
			assertThat(bean).as(template.file() + " binds a delegate expression like ${bean}").isNotNull();
			assertThat(context.containsBean(bean)).as(template.file() + ": bean '" + bean + "'").isTrue();
			assertThat(context.getBean(bean)).as(template.file()).isInstanceOf(JavaDelegate.class);
		}
	}

	/** What the deployment checks of a step applied with a template. */
	@Test
	void everyTemplateRunsTheStepOfItsName() {
		for (ElementTemplate template : templates) {
			assertThat(TemplateBindingChecks.stepOf(template.id())).as(template.file())
				.isEqualTo(template.delegateBean());
		}
	}

	@Test
	void everyVisibleFieldIsLabelledAndEveryChoiceListRequiresAValue() {
		for (ElementTemplate template : templates) {
			for (JsonNode property : template.properties()) {
				String type = property.path("type").asText("String");
				if (type.equals("Hidden")) {
					continue;
				}
				assertThat(property.path("label").asText()).as(template.file() + " field label").isNotBlank();
				if (type.equals("Dropdown")) {
					assertThat(property.path("constraints").path("notEmpty").asBoolean())
						.as(template.file() + " " + property.path("label").asText() + " requires a value")
						.isTrue();
				}
			}
		}
	}

	@Test
	void everyMessageTemplateOfferedExistsInEnglishAndFrench() {
		for (ElementTemplate template : templates) {
			for (String name : template.choicesFor("template")) {
				List<Channel> channels = template.channel()
					.map(List::of)
					.orElse(List.of(Channel.values()))
					.stream()
					.filter(channel -> messageTemplates.exists(name, channel))
					.toList();
				assertThat(channels).as(template.file() + " offers message template '" + name + "'").isNotEmpty();
				for (Channel channel : channels) {
					for (String part : channel == Channel.EMAIL ? List.of("subject.txt", "body.html")
							: List.of("sms.txt")) {
						for (String language : List.of("en", "fr")) {
							assertThat(new ClassPathResource("messages/" + name + "/" + language + "." + part).exists())
								.as(template.file() + " offers '" + name + "': " + language + "." + part)
								.isTrue();
						}
					}
				}
			}
		}
	}

	@Test
	void everyTaskOfTheJourneysIsBoundThroughAnExistingTemplate() throws IOException {
		try (Stream<Path> files = Files.list(DIAGRAMS)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
				BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
				for (Task task : model.getModelElementsByType(Task.class)) {
					String delegate = task.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn",
							"delegateExpression");
					if (delegate == null) {
						continue;
					}
					String where = file.getFileName() + " " + task.getId();
					String templateId = task.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn",
							"modelerTemplate");
					assertThat(templateId).as(where + " uses an element template").isNotNull();
					String version = task.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn",
							"modelerTemplateVersion");
					// the Modeler shows a step's template form only for the version it
					// was applied with
					ElementTemplate template = templates.stream()
						.filter(t -> t.id().equals(templateId) && String.valueOf(t.version()).equals(version))
						.findFirst()
						.orElseThrow(() -> new AssertionError(
								where + ": no element template " + templateId + " version " + version));
					assertThat(delegate).as(where).isEqualTo("${" + template.delegateBean() + "}");
				}
			}
		}
	}

}
