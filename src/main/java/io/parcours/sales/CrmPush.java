package io.parcours.sales;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parcours.journey.TestRunContacts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Hands an accepted lead to the CRM as an opportunity, once per journey instance: through
 * the webhook, or to the log when no CRM is configured and for a test run's contact (a
 * copy of a real one: nothing of a test run leaves Parcours). Failures throw, so the
 * engine retries the step (job retries, then an incident); every attempt is logged in
 * {@code crm_push}.
 */
@Service
public class CrmPush {

	private static final Logger log = LoggerFactory.getLogger(CrmPush.class);

	private final CrmProperties properties;

	private final CrmPushes pushes;

	private final ObjectMapper mapper;

	private final CrmWebhook webhook;

	CrmPush(CrmProperties properties, CrmPushes pushes, ObjectMapper mapper) {
		this.properties = properties;
		this.pushes = pushes;
		this.mapper = mapper;
		this.webhook = properties.target() == CrmProperties.Target.WEBHOOK ? new CrmWebhook(properties) : null;
	}

	void push(Opportunity opportunity) {
		String instance = opportunity.journeyInstanceId();
		if (pushes.sent(instance)) {
			log.info("Opportunity of journey {} already in the CRM: not pushed again", instance);
			return;
		}
		boolean testRun = TestRunContacts.isTestRun(opportunity.contactId());
		if (webhook == null || testRun) {
			pushes.record(instance, opportunity.contactId(), CrmProperties.Target.LOG.name().toLowerCase(),
					CrmPushes.SENT, null, null);
			// no company name: a sole trader's company is their name
			log.info("[log CRM] opportunity for contact {} (score {}) recorded, not pushed: {}",
					opportunity.contactId(), opportunity.score().total(),
					testRun ? "a test run pushes nothing to the CRM" : "no CRM configured");
			return;
		}
		String target = properties.target().name().toLowerCase();
		try {
			int status = webhook.post(instance, json(opportunity));
			if (status < 200 || status >= 300) {
				throw failure(status);
			}
			pushes.record(instance, opportunity.contactId(), target, CrmPushes.SENT, status, null);
			log.info("Opportunity for contact {} pushed to the CRM (journey {})", opportunity.contactId(), instance);
		}
		catch (CrmException e) {
			pushes.record(instance, opportunity.contactId(), target, CrmPushes.FAILED, e.status(), e.getMessage());
			log.warn("CRM push for contact {} failed (journey {}): {}", opportunity.contactId(), instance,
					e.getMessage());
			throw e;
		}
	}

	private static CrmException failure(int status) {
		String message = "CRM webhook answered " + status;
		boolean retryable = status >= 500 || status == 408 || status == 429;
		return retryable ? new CrmException.Unavailable(message, status) : new CrmException.Rejected(message, status);
	}

	private String json(Opportunity opportunity) {
		try {
			return mapper.writeValueAsString(opportunity);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("Opportunity cannot be serialised", e);
		}
	}

}
