package io.liveguard.batch.penalty;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

import io.liveguard.batch.JobFailures;
import io.liveguard.batch.StepExecutions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Starts penalty runs and reports on them; the one entry point for the API, the nightly schedule and
 * the command line. A run is recorded before its job starts, so its id exists at once and survives
 * restarts of the job.
 */
public class PenaltyRuns {

	public static final String RUN_ID = "runId";

	public static final String BUSINESS_DATE = "businessDate";

	public static final String MARKET = "market";

	/** The market parameter of a run over every market. */
	public static final String ALL_MARKETS = "*";

	private static final Logger logger = LoggerFactory.getLogger(PenaltyRuns.class);

	private static final String SELECT_RUN = "select id, business_date, market, requested_by, requested_at, job_execution_id from penalty_run";

	private final JdbcClient jdbc;

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job job;

	private final Executor executor;

	private final Clock clock;

	public PenaltyRuns(JdbcClient jdbc, JobOperator jobOperator, JobRepository jobRepository, Job penaltyRunJob,
			Executor executor, Clock clock) {
		this.jdbc = jdbc;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.job = penaltyRunJob;
		this.executor = executor;
		this.clock = clock;
	}

	/** Records a run and starts it in the background; returns its id at once. */
	public long start(LocalDate businessDate, @Nullable String market, String requestedBy) {
		long runId = record(businessDate, market, requestedBy);
		this.executor.execute(() -> launch(runId, businessDate, market));
		return runId;
	}

	/** Records a run, runs it to the end in this thread and returns its status. */
	public RunStatus runAndWait(LocalDate businessDate, @Nullable String market, String requestedBy) {
		long runId = record(businessDate, market, requestedBy);
		launch(runId, businessDate, market);
		return status(runId).orElseThrow();
	}

	/**
	 * Restarts a failed or stopped run where it left off, in this thread: the selection is kept,
	 * completed partitions are not run again, the others resume after their last committed chunk. A
	 * run whose execution is still marked running is taken as abandoned by a process that died (call
	 * this only when no process runs it).
	 */
	public RunStatus restart(long runId) throws Exception {
		JobExecution last = lastExecution(runId)
			.orElseThrow(() -> new IllegalArgumentException("Penalty run " + runId + " never started"));
		if (last.getStatus() == BatchStatus.STARTED || last.getStatus() == BatchStatus.STARTING) {
			// the process running it died: mark it failed so it can be restarted
			last = this.jobOperator.recover(last);
		}
		this.jobOperator.restart(last);
		return status(runId).orElseThrow();
	}

	/**
	 * Restarts a failed or stopped run in the background.
	 * @throws IllegalArgumentException when there is no such run
	 * @throws IllegalStateException when it is still running, has completed, or never started
	 */
	public void restartInBackground(long runId) {
		RunStatus run = status(runId).orElseThrow(() -> new IllegalArgumentException("no penalty run " + runId));
		if (!run.status().equals(BatchStatus.FAILED.name()) && !run.status().equals(BatchStatus.STOPPED.name())) {
			throw new IllegalStateException("penalty run " + runId + " is " + run.status()
					+ "; only a FAILED or STOPPED run can be restarted");
		}
		this.executor.execute(() -> {
			try {
				logger.info("Penalty run {} restarted: {}", runId, restart(runId).status());
			}
			catch (Exception ex) {
				logger.error("Penalty run {} could not be restarted", runId, ex);
			}
		});
	}

	public Optional<RunStatus> status(long runId) {
		return this.jdbc.sql(SELECT_RUN + " where id = ?").param(runId).query(PenaltyRuns::runRow).optional().map(this::status);
	}

	/** The latest runs, newest first, at most {@code limit} of them. */
	public List<RunStatus> recent(int limit) {
		return this.jdbc.sql(SELECT_RUN + " order by id desc limit ?")
			.param(limit)
			.query(PenaltyRuns::runRow)
			.list()
			.stream()
			.map(this::status)
			.toList();
	}

