package io.parcours.scoring;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.parcours.TestContacts;
import io.parcours.contact.Contact;
import io.parcours.event.EventIngestion;
import io.parcours.event.EventReceipt;
import io.parcours.event.EventRequest;
import io.parcours.event.EventType;
import io.parcours.journey.ProcessKeys;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Leads and their activities, fed through event ingestion as {@code POST /api/events}
 * does.
 */
@Component
public class TestLeads {

	private final TestContacts contacts;

	private final EventIngestion events;

	private final RuntimeService runtime;

	TestLeads(TestContacts contacts, EventIngestion events, RuntimeService runtime) {
		this.contacts = contacts;
		this.events = events;
		this.runtime = runtime;
	}

	/** A new contact who consented to email, created as a lead: its journey instance. */
	public ProcessInstance create(String jobTitle, Integer companySize, String industry, String country) {
		Contact contact = contacts.withConsent(true, false);
		createAgain(contact.id(), jobTitle, companySize, industry, country);
		return runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.B2B_NURTURING)
			.processInstanceBusinessKey(contact.id())
			.singleResult();
	}

	/** A new lead whose {@code lead.created} leaves out the optional source. */
	public ProcessInstance createWithoutSource(String jobTitle, Integer companySize, String industry, String country) {
		Contact contact = contacts.withConsent(true, false);
		Map<String, Object> properties = properties(contact.id(), jobTitle, companySize, industry, country);
		properties.remove("source");
		send(new EventRequest(TestContacts.newId("evt"), EventType.LEAD_CREATED, contact.id(), null, null, properties));
		return runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.B2B_NURTURING)
			.processInstanceBusinessKey(contact.id())
			.singleResult();
	}

	/** Another {@code lead.created} for an existing contact. */
	public void createAgain(String contactId, String jobTitle, Integer companySize, String industry, String country) {
		createAt(contactId, null, jobTitle, companySize, industry, country);
	}

	/**
	 * A {@code lead.created} for an existing contact, that happened at the moment given.
	 */
	public void createAt(String contactId, Instant occurredAt, String jobTitle, Integer companySize, String industry,
			String country) {
		send(new EventRequest(TestContacts.newId("evt"), EventType.LEAD_CREATED, contactId, occurredAt, null,
				properties(contactId, jobTitle, companySize, industry, country)));
	}

	private static Map<String, Object> properties(String contactId, String jobTitle, Integer companySize,
			String industry, String country) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("company", "Acme " + contactId);
		properties.put("jobTitle", jobTitle);
		properties.put("companySize", companySize);
		properties.put("industry", industry);
		properties.put("country", country);
		properties.put("source", "webinar");
		return properties;
	}

	public EventReceipt activity(ProcessInstance lead, String activity, Instant occurredAt) {
		return activity(TestContacts.newId("evt"), lead.getBusinessKey(), activity, occurredAt);
	}

	public EventReceipt activity(String eventId, String contactId, String activity, Instant occurredAt) {
		return send(new EventRequest(eventId, EventType.LEAD_ACTIVITY, contactId, occurredAt, null,
				Map.of("activity", activity)));
	}

	private EventReceipt send(EventRequest request) {
		EventReceipt receipt = events.accept(request);
		if (!receipt.duplicate() && !receipt.processed()) {
			throw new IllegalStateException("Event " + request.id() + " was not processed: see the log");
		}
		return receipt;
	}

}
