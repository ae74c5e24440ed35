package io.liveguard.batch.penalty;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Links a run to the job execution carrying it out (the latest, after a restart). */
class PenaltyRunListener implements JobExecutionListener {

	private final JdbcClient jdbc;

	PenaltyRunListener(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		Long runId = jobExecution.getJobParameters().getLong(PenaltyRuns.RUN_ID);
		this.jdbc.sql("update penalty_run set job_execution_id = ? where id = ?")
			.params(jobExecution.getId(), runId)
			.update();
	}

}
