package io.liveguard.web.rulepack;

import java.util.List;
import java.util.Map;

import io.liveguard.engine.DomainException;
import io.liveguard.engine.rulepack.PackError;

/** Test cases that cannot be read as test cases: every error, the first in the detail. */
class InvalidTestCases extends DomainException {

	private final List<PackError> errors;

	InvalidTestCases(List<PackError> errors) {
		super(Kind.INVALID, null, "test cases: " + errors.get(0));
		this.errors = List.copyOf(errors);
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("errors", this.errors);
	}

}
