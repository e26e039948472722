package io.parcours.sales;

/**
 * A sales user was emailed about a lead, through {@code provider}: published after the
 * provider took the message, so a test run can show it with the messages it rendered.
 * {@code journey} and {@code step}: where in the lead's journey, when a step sent it.
 */
public record StaffNotified(String leadContactId, String userId, String template, String provider, String subject,
		String body, String journey, String step) {
}
