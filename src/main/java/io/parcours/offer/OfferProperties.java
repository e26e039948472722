package io.parcours.offer;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The offers journeys may hand out, by name
 * ({@code parcours.offers.cart-recovery.percent: 10}).
 */
@ConfigurationProperties("parcours")
public record OfferProperties(Map<String, Offer> offers) {

	public OfferProperties {
		offers = offers == null ? Map.of() : Map.copyOf(offers);
	}

}
