package io.liveguard.batch.penalty;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.liveguard.batch.appeal.AppealConfiguration;
import io.liveguard.batch.appeal.AppealRecords;
import io.liveguard.batch.JobFailures;
import io.liveguard.batch.job.BackgroundJobs;
import io.liveguard.batch.partition.BucketRangePartitioner;
import io.liveguard.batch.partition.Partitioning;
import io.liveguard.batch.partition.PartitioningConfiguration;
import io.liveguard.batch.partition.SellerBuckets;
import io.liveguard.batch.webhook.WebhookOutbox;
import io.liveguard.batch.webhook.WebhookOutboxConfiguration;
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.penalty.Ladder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The penalty run job, for one business date and one market ({@code *} for all): the
 * first step selects the sellers to visit (sessions in the ladder's window, or a standing
 * penalty) into a staging table, each with its hash bucket; the second splits the buckets
 * into partitions ({@link Partitioning}: local threads or remote workers), each of which
 * pages through its sellers in chunks, loads each chunk's records in bulk, decides each
 * seller with its market's ladder and stores the decisions
 * ({@link PenaltyDecisionWriter}). Sellers whose stored data cannot be decided go to the
 * quarantine with the reason. Restartable: the selection step does not run again,
 * completed partitions do not run again, and each other partition resumes after its last
 * committed chunk; sellers already decided for the date are never decided twice.
 */
@Configuration(proxyBeanMethods = false)
@Import({ PartitioningConfiguration.class, AppealConfiguration.class, WebhookOutboxConfiguration.class })
public class PenaltyRunJobConfiguration {

	public static final String JOB_NAME = "penaltyRun";

	static final String SELECT_STEP = "selectSellers";

	static final String DECIDE_STEP = "decidePenalties";

	/**
	 * The worker step: one execution per partition, named
	 * {@code decidePenaltiesPartition:partition<n>}.
	 */
	static final String PARTITION_STEP = "decidePenaltiesPartition";

	static final String READER = "runSellerReader";

	private static final int SELECT_BATCH = 1_000;

	static final String TOTAL_SELLERS = "sellers.total";

	static final int CHUNK_SIZE = 500;

	@Bean
	Job penaltyRunJob(JobRepository jobRepository, Step selectSellersStep, Step decidePenaltiesStep,
			PenaltyRunListener penaltyRunListener, JdbcClient jdbc) {
		return new JobBuilder(JOB_NAME, jobRepository)
			.listener(BackgroundJobs.executionLink(jdbc, PenaltyRuns.TABLE, PenaltyRuns.RUN_ID))
			.listener(penaltyRunListener)
			.start(selectSellersStep)
			.next(decidePenaltiesStep)
			.build();
	}

	@Bean
	PenaltyRunListener penaltyRunListener(EligibilityIndex eligibilityIndex, PenaltyMeters penaltyMeters,
			WebhookOutbox webhookOutbox) {
		return new PenaltyRunListener(eligibilityIndex, penaltyMeters, webhookOutbox);
	}

	/**
	 * On the application's registry; a context without one (the batch module's tests)
	 * reports to Micrometer's global registry.
	 */
	@Bean
	PenaltyMeters penaltyMeters(ObjectProvider<MeterRegistry> registry) {
		return new PenaltyMeters(registry.getIfAvailable(() -> Metrics.globalRegistry));
	}

