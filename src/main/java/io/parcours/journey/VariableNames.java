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

	/**
	 * The abandoned cart a journey is about; its items stay in the {@code cart} table.
	 */
	public static final String CART_ID = "cartId";

	/**
	 * When the contact entered the journey, if not when it started: the cart's
	 * abandonment, reported late. Orders count from then on.
	 */
	public static final String ENTERED_AT = "enteredAt";

	public static final String CART_VALUE = "cartValue";

	public static final String CART_CURRENCY = "cartCurrency";

	/**
	 * ISO-8601 duration of the abandoned-cart journey's first wait, taken from the
	 * settings when the journey starts.
	 */
	public static final String FIRST_REMINDER_DELAY = "firstReminderDelay";

	private VariableNames() {
	}

}
