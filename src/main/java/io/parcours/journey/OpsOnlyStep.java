package io.parcours.journey;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A step only ops put in a diagram (the daily reactivation sweep's, which enrols the
 * whole dormant base): a deployment by anyone else that uses it is refused, as is a
 * diagram for the sweep's own process. Parcours's own diagrams, deployed at start, are
 * Parcours's.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OpsOnlyStep {

}
