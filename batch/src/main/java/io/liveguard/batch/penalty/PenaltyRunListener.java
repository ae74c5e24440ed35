package io.liveguard.batch.penalty;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Links a run to the job execution carrying it out (the latest, after a restart), and reloads this
 * node's eligibility index when the run ends: partitions that ran on remote workers refreshed only
 * the workers' own indexes.
 */
class PenaltyRunListener implements JobExecutionListener {

	private final JdbcClient jdbc;

	private final EligibilityIndex eligibility;

	PenaltyRunListener(JdbcClient jdbc, EligibilityIndex eligibility) {
		this.jdbc = jdbc;
		this.eligibility = eligibility;
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		this.eligibility.reload();
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		Long runId = jobExecution.getJobParameters().getLong(PenaltyRuns.RUN_ID);
		this.jdbc.sql("update penalty_run set job_execution_id = ? where id = ?")
			.params(jobExecution.getId(), runId)
			.update();
	}

}
