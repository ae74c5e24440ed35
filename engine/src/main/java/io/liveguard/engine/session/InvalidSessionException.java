package io.liveguard.engine.session;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A session record that does not follow the session format; nothing of it may be stored.
 */
public class InvalidSessionException extends RuntimeException {

	private final List<FieldError> errors;

	public InvalidSessionException(List<FieldError> errors) {
		super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
		this.errors = List.copyOf(errors);
	}

	public List<FieldError> errors() {
		return this.errors;
	}

}
