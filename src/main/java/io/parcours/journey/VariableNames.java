package io.parcours.journey;

/**
 * Process variable names shared by diagrams and code. Ids and small business facts only,
 * never PII.
 */
public final class VariableNames {

	public static final String CONTACT_ID = "contactId";

	public static final String ORDER_ID = "orderId";

	public static final String ORDER_VALUE = "orderValue";

	public static final String ORDER_CURRENCY = "orderCurrency";

	public static final String VARIANT = "variant";

	/** Input parameter of a send step: which message template to send. */
	public static final String TEMPLATE = "template";

	private VariableNames() {
	}

}
