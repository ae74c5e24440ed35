package io.liveguard.batch.job;

/**
 * The job is running, or waiting for a thread, in this process: it cannot be started or
 * restarted again until it ends (409, as any other refused restart).
 */
public class JobAlreadyRunning extends JobNotRestartable {

	public JobAlreadyRunning(String detail) {
		super(detail);
	}

}
