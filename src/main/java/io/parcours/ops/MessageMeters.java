package io.parcours.ops;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parcours.journey.TestRunContacts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Messages by channel, provider and status ({@code parcours.messages}), counted in the
 * {@code message} table every 30 s, so statuses set by provider webhooks (delivered,
 * opened, bounced) count too. Database-wide: every node reports the same value.
 */
@Component
class MessageMeters {

	private final JdbcClient jdbc;

	private final MeterRegistry registry;

	private final Map<List<String>, AtomicLong> counts = new ConcurrentHashMap<>();

	MessageMeters(JdbcClient jdbc, MeterRegistry registry) {
		this.jdbc = jdbc;
		this.registry = registry;
	}

	@Scheduled(fixedDelayString = "${parcours.metrics.refresh:30s}", initialDelayString = "PT5S")
	void refresh() {
		Set<List<String>> seen = new HashSet<>();
		jdbc.sql("""
				select channel, coalesce(provider, 'none') provider, status, count(*) messages from message
				where contact_id not like ? group by channel, coalesce(provider, 'none'), status""")
			.param(TestRunContacts.LIKE)
			.query((rs, row) -> {
				List<String> key = List.of(rs.getString("channel"), rs.getString("provider"),
						rs.getString("status").toLowerCase());
				seen.add(key);
				gauge(key).set(rs.getLong("messages"));
				return key;
			})
			.list();
		counts.forEach((key, value) -> {
			if (!seen.contains(key)) {
				value.set(0);
			}
		});
	}

	private AtomicLong gauge(List<String> key) {
		return counts.computeIfAbsent(key, k -> {
			AtomicLong value = new AtomicLong();
			Gauge.builder("parcours.messages", value, AtomicLong::get)
				.description("Messages in the message table by channel, provider and status")
				.tag("channel", k.get(0))
				.tag("provider", k.get(1))
				.tag("status", k.get(2))
				.register(registry);
			return value;
		});
	}

}
