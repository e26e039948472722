package io.parcours.journey;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A step that reads what only one journey gives it (a lead's company facts, the activity
 * a lead event brought): put in another journey, it would fail for every contact who
 * reaches it. A diagram using it elsewhere is refused at deployment.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StepOfJourney {

	/** The key of the journey the step belongs to. */
	String value();

	/** What the step reads of that journey, in the marketer's words. */
	String reads();

}