	@Bean
	Step selectSellersStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcClient jdbc,
			JdbcTemplate jdbcTemplate, ScoringEngine engine, Clock clock) {
		return new StepBuilder(SELECT_STEP, jobRepository).tasklet((contribution, context) -> {
			Map<String, Object> parameters = context.getStepContext().getJobParameters();
			long runId = (Long) parameters.get(PenaltyRuns.RUN_ID);
			LocalDate date = (LocalDate) parameters.get(PenaltyRuns.BUSINESS_DATE);
			String market = (String) parameters.get(PenaltyRuns.MARKET);
			LocalDate from = windowStart(engine, market, date);
			OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
			String marketFilter = PenaltyRuns.ALL_MARKETS.equals(market) ? "" : " and market = :market";
			jdbc.sql("delete from penalty_run_seller where run_id = ?").param(runId).update();
			// a seller is decided in the market of its sessions (the last in code order,
			// should it have several);
			// its bucket (a hash of its id, for the partitions) is computed here, as SQL
			// has no portable hash
			List<Object[]> batch = new ArrayList<>(SELECT_BATCH);
			int[] selected = { 0 };
			jdbc.sql("select seller_id, max(market) from ("
					+ "select seller_id, market from live_session where business_date between :from and :to"
					+ marketFilter
					+ " union select seller_id, market from penalty where lifted_at is null and (ends_at is null or ends_at > :now)"
					+ marketFilter + ") s group by seller_id")
				.param("from", from)
				.param("to", date)
				.param("now", now)
				.param("market", market)
				.query((RowCallbackHandler) (rs) -> {
					String sellerId = rs.getString(1);
					batch.add(new Object[] { runId, sellerId, rs.getString(2), SellerBuckets.of(sellerId) });
					if (batch.size() == SELECT_BATCH) {
						selected[0] += insertSellers(jdbcTemplate, batch);
					}
				});
			selected[0] += insertSellers(jdbcTemplate, batch);
			context.getStepContext()
				.getStepExecution()
				.getJobExecution()
				.getExecutionContext()
				.putLong(TOTAL_SELLERS, selected[0]);
			contribution.incrementWriteCount(selected[0]);
			return RepeatStatus.FINISHED;
		}, transactionManager).listener(JobFailures.recorder()).build();
	}

	private static int insertSellers(JdbcTemplate jdbc, List<Object[]> batch) {
		if (batch.isEmpty()) {
			return 0;
		}
		jdbc.batchUpdate("insert into penalty_run_seller (run_id, seller_id, market, bucket) values (?, ?, ?, ?)",
				batch);
		int inserted = batch.size();
		batch.clear();
		return inserted;
	}

	/**
	 * Decides the sellers of every bucket range, on local threads or on remote workers.
	 */
	@Bean
	Step decidePenaltiesStep(Partitioning partitioning, Step decidePenaltiesPartition) {
		return partitioning.step(DECIDE_STEP, decidePenaltiesPartition);
	}

	/** Decides the sellers of one bucket range ({@link BucketRangePartitioner}). */
	@Bean
	Step decidePenaltiesPartition(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcPagingItemReader<RunSeller> runSellerReader, PenaltyDecisionWriter penaltyDecisionWriter,
			@Value("${liveguard.penalty-run.chunk-size:" + CHUNK_SIZE + "}") int chunkSize) {
		return new StepBuilder(PARTITION_STEP, jobRepository).<RunSeller, RunSeller>chunk(chunkSize)
			.transactionManager(transactionManager)
			.reader(runSellerReader)
			.writer(penaltyDecisionWriter)
			.listener(penaltyDecisionWriter)
			.listener(JobFailures.recorder())
			.build();
	}

	@Bean
	@StepScope
	JdbcPagingItemReader<RunSeller> runSellerReader(DataSource dataSource,
			@Value("#{jobParameters['" + PenaltyRuns.RUN_ID + "']}") Long runId,
			@Value("#{stepExecutionContext['" + BucketRangePartitioner.FROM + "']}") Integer fromBucket,
			@Value("#{stepExecutionContext['" + BucketRangePartitioner.TO + "']}") Integer toBucket,
			@Value("${liveguard.penalty-run.chunk-size:" + CHUNK_SIZE + "}") int chunkSize) throws Exception {
		return new JdbcPagingItemReaderBuilder<RunSeller>().name(READER)
			.dataSource(dataSource)
			.selectClause("select seller_id, market")
			.fromClause("from penalty_run_seller")
			.whereClause("where run_id = :run and bucket >= :fromBucket and bucket < :toBucket")
			.parameterValues(Map.of("run", runId, "fromBucket", fromBucket, "toBucket", toBucket))
			.sortKeys(Map.of("seller_id", Order.ASCENDING))
			.rowMapper((rs, row) -> new RunSeller(rs.getString(1), rs.getString(2)))
			.pageSize(chunkSize)
			.build();
	}

	@Bean
	@StepScope
	PenaltyDecisionWriter penaltyDecisionWriter(JdbcClient jdbc, SellerRecords sellerRecords, ScoringEngine engine,
			Quarantine quarantine, EligibilityIndex eligibilityIndex, PenaltyMeters penaltyMeters,
			WebhookOutbox webhookOutbox, Penalties penalties, Clock clock,
			@Value("#{jobParameters['" + PenaltyRuns.RUN_ID + "']}") Long runId,
			@Value("#{jobParameters['" + PenaltyRuns.BUSINESS_DATE + "']}") LocalDate date) {
		return new PenaltyDecisionWriter(jdbc, sellerRecords, engine, quarantine, eligibilityIndex, penaltyMeters,
				webhookOutbox, penalties, clock, runId, date);
	}

	@Bean
	SellerRecords sellerRecords(JdbcClient jdbc, Penalties penalties, AppealRecords appeals) {
		return new SellerRecords(jdbc, penalties, appeals);
	}

	private static LocalDate windowStart(ScoringEngine engine, String market, LocalDate date) {
		if (!PenaltyRuns.ALL_MARKETS.equals(market)) {
			return Ladder.from(engine.registry().forMarket(market).settings()).windowStart(date);
		}
		return engine.registry()
			.all()
			.stream()
			.map((pack) -> Ladder.from(pack.settings()).windowStart(date))
			.min(LocalDate::compareTo)
			.orElse(date);
	}

}
