package io.liveguard.batch.sessionimport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deletes the import's own spool file once it completes (before the COMPLETED status is
 * stored, so whoever sees that status finds the file gone). The import's row is linked to
 * its execution by the background jobs' own listener.
 */
class SessionImportListener implements JobExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(SessionImportListener.class);

	private final JdbcClient jdbc;

	SessionImportListener(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		if (jobExecution.getStatus() != BatchStatus.COMPLETED) {
			return;
		}
		this.jdbc.sql("select spool_path from session_import where id = ? and spool_owned = true")
			.param(importId(jobExecution))
			.query(String.class)
			.optional()
			.ifPresent((spool) -> {
				try {
					Files.deleteIfExists(Path.of(spool));
				}
				catch (IOException ex) {
					logger.warn("The spool file {} of a completed import could not be deleted", spool, ex);
				}
			});
	}

	private static Long importId(JobExecution jobExecution) {
		return jobExecution.getJobParameters().getLong(SessionImports.IMPORT_ID);
	}

}
