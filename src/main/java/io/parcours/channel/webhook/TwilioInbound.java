package io.parcours.channel.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.parcours.channel.Suppressions;
import io.parcours.contact.Channel;
import io.parcours.contact.ContactService;
import io.parcours.contact.PhoneNumbers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Inbound SMS: STOP (and Twilio's other opt-out keywords) withdraws SMS consent of every
 * contact with the sender's number and puts the number on the suppression list (a contact
 * given it later is not texted either), START/UNSTOP/YES gives it back (a consent given
 * anew, which lifts an SMS suppression); HELP and any other text are left to Twilio's
 * auto-replies.
 */
@Component
class TwilioInbound {

	private static final Logger log = LoggerFactory.getLogger(TwilioInbound.class);

	private final ContactService contacts;

	private final WebhookReceipts receipts;

	private final Suppressions suppressions;

	private final Clock clock;

	TwilioInbound(ContactService contacts, WebhookReceipts receipts, Suppressions suppressions, Clock clock) {
		this.contacts = contacts;
		this.receipts = receipts;
		this.suppressions = suppressions;
		this.clock = clock;
	}

	@Transactional
	public void apply(String messageSid, String from, String body, String optOutType) {
		SmsKeywords keyword = SmsKeywords.of(body, optOutType);
		if (keyword != SmsKeywords.OPT_OUT && keyword != SmsKeywords.OPT_IN) {
			log.info("Inbound SMS {} is no opt-out or opt-in keyword ({}): nothing to do", messageSid, keyword);
			return;
		}
		if (!receipts.firstTime("twilio-inbound:" + messageSid)) {
			return;
		}
		Optional<String> number = PhoneNumbers.toE164(from);
		List<String> senders = number.map(contacts::idsWithPhone).orElse(List.of());
		Instant now = clock.instant();
		number.ifPresent(e164 -> optedOut(keyword, e164, now));
		String source = "twilio:" + (keyword == SmsKeywords.OPT_OUT ? "STOP" : "START") + ":" + messageSid;
		for (String contactId : senders) {
			if (keyword == SmsKeywords.OPT_OUT) {
				contacts.withdrawConsent(contactId, Set.of(Channel.SMS), now, source);
			}
			else if (!contacts.giveBackConsent(contactId, Channel.SMS, now, source)) {
				log.info("Inbound SMS {} (START) from contact {}, who had not opted out by SMS: consent unchanged",
						messageSid, contactId);
			}
		}
		log.info("Inbound SMS {} ({}) applied to {} contact(s) {}", messageSid, keyword, senders.size(), senders);
	}

	private void optedOut(SmsKeywords keyword, String number, Instant now) {
		if (keyword == SmsKeywords.OPT_OUT) {
			suppressions.optOutNumber(number, now);
		}
		else {
			suppressions.optInNumber(number);
		}
	}

}
