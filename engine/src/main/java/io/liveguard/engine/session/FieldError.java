package io.liveguard.engine.session;

/**
 * One reason a session record was rejected.
 *
 * @param field the JSON path of the offending field, such as {@code endedAt} or
 * {@code signals[3].confidence}; empty when the whole document is unreadable
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {

	@Override
	public String toString() {
		return this.field.isEmpty() ? this.message : this.field + ": " + this.message;
	}

}
