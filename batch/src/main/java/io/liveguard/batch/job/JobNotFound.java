package io.liveguard.batch.job;

import io.liveguard.engine.DomainException;

/**
 * There is no job of the kind with the id: 404. The detail names the id as the feature
 * does.
 */
public class JobNotFound extends DomainException {

	public JobNotFound(String detail) {
		super(Kind.NOT_FOUND, null, detail);
	}

}
