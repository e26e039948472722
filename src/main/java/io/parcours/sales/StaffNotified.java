package io.parcours.sales;

/**
 * A sales user was emailed about a lead, through {@code provider}: published after the
 * provider took the message, so a test run can show it with the messages it rendered.
 */
public record StaffNotified(String leadContactId, String userId, String template, String provider, String subject,
		String body) {
}
