package io.liveguard.web.rulepack;

import io.liveguard.engine.DomainException;

/**
 * A version is not in the state the change needs (a published version never changes, only
 * a draft is proposed...), or another change came first.
 */
class PackVersionConflict extends DomainException {

	PackVersionConflict(String detail) {
		super(Kind.CONFLICT, null, detail);
	}

}
