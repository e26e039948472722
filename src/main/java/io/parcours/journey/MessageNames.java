package io.parcours.journey;

/**
 * BPMN message names: the start messages of journeys and the messages correlated to
 * running ones.
 */
public final class MessageNames {

	public static final String SIGNED_UP = "SignedUp";

	public static final String CART_ABANDONED = "CartAbandoned";

	public static final String LEAD_CREATED = "LeadCreated";

	public static final String ORDER_COMPLETED = "OrderCompleted";

	public static final String LEAD_ACTIVITY = "LeadActivity";

	/** A {@code lead.created} for a lead already nurtured: its new company facts. */
	public static final String LEAD_DETAILS_CHANGED = "LeadDetailsChanged";

	private MessageNames() {
	}

}
