package io.liveguard.web.rulepack;

import io.liveguard.engine.DomainException;

/**
 * Maker-checker: the author of a version may not publish it; another person approves it.
 */
class SelfApproval extends DomainException {

	SelfApproval(String packId, int version, String author) {
		super(Kind.FORBIDDEN, null, "version: " + packId + " v" + version + " was written by " + author
				+ "; another person must approve and publish it");
	}

}
