package io.liveguard.batch.sessionimport;

import java.nio.file.Path;
import java.time.Clock;

import io.liveguard.batch.JobFailures;
import io.liveguard.batch.job.BackgroundJobs;
import io.liveguard.batch.penalty.Quarantine;
import io.liveguard.batch.session.SessionMeters;
import io.liveguard.batch.session.SessionStore;
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.session.NdjsonLines;
import io.liveguard.engine.session.SessionCodec;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.unit.DataSize;

/**
 * The bulk import job: one chunk step that reads an NDJSON file ({@link NdjsonReader}),
 * parses and validates each line ({@link SessionLineProcessor}) and scores and stores
 * each chunk in one transaction ({@link SessionImportWriter}). Bad lines go to the
 * quarantine and never stop the job. Restartable: the reader's line and the counts commit
 * with each chunk, so a restart resumes after the last committed chunk, storing no
 * session twice and quarantining no line twice. The chunk size is
 * {@code liveguard.import.chunk-size} (default 500).
 */
@Configuration(proxyBeanMethods = false)
public class SessionImportJobConfiguration {

	public static final String JOB_NAME = "sessionImport";

	static final String IMPORT_STEP = "importSessions";

	@Bean
	Job sessionImportJob(JobRepository jobRepository, Step importSessionsStep, JdbcClient jdbc) {
		return new JobBuilder(JOB_NAME, jobRepository)
			.listener(BackgroundJobs.executionLink(jdbc, SessionImports.TABLE, SessionImports.IMPORT_ID))
			.listener(new SessionImportListener(jdbc))
			.start(importSessionsStep)
			.build();
	}

	@Bean
	Step importSessionsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			NdjsonReader ndjsonReader, SessionImportWriter sessionImportWriter, ObjectProvider<SessionCodec> codec,
			@Value("${liveguard.import.chunk-size:500}") int chunkSize) {
		return new StepBuilder(IMPORT_STEP, jobRepository).<NdjsonLines.Line, ImportLine>chunk(chunkSize)
			.transactionManager(transactionManager)
			.reader(ndjsonReader)
			.processor(new SessionLineProcessor(codec.getIfAvailable(SessionCodec::new)))
			.writer(sessionImportWriter)
			.listener(JobFailures.recorder())
			.build();
	}

	@Bean
	@StepScope
	NdjsonReader ndjsonReader(@Value("#{jobParameters['" + SessionImports.FILE + "']}") String file,
			@Value("${liveguard.input.max-record-size:4MB}") DataSize maxRecordSize) {
		return new NdjsonReader(Path.of(file), maxRecordSize.toBytes());
	}

	@Bean
	@StepScope
	SessionImportWriter sessionImportWriter(SessionStore sessionStore, ScoringEngine engine, Quarantine quarantine,
			ObjectProvider<JsonMapper> json, Clock clock, SessionMeters sessionMeters,
			@Value("#{jobParameters['" + SessionImports.IMPORT_ID + "']}") Long importId) {
		return new SessionImportWriter(sessionStore, engine, quarantine,
				json.getIfAvailable(() -> JsonMapper.builder().build()), clock, sessionMeters, importId);
	}

}
