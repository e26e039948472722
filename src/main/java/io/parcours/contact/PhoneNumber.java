package io.parcours.contact;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * An international phone number, valid for its country, written with its + prefix
 * (E.164).
 */
@Documented
@Constraint(validatedBy = PhoneNumbers.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface PhoneNumber {

	String message() default "must be a valid international phone number in E.164 format, e.g. +33612345678";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
