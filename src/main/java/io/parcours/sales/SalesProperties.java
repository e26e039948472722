package io.parcours.sales;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.parcours.channel.MessageTemplates;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sales hand-off settings ({@code parcours.sales.*}). Who owns a lead is decided by
 * {@code bpmn/lead-routing.dmn}.
 *
 * @param responseBusinessDays business days (Monday to Friday, holidays excepted) a rep
 * has to qualify a hot lead before it escalates to the sales managers
 * @param timeZone the sales team's time zone, where weekends and holidays are counted
 * @param holidays the sales team's public holidays (ISO dates), which do not count as
 * business days
 * @param language language of the emails to sales users ({@code en} or {@code fr})
 */
@ConfigurationProperties("parcours.sales")
public record SalesProperties(@DefaultValue("1") int responseBusinessDays,
		@DefaultValue("Europe/Paris") ZoneId timeZone, @DefaultValue List<LocalDate> holidays,
		@DefaultValue("en") String language) {

	public SalesProperties {
		if (responseBusinessDays < 1) {
			throw new IllegalArgumentException("parcours.sales.response-business-days must be at least 1 (a rep has"
					+ " at least a business day before the lead escalates), not " + responseBusinessDays);
		}
		if (!MessageTemplates.LANGUAGES.contains(language)) {
			throw new IllegalArgumentException("parcours.sales.language must be one of the messages' languages "
					+ new TreeSet<>(MessageTemplates.LANGUAGES) + ", not '" + language + "'");
		}
	}

	BusinessDays businessDays() {
		return new BusinessDays(timeZone, Set.copyOf(holidays));
	}

}
