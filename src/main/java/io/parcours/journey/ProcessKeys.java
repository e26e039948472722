package io.parcours.journey;

/** The process definition keys of the journeys, as in DESIGN.md. */
public final class ProcessKeys {

	public static final String WELCOME = "welcome";

	public static final String ABANDONED_CART = "abandoned-cart";

	public static final String REACTIVATION = "reactivation";

	public static final String REACTIVATION_SWEEP = "reactivation-sweep";

	public static final String B2B_NURTURING = "b2b-nurturing";

	private ProcessKeys() {
	}

}
