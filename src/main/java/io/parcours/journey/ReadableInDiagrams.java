package io.parcours.journey;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A bean whose properties journey diagrams may read in expressions (a setting a timer
 * needs before any process instance exists, say). Any other bean is refused at
 * deployment: see the modeler's deployment checks.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ReadableInDiagrams {

}
