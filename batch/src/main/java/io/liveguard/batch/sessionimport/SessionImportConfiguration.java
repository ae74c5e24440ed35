package io.liveguard.batch.sessionimport;

import java.time.Clock;

import io.liveguard.batch.penalty.Quarantine;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The facade around the bulk import job. Its threads are its background jobs' own, not an
 * {@code Executor} bean (which would replace Boot's task executor); they are daemons, so
 * an import cut off by a shutdown stays restartable.
 */
@Configuration(proxyBeanMethods = false)
public class SessionImportConfiguration {

	@Bean
	SessionImports sessionImports(JdbcClient jdbc, JobOperator jobOperator, JobRepository jobRepository,
			Job sessionImportJob, Quarantine quarantine, Clock clock) {
		return new SessionImports(jdbc,
				SessionImports.jobs(sessionImportJob, jdbc).build(jdbc, jobOperator, jobRepository), quarantine, clock);
	}

}
