package io.liveguard.web.page;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.liveguard.engine.DomainException;
import io.liveguard.engine.session.FieldError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * Checks a form against the constraints of the request record the API takes with
 * {@code @Valid}, so a page refuses what the API refuses, in the same words, without a
 * second copy of the rules.
 */
public final class Forms {

	private Forms() {
	}

	/**
	 * Throws {@link InvalidForm} naming every field that breaks its constraint, in the
	 * order of the fields, as the API's 400 names them.
	 */
	public static <T> T check(Validator validator, T form) {
		List<FieldError> errors = validator.validate(form)
			.stream()
			.map((violation) -> new FieldError(path(violation), violation.getMessage()))
			.distinct()
			.sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
			.toList();
		if (!errors.isEmpty()) {
			throw new InvalidForm(errors);
		}
		return form;
	}

	private static String path(ConstraintViolation<?> violation) {
		return violation.getPropertyPath().toString();
	}

	/**
	 * A form that breaks the constraints of its request: its detail names each field, as
	 * the API's does.
	 */
	public static final class InvalidForm extends DomainException {

		private final List<FieldError> errors;

		InvalidForm(List<FieldError> errors) {
			super(Kind.INVALID, "Invalid request",
					errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
			this.errors = errors;
		}

		@Override
		public Map<String, Object> properties() {
			return Map.of("errors", this.errors);
		}

	}

}
