package io.parcours.contact;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/**
 * A person Parcours talks to. The only place where names, emails and phone numbers live.
 * {@code revenue} adds up their orders in {@code currency}, that of their first order;
 * orders in other currencies count in {@code ordersCount} only (never added together).
 */
public record Contact(String id, String email, String phone, String firstName, String locale, String timeZone,
		Map<Channel, Consent> consents, LifecycleStage lifecycleStage, int ordersCount, BigDecimal revenue,
		String currency, Instant lastOrderAt, Instant createdAt, Instant updatedAt) {

	public boolean consentsTo(Channel channel) {
		Consent consent = consents.get(channel);
		return consent != null && consent.granted();
	}

	/** The address for a channel, or null when the contact has none. */
	public String addressFor(Channel channel) {
		return switch (channel) {
			case EMAIL -> email;
			case SMS -> phone;
		};
	}

	public Locale preferredLocale() {
		return Locale.forLanguageTag(locale);
	}

	public ZoneId zone() {
		return ZoneId.of(timeZone);
	}

}
