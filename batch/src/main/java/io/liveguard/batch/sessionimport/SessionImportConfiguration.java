package io.liveguard.batch.sessionimport;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.liveguard.batch.penalty.Quarantine;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The facade around the bulk import job. Its threads are its own, not an {@code Executor} bean (which
 * would replace Boot's task executor); they are daemons, so an import cut off by a shutdown stays
 * restartable.
 */
@Configuration(proxyBeanMethods = false)
public class SessionImportConfiguration {

	/** Imports running at once; more wait in line. */
	static final int CONCURRENT_IMPORTS = 2;

	@Bean
	SessionImports sessionImports(JdbcClient jdbc, JobOperator jobOperator, JobRepository jobRepository,
			Job sessionImportJob, Quarantine quarantine, Clock clock) {
		AtomicInteger threads = new AtomicInteger();
		ExecutorService executor = Executors.newFixedThreadPool(CONCURRENT_IMPORTS, (task) -> {
			Thread thread = new Thread(task, "session-import-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		return new SessionImports(jdbc, jobOperator, jobRepository, sessionImportJob, quarantine, executor, clock);
	}

}
