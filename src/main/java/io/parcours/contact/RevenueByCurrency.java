package io.parcours.contact;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code revenueByCurrency} on {@code GET /api/contacts/{id}}: what the contact ordered
 * in each currency, once they ordered in more than one ({@code revenue} holds the first).
 */
@Component
class RevenueByCurrency implements ContactExtension {

	private final JdbcClient jdbc;

	RevenueByCurrency(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String field() {
		return "revenueByCurrency";
	}

	@Override
	public Optional<Object> of(String contactId) {
		Map<String, BigDecimal> byCurrency = new LinkedHashMap<>();
		jdbc.sql("""
				select currency, sum(amount) from customer_order where contact_id = ?
				group by currency order by currency""").param(contactId).query(rs -> {
			byCurrency.put(rs.getString(1), rs.getBigDecimal(2));
		});
		return byCurrency.size() > 1 ? Optional.of(byCurrency) : Optional.empty();
	}

}
