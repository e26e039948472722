package io.parcours.journey;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A step only ops put in a diagram: the daily reactivation sweep's (it enrols the whole
 * dormant base), the hand-off to sales's (a diagram could otherwise hand a lead to
 * whomever it likes and push it to the CRM with no sales decision). A deployment by
 * anyone else that uses it is refused, as is a diagram for the sweep's own process.
 * Parcours's own diagrams, deployed at start, are Parcours's.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OpsOnlyStep {

	/** What the step is part of, and why ops alone deploy it. */
	String value();

}
