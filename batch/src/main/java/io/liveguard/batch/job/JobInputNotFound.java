package io.liveguard.batch.job;

import io.liveguard.engine.DomainException;

/**
 * What a job is asked to work on does not exist, such as the rule pack version a
 * back-test would compare: 404 naming the field.
 */
public class JobInputNotFound extends DomainException {

	public JobInputNotFound(String detail) {
		super(Kind.NOT_FOUND, null, detail);
	}

}
