package io.parcours.reactivation;

/**
 * Variables of a {@code reactivation-sweep} instance (its progress, shown in Cockpit, and
 * what its gateways decide on), and the one it hands each journey it enrols.
 */
public final class SweepVariables {

	/** Dormant contacts found when the sweep opened. */
	public static final String FOUND = "found";

	/** Contacts enrolled so far. */
	public static final String ENROLLED = "enrolled";

	/** Pages done so far. */
	public static final String PAGES = "pages";

	/** More dormant contacts may follow the last page. */
	public static final String MORE_DORMANT = "moreDormant";

	/** Another sweep was still running: this one did nothing. */
	public static final String ALREADY_RUNNING = "sweepAlreadyRunning";

	/**
	 * Optional start variable: contacts per page for this sweep, instead of the setting.
	 */
	public static final String PAGE_SIZE = "pageSize";

	/**
	 * When a journey enrolled by a sweep sends its first email: a transient variable,
	 * given at start and never stored, read by the journey's first timer.
	 */
	public static final String SEND_AT = "sendAt";

	private SweepVariables() {
	}

}
