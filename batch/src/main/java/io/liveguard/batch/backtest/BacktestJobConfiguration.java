package io.liveguard.batch.backtest;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import javax.sql.DataSource;

import io.liveguard.batch.appeal.AppealConfiguration;
import io.liveguard.batch.appeal.AppealRecords;
import io.liveguard.batch.rulepack.CompiledVersions;
import io.liveguard.batch.JobFailures;
import io.liveguard.batch.job.BackgroundJobs;
import io.liveguard.batch.session.SessionStore;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.session.SessionCodec;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The back-test job: {@value #SCORE_STEP} reads the stored sessions of the range in pages
 * and scores each with both versions (compiled once for the job); {@value #REPLAY_STEP}
 * replays the ladder per seller for both. Chunks commit as they go; a restart continues
 * where the job stopped.
 */
@Configuration(proxyBeanMethods = false)
@Import(AppealConfiguration.class)
public class BacktestJobConfiguration {

	public static final String JOB_NAME = "packBacktest";

	static final String SCORE_STEP = "scoreSessions";

	static final String REPLAY_STEP = "replayLadder";

	static final int CHUNK_SIZE = 200;

	@Bean
	Job packBacktestJob(JobRepository jobRepository, Step scoreSessionsStep, Step replayLadderStep, JdbcClient jdbc) {
		return new JobBuilder(JOB_NAME, jobRepository)
			.listener(BackgroundJobs.executionLink(jdbc, Backtests.TABLE, Backtests.BACKTEST_ID))
			.start(scoreSessionsStep)
			.next(replayLadderStep)
			.build();
	}

	@Bean
	Step scoreSessionsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcPagingItemReader<BacktestSession> backtestSessionReader, BacktestScoring backtestScoring) {
		return new StepBuilder(SCORE_STEP, jobRepository).<BacktestSession, BacktestSession>chunk(CHUNK_SIZE)
			.transactionManager(transactionManager)
			.reader(backtestSessionReader)
			.writer(backtestScoring)
			.listener(JobFailures.recorder())
			.build();
	}

	@Bean
	Step replayLadderStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcPagingItemReader<String> backtestSellerReader, LadderReplay ladderReplay) {
		return new StepBuilder(REPLAY_STEP, jobRepository).<String, String>chunk(CHUNK_SIZE)
			.transactionManager(transactionManager)
			.reader(backtestSellerReader)
			.writer(ladderReplay)
			.listener(JobFailures.recorder())
			.build();
	}

	@Bean
	@StepScope
	JdbcPagingItemReader<BacktestSession> backtestSessionReader(DataSource dataSource,
			@Value("#{jobParameters['" + Backtests.FROM + "']}") LocalDate from,
			@Value("#{jobParameters['" + Backtests.TO + "']}") LocalDate to) throws Exception {
		return new JdbcPagingItemReaderBuilder<BacktestSession>().name("backtestSessionReader")
			.dataSource(dataSource)
			.selectClause("select session_id, record")
			// a derived table, so the paging sort key is not ambiguous between the two
			// tables
			.fromClause("from (select s.session_id, s.business_date, r.record from live_session s "
					+ "join session_record r on r.session_id = s.session_id) t")
			.whereClause("where business_date between :from and :to")
			.parameterValues(Map.of("from", from, "to", to))
			.sortKeys(Map.of("session_id", Order.ASCENDING))
			.rowMapper((rs, row) -> new BacktestSession(rs.getString(1), rs.getString(2)))
			.pageSize(CHUNK_SIZE)
			.build();
	}

	@Bean
	@StepScope
	JdbcPagingItemReader<String> backtestSellerReader(DataSource dataSource,
			@Value("#{jobParameters['" + Backtests.BACKTEST_ID + "']}") Long backtestId) throws Exception {
		return new JdbcPagingItemReaderBuilder<String>().name("backtestSellerReader")
			.dataSource(dataSource)
			.selectClause("select distinct seller_id")
			.fromClause("from backtest_session")
			.whereClause("where backtest_id = :id")
			.parameterValues(Map.of("id", backtestId))
			.sortKeys(Map.of("seller_id", Order.ASCENDING))
			.rowMapper((rs, row) -> rs.getString(1))
			.pageSize(CHUNK_SIZE)
			.build();
	}

	@Bean
	@StepScope
	BacktestScoring backtestScoring(JdbcClient jdbc, SessionStore sessionStore, BacktestPacks backtestPacks,
			Clock clock, @Value("#{jobParameters['" + Backtests.BACKTEST_ID + "']}") Long backtestId) {
		return new BacktestScoring(jdbc, sessionStore, new SessionCodec(), backtestPacks.baseline(),
				backtestPacks.candidate(), backtestId, clock);
	}

	@Bean
	@StepScope
	LadderReplay ladderReplay(JdbcClient jdbc, BacktestPacks backtestPacks, AppealRecords appeals,
			@Value("#{jobParameters['" + Backtests.BACKTEST_ID + "']}") Long backtestId,
			@Value("#{jobParameters['" + Backtests.FROM + "']}") LocalDate from,
			@Value("#{jobParameters['" + Backtests.TO + "']}") LocalDate to) {
		return new LadderReplay(jdbc, appeals, backtestPacks.baseline(), backtestPacks.candidate(), backtestId, from,
				to);
	}

	/**
	 * Both versions, borrowed compiled once per job execution and shared by its steps;
	 * given back when the execution ends (the job scope closes the bean).
	 */
	@Bean
	@JobScope
	BacktestPacks backtestPacks(CompiledVersions versions,
			@Value("#{jobParameters['" + Backtests.PACK_ID + "']}") String packId,
			@Value("#{jobParameters['" + Backtests.BASELINE + "']}") Long baseline,
			@Value("#{jobParameters['" + Backtests.CANDIDATE + "']}") Long candidate) {
		CompiledVersions.Loan before = versions.borrow(packId, baseline.intValue());
		try {
			return new BacktestPacks(before, versions.borrow(packId, candidate.intValue()));
		}
		catch (RuntimeException ex) {
			before.close();
			throw ex;
		}
	}

	/**
	 * The two compiled versions a back-test compares (a class, so the job scope can proxy
	 * it).
	 */
	static class BacktestPacks implements AutoCloseable {

		private final CompiledVersions.Loan baseline;

		private final CompiledVersions.Loan candidate;

		BacktestPacks(CompiledVersions.Loan baseline, CompiledVersions.Loan candidate) {
			this.baseline = baseline;
			this.candidate = candidate;
		}

		CompiledPack baseline() {
			return this.baseline.pack();
		}

		CompiledPack candidate() {
			return this.candidate.pack();
		}

		@Override
		public void close() {
			this.baseline.close();
			this.candidate.close();
		}

	}

}
