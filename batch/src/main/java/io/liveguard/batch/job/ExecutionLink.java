package io.liveguard.batch.job;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Links a job's row to the execution carrying it out (the latest, after a restart) as the
 * execution begins, so the row's state is read from the job repository while the job
 * runs.
 */
class ExecutionLink implements JobExecutionListener {

	private final JdbcClient jdbc;

	private final String table;

	private final String idParameter;

	ExecutionLink(JdbcClient jdbc, String table, String idParameter) {
		this.jdbc = jdbc;
		this.table = table;
		this.idParameter = idParameter;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		this.jdbc.sql("update " + this.table + " set job_execution_id = ? where id = ?")
			.params(jobExecution.getId(), jobExecution.getJobParameters().getLong(this.idParameter))
			.update();
	}

}
