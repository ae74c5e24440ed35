package io.liveguard.web.live;

import java.util.List;
import java.util.Map;

import io.liveguard.engine.DomainException;
import io.liveguard.engine.session.FieldError;

/**
 * A live request that does not follow live.md: 400 naming each field at fault in
 * {@code errors}, as an invalid session record is answered; nothing is stored.
 */
class InvalidLive extends DomainException {

	private final List<FieldError> errors;

	InvalidLive(List<FieldError> errors) {
		super(Kind.INVALID, "Invalid live request",
				String.join("; ", errors.stream().map(FieldError::toString).toList()));
		this.errors = List.copyOf(errors);
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("errors", this.errors);
	}

}
