package io.liveguard.web.user;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.jspecify.annotations.Nullable;

/**
 * A text of at most {@link #max()} bytes in UTF-8, such as a password BCrypt reads in
 * full (it reads 72 bytes and ignores the rest, so a longer password would be a shorter
 * one in disguise). Null is valid.
 */
@Documented
@Constraint(validatedBy = Utf8Bytes.Check.class)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@interface Utf8Bytes {

	int max();

	String message();

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Counts the bytes, not the characters: one character may take up to four. */
	class Check implements ConstraintValidator<Utf8Bytes, String> {

		private int max;

		@Override
		public void initialize(Utf8Bytes constraint) {
			this.max = constraint.max();
		}

		@Override
		public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
			return value == null || value.getBytes(StandardCharsets.UTF_8).length <= this.max;
		}

	}

}
