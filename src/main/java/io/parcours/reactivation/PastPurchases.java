package io.parcours.reactivation;

import java.util.List;
import java.util.Map;

import io.parcours.channel.TemplateData;
import io.parcours.contact.Contact;
import io.parcours.contact.Orders;

import org.springframework.stereotype.Component;

/**
 * What the contact bought before, for templates such as "we miss you":
 * {@code pastPurchases} (a list of {@code {name}}) and {@code hasPastPurchases}. Read
 * from the stored order lines at send time, never kept in process variables. Empty when
 * the shop sends orders without their {@code items}.
 */
@Component
class PastPurchases implements TemplateData {

	static final int SHOWN = 3;

	private final Orders orders;

	PastPurchases(Orders orders) {
		this.orders = orders;
	}

	@Override
	public Map<String, Object> lookUp(Contact contact, Map<String, Object> variables) {
		List<Map<String, String>> bought = orders.recentlyBought(contact.id(), SHOWN)
			.stream()
			.map(name -> Map.of("name", name))
			.toList();
		return Map.of("pastPurchases", bought, "hasPastPurchases", !bought.isEmpty());
	}

}
