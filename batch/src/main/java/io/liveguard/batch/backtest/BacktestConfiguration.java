package io.liveguard.batch.backtest;

import java.time.Clock;

import io.liveguard.batch.rulepack.RulePackStore;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The back-test service, over the {@link RulePackStore} and the application's engine. */
@Configuration(proxyBeanMethods = false)
public class BacktestConfiguration {

	@Bean
	Backtests backtests(JdbcClient jdbc, RulePackStore rulePackStore, JobOperator jobOperator,
			JobRepository jobRepository, @Qualifier("packBacktestJob") Job packBacktestJob, Clock clock) {
		return new Backtests(jdbc, rulePackStore,
				Backtests.jobs(packBacktestJob).build(jdbc, jobOperator, jobRepository), clock);
	}

}
