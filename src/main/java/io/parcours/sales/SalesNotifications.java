package io.parcours.sales;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.parcours.channel.MessageProvider;
import io.parcours.channel.MessageTemplates;
import io.parcours.channel.OutboundMessage;
import io.parcours.channel.ProviderException;
import io.parcours.channel.RenderedMessage;
import io.parcours.channel.provider.Providers;
import io.parcours.contact.Channel;
import io.parcours.contact.Contact;
import io.parcours.contact.LifecycleStage;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Emails sales users about a lead (a hot lead to qualify, an overdue one), to the email
 * of their engine user profile (Camunda Admin), through the email provider of the
 * journeys. Each user is notified at most once per notification key.
 */
@Service
public class SalesNotifications {

	/** The hand-off of a hot lead, to its owner. */
	public static final String HOT_LEAD = "sales-hot-lead";

	/** A hot lead nobody took in time, to the sales managers. */
	public static final String ESCALATION = "sales-escalation";

	/** The message templates written for sales reps, never for a journey's contact. */
	public static final Set<String> STAFF_TEMPLATES = Set.of(HOT_LEAD, ESCALATION);

	private static final Logger log = LoggerFactory.getLogger(SalesNotifications.class);

	private final IdentityService identity;

	private final MessageTemplates templates;

	private final Providers providers;

	private final SentNotifications sent;

	private final SalesProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SalesNotifications(IdentityService identity, MessageTemplates templates, Providers providers,
			SentNotifications sent, SalesProperties properties, ApplicationEventPublisher events, Clock clock) {
		this.identity = identity;
		this.templates = templates;
		this.providers = providers;
		this.sent = sent;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Sends the template about the lead to the rep if there is one, else to every member
	 * of the group; returns how many users were emailed now. A test run's lead notifies
	 * through the log provider only.
	 */
	public int notify(String key, String leadContactId, String template, String rep, String group, String taskId,
			Map<String, Object> data) {
		List<User> users = rep != null ? identity.createUserQuery().userId(rep).list()
				: identity.createUserQuery().memberOfGroup(group).list();
		if (users.isEmpty()) {
			// the task waits in Tasklist for a group nobody is in: only ops see it
			log.warn("Nobody to notify of lead {} ({}): {} has no user in Camunda Admin", leadContactId, template,
					rep != null ? "sales rep " + rep : "group " + group);
		}
		int notified = 0;
		for (User user : users) {
			if (user.getEmail() == null || user.getEmail().isBlank()) {
				log.warn("Sales user {} has no email in their profile: not notified ({})", user.getId(), template);
			}
			else if (send(key + "/" + user.getId(), providers.forContact(Channel.EMAIL, leadContactId), template, user,
					leadContactId, taskId, data)) {
				notified++;
			}
		}
		return notified;
	}

	private boolean send(String key, MessageProvider provider, String template, User user, String leadContactId,
			String taskId, Map<String, Object> data) {
		Instant now = clock.instant();
		if (!sent.claim(key, user.getId(), template, taskId, provider.name(), now)) {
			return false;
		}
		Map<String, Object> model = new HashMap<>(data);
		model.put("taskId", taskId);
		model.computeIfPresent(SalesVariables.QUALIFY_DUE_AT, (name, due) -> readable(due.toString()));
		RenderedMessage content = templates.render(template, Channel.EMAIL, recipient(user, now), model);
		try {
			provider.send(new OutboundMessage(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString(),
					"user:" + user.getId(), Channel.EMAIL, user.getEmail(), content.subject(), content.body()));
		}
		catch (ProviderException.OutcomeUnknown unknown) {
			// the provider may have taken it (it timed out after the request went):
			// kept as sent, as a contact's message is, rather than sent twice
			log.warn("Sales user {} may have been notified ({}, task {}): {}; not sent again", user.getId(), template,
					taskId, unknown.getMessage());
			return false;
		}
		catch (ProviderException e) {
			sent.release(key);
			throw e;
		}
		log.info("Sales user {} notified ({}, task {}) through {}", user.getId(), template, taskId, provider.name());
		BpmnExecutionContext step = Context.getBpmnExecutionContext();
		ExecutionEntity execution = step == null ? null : step.getExecution();
		events.publishEvent(new StaffNotified(leadContactId, user.getId(), template, provider.name(), content.subject(),
				content.body(), execution == null ? null : execution.getProcessDefinition().getKey(),
				execution == null ? null : execution.getActivityId()));
		return true;
	}

	/**
	 * The deadline as the team reads it: "Friday 27 November 2026, 10:45 (Europe/Paris)",
	 * not the UTC instant the task keeps.
	 */
	private String readable(String due) {
		try {
			return DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.forLanguageTag(properties.language()))
				.format(Instant.parse(due).atZone(properties.timeZone())) + " (" + properties.timeZone().getId() + ")";
		}
		catch (DateTimeParseException notAnInstant) {
			return due;
		}
	}

	/**
	 * Templates render for a contact: a sales user is addressed like one, by first name.
	 */
	private Contact recipient(User user, Instant now) {
		return new Contact("user:" + user.getId(), user.getEmail(), null, user.getFirstName(), properties.language(),
				properties.timeZone().getId(), Map.of(), LifecycleStage.SUBSCRIBER, 0, BigDecimal.ZERO, null, null, now,
				now);
	}

}
