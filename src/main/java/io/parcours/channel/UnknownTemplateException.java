package io.parcours.channel;

import io.parcours.journey.NonRetryable;

/**
 * A send step names a template that does not exist: a modelling error, so an incident at
 * once.
 */
public class UnknownTemplateException extends RuntimeException implements NonRetryable {

	public UnknownTemplateException(String template, String part) {
		super("Message template '" + template + "' has no " + part + " (looked under classpath:messages/" + template
				+ "/)");
	}

}
