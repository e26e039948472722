package io.parcours.config;

/**
 * The engine groups Parcours relies on; their ids double as Spring Security authorities.
 */
public final class Groups {

	public static final String OPS = "camunda-admin";

	public static final String MARKETING = "marketing";

	public static final String SALES = "sales";

	private Groups() {
	}

}
