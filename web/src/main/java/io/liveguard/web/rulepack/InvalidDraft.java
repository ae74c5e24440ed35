package io.liveguard.web.rulepack;

import io.liveguard.engine.DomainException;

/**
 * A draft, or a change to one, that breaks a rule of its fields (pack id, files, note,
 * the hash reviewed).
 */
class InvalidDraft extends DomainException {

	InvalidDraft(String detail) {
		super(Kind.INVALID, null, detail);
	}

}