	private static RunRow runRow(ResultSet rs, int row) throws SQLException {
		return new RunRow(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4),
				rs.getObject(5, OffsetDateTime.class).toInstant(), (rs.getObject(6) == null) ? null : rs.getLong(6));
	}

	private long record(LocalDate businessDate, @Nullable String market, String requestedBy) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("insert into penalty_run (business_date, market, requested_by, requested_at) values (?, ?, ?, ?)")
			.params(businessDate, (market == null) ? ALL_MARKETS : market, requestedBy,
					OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	private void launch(long runId, LocalDate businessDate, @Nullable String market) {
		JobParameters parameters = new JobParametersBuilder().addLong(RUN_ID, runId)
			.addLocalDate(BUSINESS_DATE, businessDate)
			.addString(MARKET, (market == null) ? ALL_MARKETS : market)
			.toJobParameters();
		try {
			JobExecution execution = this.jobOperator.start(this.job, parameters);
			logger.info("Penalty run {} for {} ({}) ended {}", runId, businessDate, market, execution.getStatus());
		}
		catch (Exception ex) {
			logger.error("Penalty run {} for {} ({}) could not start", runId, businessDate, market, ex);
		}
	}

	private Optional<JobExecution> lastExecution(long runId) {
		return this.jdbc.sql("select job_execution_id from penalty_run where id = ?")
			.param(runId)
			.query(Long.class)
			.optional()
			.map(this.jobRepository::getJobExecution);
	}

	private RunStatus status(RunRow run) {
		if (run.jobExecutionId() == null) {
			return RunStatus.of(run.id(), run.businessDate(), run.market(), run.requestedBy(), "REQUESTED",
					run.requestedAt(), null, null, 0, 0, 0, 0, 0, 0, null);
		}
		JobExecution execution = this.jobRepository.getJobExecution(run.jobExecutionId());
		long total = execution.getExecutionContext().getLong(PenaltyRunJobConfiguration.TOTAL_SELLERS, 0L);
		long read = 0;
		long penalties = 0;
		long lifts = 0;
		long warnings = 0;
		long skipped = 0;
		// each partition's latest execution holds its totals (a restarted partition carries its counts on in its
		// context; a completed one is not run again, so it is found in an earlier execution of the run)
		for (StepExecution partition : StepExecutions.latest(this.jobRepository, execution).values()) {
			if (partition.getStepName().startsWith(PenaltyRunJobConfiguration.PARTITION_STEP + ":")) {
				ExecutionContext context = partition.getExecutionContext();
				read += context.getLong(PenaltyDecisionWriter.SELLERS, 0L);
				skipped += partition.getSkipCount() + context.getLong(PenaltyDecisionWriter.QUARANTINED, 0L);
				penalties += context.getLong(PenaltyDecisionWriter.PENALTIES, 0L);
				lifts += context.getLong(PenaltyDecisionWriter.LIFTS, 0L);
				warnings += context.getLong(PenaltyDecisionWriter.WARNINGS, 0L);
			}
		}
		String failure = JobFailures.of(execution);
		return RunStatus.of(run.id(), run.businessDate(), run.market(), run.requestedBy(),
				execution.getStatus().name(), run.requestedAt(), instant(execution.getStartTime()),
				instant(execution.getEndTime()), total, read, penalties, lifts, warnings, skipped, failure);
	}

	private static @Nullable Instant instant(@Nullable LocalDateTime time) {
		return (time == null) ? null : time.atZone(ZoneId.systemDefault()).toInstant();
	}

	private record RunRow(long id, LocalDate businessDate, String market, String requestedBy, Instant requestedAt,
			@Nullable Long jobExecutionId) {
	}

	/**
	 * Where a penalty run stands.
	 *
	 * @param runId the run
	 * @param businessDate the business date it decides for
	 * @param market its market, {@code *} for all
	 * @param requestedBy who or what started it
	 * @param status REQUESTED, or the Spring Batch status (STARTED, COMPLETED, FAILED, ...)
	 * @param requestedAt when it was requested
	 * @param startedAt when its job started
	 * @param endedAt when its job ended
	 * @param elapsed wall-clock time of the job so far
	 * @param sellersTotal sellers selected for the run
	 * @param sellersRead sellers read so far
	 * @param progress sellers read over sellers selected, 0..1
	 * @param penaltiesDecided new penalties
	 * @param lifts penalties lifted
	 * @param warnings warnings given
	 * @param skipped sellers skipped into the quarantine
	 * @param failure the first failure, if the run failed
	 */
	public record RunStatus(long runId, LocalDate businessDate, String market, String requestedBy, String status,
			Instant requestedAt, @Nullable Instant startedAt, @Nullable Instant endedAt, @Nullable Duration elapsed,
			long sellersTotal, long sellersRead, double progress, long penaltiesDecided, long lifts, long warnings,
			long skipped, @Nullable String failure) {

		static RunStatus of(long runId, LocalDate businessDate, String market, String requestedBy, String status,
				Instant requestedAt, @Nullable Instant startedAt, @Nullable Instant endedAt, long sellersTotal,
				long sellersRead, long penaltiesDecided, long lifts, long warnings, long skipped,
				@Nullable String failure) {
			double progress = (sellersTotal == 0) ? ("COMPLETED".equals(status) ? 1.0 : 0.0)
					: Math.min(1.0, (double) sellersRead / sellersTotal);
			Duration elapsed = (startedAt == null) ? null
					: Duration.between(startedAt, (endedAt != null) ? endedAt : Instant.now());
			return new RunStatus(runId, businessDate, market, requestedBy, status, requestedAt, startedAt, endedAt,
					elapsed, sellersTotal, sellersRead, progress, penaltiesDecided, lifts, warnings, skipped, failure);
		}

	}

}
