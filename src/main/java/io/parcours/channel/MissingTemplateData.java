package io.parcours.channel;

import io.parcours.journey.NonRetryable;

/**
 * A send step's template shows a value its journey does not give at that step (a cart
 * reminder in the welcome series has no cart, no discount code): sent anyway, the message
 * would reach the contact with blanks where the code and the link should be. A modelling
 * error, so an incident at once, and nothing sent.
 */
public class MissingTemplateData extends RuntimeException implements NonRetryable {

	public MissingTemplateData(String template, String part, String name, int line) {
		super("Message template '" + template + "' shows {{" + name + "}} (" + part + ", line " + line
				+ "), which the journey does not give at this step: a cart's details come with a cart.abandoned"
				+ " event, a discount code from an earlier 'Issue discount code' step, an order's from an"
				+ " order.completed. Pick a template made for this journey; nothing was sent.");
	}

}
