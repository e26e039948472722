package io.parcours.bench.load;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A shop's and a B2B site's day in events: sign-ups, abandoned carts, orders, leads and
 * their activity, unsubscriptions. Events about a contact only follow once the contact's
 * first event was accepted, as they would in real life.
 */
final class EventMix implements Supplier<LoadGenerator.Call> {

	private static final String[] ACTIVITIES = { "page_viewed", "pricing_viewed", "content_downloaded",
			"webinar_attended", "email_opened", "email_clicked" };

	private final URI events;

	private final String run;

	private final AtomicLong sequence = new AtomicLong();

	private final List<String> customers = new CopyOnWriteArrayList<>();

	private final List<String> leads = new CopyOnWriteArrayList<>();

	EventMix(URI events, String run) {
		this.events = events;
		this.run = run;
	}

	/**
	 * Percent of each kind of event in the mix; events about known contacts go to recent
	 * ones.
	 */
	static final String DESCRIPTION = "35 % contact.signed_up (new contact), 20 % cart.abandoned, 15 % order.completed, "
			+ "10 % lead.created (new contact), 15 % lead.activity, 5 % contact.unsubscribed";

	@Override
	public LoadGenerator.Call get() {
		long n = sequence.incrementAndGet();
		int dice = ThreadLocalRandom.current().nextInt(100);
		String customer = pick(customers);
		String lead = pick(leads);
		if (dice < 35 || customer == null) {
			return newContact(n, "contact.signed_up", customers, "{}");
		}
		if (dice < 45 || lead == null) {
			return newContact(n, "lead.created", leads, """
					{"company": "Acme %d", "jobTitle": "CTO", "companySize": 120, "industry": "software",
					 "country": "FR", "source": "webinar"}""".formatted(n));
		}
		if (dice < 65) {
			return call(event(n, "cart.abandoned", customer,
					"""
							{"cartId": "cart-%s-%d", "value": 89.90, "currency": "EUR", "cartUrl": "https://shop.example/cart/%d",
							 "items": [{"sku": "MUG-1", "name": "Mug", "quantity": 2, "price": 44.95}]}"""
						.formatted(run, n, n)));
		}
		if (dice < 80) {
			return call(event(n, "order.completed", customer, """
					{"orderId": "order-%s-%d", "value": 59.90, "currency": "EUR"}""".formatted(run, n)));
		}
		if (dice < 95) {
			return call(event(n, "lead.activity", lead, """
					{"activity": "%s", "url": "https://example.com/pricing"}"""
				.formatted(ACTIVITIES[(int) (n % ACTIVITIES.length)])));
		}
		return call(event(n, "contact.unsubscribed", customer, "{\"channel\": \"email\"}"));
	}

	private LoadGenerator.Call newContact(long n, String type, List<String> known, String properties) {
		String contactId = "c-" + run + "-" + n;
		String json = """
				{"id": "e-%s-%d", "type": "%s", "contactId": "%s", "properties": %s,
				 "contact": {"email": "%s@example.com", "phone": "+33612345678", "firstName": "Ana", "locale": "fr-FR",
				             "timeZone": "Europe/Paris", "consents": {"email": true, "sms": %s}}}""".formatted(run, n,
				type, contactId, properties, contactId, n % 3 == 0);
		return new LoadGenerator.Call(events, json, response -> {
			// processed: the contact exists now (an event stored for a retry has not
			// created it yet)
			if (response.statusCode() == 202 && response.body().contains("\"processed\":true")) {
				known.add(contactId);
			}
		});
	}

	private String event(long n, String type, String contactId, String properties) {
		return """
				{"id": "e-%s-%d", "type": "%s", "contactId": "%s", "properties": %s}""".formatted(run, n, type,
				contactId, properties);
	}

	private LoadGenerator.Call call(String json) {
		return new LoadGenerator.Call(events, json, response -> {
		});
	}

	private static String pick(List<String> known) {
		int size = known.size();
		return size == 0 ? null : known.get(ThreadLocalRandom.current().nextInt(Math.max(0, size - 2000), size));
	}

}
