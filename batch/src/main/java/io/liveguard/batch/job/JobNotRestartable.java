package io.liveguard.batch.job;

import io.liveguard.engine.DomainException;

/**
 * The job exists, but its state does not allow a restart (it completed, or never
 * started): 409.
 */
public class JobNotRestartable extends DomainException {

	public JobNotRestartable(String detail) {
		super(Kind.CONFLICT, null, detail);
	}

}
