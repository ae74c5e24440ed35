package io.liveguard.batch.sessionimport;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Links an import to the job execution carrying it out (the latest, after a restart). */
class SessionImportListener implements JobExecutionListener {

	private final JdbcClient jdbc;

	SessionImportListener(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		Long importId = jobExecution.getJobParameters().getLong(SessionImports.IMPORT_ID);
		this.jdbc.sql("update session_import set job_execution_id = ? where id = ?")
			.params(jobExecution.getId(), importId)
			.update();
	}

}
