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

	/**
	 * Input parameter of a send step: {@code marketing} (the default) or
	 * {@code transactional}.
	 */
	public static final String CATEGORY = "category";

	/**
	 * A single-use discount code issued by the journey: not personal data, it only names
	 * an offer.
	 */
	public static final String DISCOUNT_CODE = "discountCode";

	public static final String DISCOUNT_PERCENT = "discountPercent";

	private VariableNames() {
	}

}
