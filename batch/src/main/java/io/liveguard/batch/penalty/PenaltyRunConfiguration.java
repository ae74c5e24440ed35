package io.liveguard.batch.penalty;

import java.time.Clock;

import io.liveguard.batch.appeal.AppealConfiguration;
import io.liveguard.batch.appeal.AppealRecords;
import io.liveguard.batch.webhook.WebhookOutbox;
import io.liveguard.engine.ScoringEngine;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The stores and the facade around the penalty run job. Needs a {@link Clock} and a
 * {@link ScoringEngine} bean.
 */
@Configuration(proxyBeanMethods = false)
@Import(AppealConfiguration.class)
public class PenaltyRunConfiguration {

	@Bean
	Penalties penalties(JdbcClient jdbc) {
		return new Penalties(jdbc);
	}

	@Bean
	EligibilityIndex eligibilityIndex(Penalties penalties, Clock clock) {
		EligibilityIndex index = new EligibilityIndex(penalties, clock);
		index.reload();
		return index;
	}

	@Bean
	SellerStandings sellerStandings(JdbcClient jdbc, ScoringEngine engine, EligibilityIndex eligibilityIndex,
			SellerRecords sellerRecords, Penalties penalties, AppealRecords appeals, WebhookOutbox webhookOutbox,
			Clock clock) {
		return new SellerStandings(jdbc, engine, eligibilityIndex, sellerRecords, penalties, appeals, webhookOutbox,
				clock);
	}

	@Bean
	Quarantine quarantine(JdbcClient jdbc, Clock clock) {
		return new Quarantine(jdbc, clock);
	}

	@Bean
	PenaltyRuns penaltyRuns(JdbcClient jdbc, JobOperator jobOperator, JobRepository jobRepository, Job penaltyRunJob,
			Clock clock) {
		return new PenaltyRuns(jdbc, PenaltyRuns.jobs(penaltyRunJob).build(jdbc, jobOperator, jobRepository), clock);
	}

}
