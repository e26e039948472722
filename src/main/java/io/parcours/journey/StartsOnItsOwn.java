package io.parcours.journey;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A step that starts in a transaction of its own ("Asynchronous before", which its
 * element template sets). Run straight on from the step before it, inside that step's
 * transaction, it would read the contact as it was before the event that moved the
 * journey (a contact that event created is not there yet), and a retry of that earlier
 * step would run it, and call out, a second time. A diagram with such a step run any
 * other way is refused at deployment.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StartsOnItsOwn {

	/** What the step does, in the marketer's words ("sends an email"). */
	String value();

}
