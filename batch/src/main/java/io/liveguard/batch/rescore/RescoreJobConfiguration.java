package io.liveguard.batch.rescore;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.liveguard.batch.JobFailures;
import io.liveguard.batch.job.BackgroundJobs;
import io.liveguard.batch.partition.BucketRangePartitioner;
import io.liveguard.batch.partition.Partitioning;
import io.liveguard.batch.partition.PartitioningConfiguration;
import io.liveguard.batch.partition.SellerBuckets;
import io.liveguard.batch.session.SessionStore;
import io.liveguard.batch.session.SessionStoreConfiguration;
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.session.SessionCodec;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The re-scoring job ({@code sessionRescore}) for a range of business dates and a market
 * ({@code *} for all): the first step selects the sellers with sessions in the range,
 * each with its hash bucket; the second splits the buckets into partitions
 * ({@link Partitioning}: local threads or remote workers, as the penalty run), each
 * re-scoring its sellers' sessions in chunks of sellers ({@link RescoreWriter}).
 * Restartable like the penalty run: completed partitions stay done, the others resume
 * after their last committed chunk.
 */
@Configuration(proxyBeanMethods = false)
@Import({ PartitioningConfiguration.class, SessionStoreConfiguration.class })
public class RescoreJobConfiguration {

	public static final String JOB_NAME = "sessionRescore";

	static final String SELECT_STEP = "selectRescoreSellers";

	static final String RESCORE_STEP = "rescoreSessions";

	static final String PARTITION_STEP = "rescoreSessionsPartition";

	static final String TOTAL_SELLERS = "sellers.total";

	static final int CHUNK_SIZE = 100;

	@Bean
	Job sessionRescoreJob(JobRepository jobRepository, Step selectRescoreSellersStep, Step rescoreSessionsStep,
			JdbcClient jdbc) {
		return new JobBuilder(JOB_NAME, jobRepository)
			.listener(BackgroundJobs.executionLink(jdbc, SessionRescores.TABLE, SessionRescores.RESCORE_ID))
			.start(selectRescoreSellersStep)
			.next(rescoreSessionsStep)
			.build();
	}

	@Bean
	Step selectRescoreSellersStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
		return new StepBuilder(SELECT_STEP, jobRepository).tasklet((contribution, context) -> {
			Map<String, Object> parameters = context.getStepContext().getJobParameters();
			long rescoreId = (Long) parameters.get(SessionRescores.RESCORE_ID);
			String market = (String) parameters.get(SessionRescores.MARKET);
			jdbc.sql("delete from session_rescore_seller where rescore_id = ?").param(rescoreId).update();
			List<Object[]> batch = new ArrayList<>();
			jdbc.sql("select distinct seller_id from live_session where business_date between :from and :to"
					+ (SessionRescores.ALL_MARKETS.equals(market) ? "" : " and market = :market"))
				.param("from", parameters.get(SessionRescores.FROM))
				.param("to", parameters.get(SessionRescores.TO))
				.param("market", market)
				.query((RowCallbackHandler) (rs) -> {
					String sellerId = rs.getString(1);
					batch.add(new Object[] { rescoreId, sellerId, SellerBuckets.of(sellerId) });
				});
			jdbcTemplate.batchUpdate(
					"insert into session_rescore_seller (rescore_id, seller_id, bucket) values (?, ?, ?)", batch);
			context.getStepContext()
				.getStepExecution()
				.getJobExecution()
				.getExecutionContext()
				.putLong(TOTAL_SELLERS, batch.size());
			contribution.incrementWriteCount(batch.size());
			return RepeatStatus.FINISHED;
		}, transactionManager).listener(JobFailures.recorder()).build();
	}

	@Bean
	Step rescoreSessionsStep(Partitioning partitioning, Step rescoreSessionsPartition) {
		return partitioning.step(RESCORE_STEP, rescoreSessionsPartition);
	}

	@Bean
	Step rescoreSessionsPartition(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcPagingItemReader<String> rescoreSellerReader, RescoreWriter rescoreWriter) {
		return new StepBuilder(PARTITION_STEP, jobRepository).<String, String>chunk(CHUNK_SIZE)
			.transactionManager(transactionManager)
			.reader(rescoreSellerReader)
			.writer(rescoreWriter)
			.listener(rescoreWriter)
			.listener(JobFailures.recorder())
			.build();
	}

	@Bean
	@StepScope
	JdbcPagingItemReader<String> rescoreSellerReader(DataSource dataSource,
			@Value("#{jobParameters['" + SessionRescores.RESCORE_ID + "']}") Long rescoreId,
			@Value("#{stepExecutionContext['" + BucketRangePartitioner.FROM + "']}") Integer fromBucket,
			@Value("#{stepExecutionContext['" + BucketRangePartitioner.TO + "']}") Integer toBucket) throws Exception {
		return new JdbcPagingItemReaderBuilder<String>().name("rescoreSellerReader")
			.dataSource(dataSource)
			.selectClause("select seller_id")
			.fromClause("from session_rescore_seller")
			.whereClause("where rescore_id = :rescore and bucket >= :fromBucket and bucket < :toBucket")
			.parameterValues(Map.of("rescore", rescoreId, "fromBucket", fromBucket, "toBucket", toBucket))
			.sortKeys(Map.of("seller_id", Order.ASCENDING))
			.rowMapper((rs, row) -> rs.getString(1))
			.pageSize(CHUNK_SIZE)
			.build();
	}

	@Bean
	@StepScope
	RescoreWriter rescoreWriter(JdbcClient jdbc, SessionStore store, ScoringEngine engine,
			ObjectProvider<SessionCodec> codec, ObjectProvider<JsonMapper> json, Clock clock,
			@Value("#{jobParameters['" + SessionRescores.FROM + "']}") LocalDate from,
			@Value("#{jobParameters['" + SessionRescores.TO + "']}") LocalDate to) {
		return new RescoreWriter(jdbc, store, engine, codec.getIfAvailable(SessionCodec::new),
				json.getIfAvailable(() -> JsonMapper.builder().build()), clock, from, to);
	}

	@Bean
	SessionRescores sessionRescores(JdbcClient jdbc, org.springframework.batch.core.launch.JobOperator jobOperator,
			JobRepository jobRepository, Job sessionRescoreJob, Clock clock) {
		return new SessionRescores(jdbc,
				SessionRescores.jobs(sessionRescoreJob).build(jdbc, jobOperator, jobRepository), clock);
	}

}
