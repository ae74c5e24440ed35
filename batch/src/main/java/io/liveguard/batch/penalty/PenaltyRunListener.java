package io.liveguard.batch.penalty;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Reloads this node's eligibility index when a run ends: partitions that ran on remote
 * workers refreshed only the workers' own indexes. (The run's row is linked to its
 * execution by the background jobs' own listener.)
 */
class PenaltyRunListener implements JobExecutionListener {

	private final EligibilityIndex eligibility;

	PenaltyRunListener(EligibilityIndex eligibility) {
		this.eligibility = eligibility;
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		this.eligibility.reload();
	}

}
