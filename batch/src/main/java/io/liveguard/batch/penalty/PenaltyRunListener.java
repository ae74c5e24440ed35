package io.liveguard.batch.penalty;

import java.time.LocalDateTime;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Reloads this node's eligibility index when a run ends: partitions that ran on remote
 * workers refreshed only the workers' own indexes. Reports the run's duration to the
 * {@link PenaltyMeters}. (The run's row is linked to its execution by the background
 * jobs' own listener.)
 */
class PenaltyRunListener implements JobExecutionListener {

	private final EligibilityIndex eligibility;

	private final PenaltyMeters meters;

	PenaltyRunListener(EligibilityIndex eligibility, PenaltyMeters meters) {
		this.eligibility = eligibility;
		this.meters = meters;
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		LocalDateTime start = jobExecution.getStartTime();
		if (start != null) {
			String market = jobExecution.getJobParameters().getString(PenaltyRuns.MARKET, PenaltyRuns.ALL_MARKETS);
			// the end time is set after the listeners ran
			this.meters.run(market, jobExecution.getStatus().name(), start, LocalDateTime.now());
		}
		this.eligibility.reload();
	}

}
