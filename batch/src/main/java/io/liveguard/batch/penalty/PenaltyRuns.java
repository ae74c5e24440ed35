package io.liveguard.batch.penalty;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.liveguard.batch.job.BackgroundJobs;
import io.liveguard.batch.job.JobNotFound;
import io.liveguard.batch.job.JobNotRestartable;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Starts penalty runs and reports on them; the one entry point for the API, the nightly
 * schedule and the command line. A run is recorded before its job starts, so its id
 * exists at once and survives restarts of the job; recording, launching, restarting and
 * reading back are the {@link BackgroundJobs}' (two runs at once, more wait as
 * REQUESTED).
 */
public class PenaltyRuns implements AutoCloseable {

	public static final String RUN_ID = "runId";

	public static final String BUSINESS_DATE = "businessDate";

	public static final String MARKET = "market";

	/** The market parameter of a run over every market. */
	public static final String ALL_MARKETS = "*";

	/** The table of runs, linked to their job executions. */
	static final String TABLE = "penalty_run";

	private static final String SELECT_RUN = "select id, business_date, market, requested_by, requested_at, job_execution_id from penalty_run";

	private final JdbcClient jdbc;

	private final BackgroundJobs jobs;

	private final Clock clock;

	public PenaltyRuns(JdbcClient jdbc, BackgroundJobs jobs, Clock clock) {
		this.jdbc = jdbc;
		this.jobs = jobs;
		this.clock = clock;
	}

	/**
	 * How penalty runs are run in the background, and how a refused restart is worded.
	 */
	static BackgroundJobs.Builder jobs(Job penaltyRunJob) {
		return BackgroundJobs.forJob(penaltyRunJob, "penalty run")
			.table(TABLE, RUN_ID)
			.threads("penalty-run-", 2)
			.restartable(BatchStatus.FAILED, BatchStatus.STOPPED)
			.notFound((runId) -> "runId: no penalty run " + runId)
			.notRestartable((runId, refusal) -> "penalty run " + runId + " is " + refusal.state()
					+ "; only a FAILED or STOPPED run can be restarted");
	}

	/** Records a run and starts it in the background; returns its id at once. */
	public long start(LocalDate businessDate, @Nullable String market, String requestedBy) {
		long runId = record(businessDate, market, requestedBy);
		this.jobs.submit(runId, parameters(runId, businessDate, market));
		return runId;
	}

	/** Records a run, runs it to the end in this thread and returns its status. */
	public RunStatus runAndWait(LocalDate businessDate, @Nullable String market, String requestedBy) {
		long runId = record(businessDate, market, requestedBy);
		this.jobs.run(runId, parameters(runId, businessDate, market));
		return get(runId);
	}

	/**
	 * Restarts a failed or stopped run where it left off, in this thread: the selection
	 * is kept, completed partitions are not run again, the others resume after their last
	 * committed chunk. A run whose execution is still marked running is taken as
	 * abandoned by a process that died (call this only when no process runs it).
	 * @throws JobNotFound when there is no such run
	 * @throws JobNotRestartable when it never started, has completed, or runs in this
	 * process
	 */
	public RunStatus restart(long runId) {
		this.jobs.restart(runId);
		return get(runId);
	}

	/**
	 * Restarts a failed or stopped run in the background.
	 * @throws JobNotFound when there is no such run
	 * @throws JobNotRestartable when it is still running, has completed, or never started
	 */
	public void restartInBackground(long runId) {
		this.jobs.restartInBackground(runId);
	}

	public Optional<RunStatus> status(long runId) {
		return this.jdbc.sql(SELECT_RUN + " where id = ?")
			.param(runId)
			.query(PenaltyRuns::runRow)
			.optional()
			.map(this::status);
	}

	/**
	 * The run's status.
	 * @throws JobNotFound when there is no such run
	 */
	public RunStatus get(long runId) {
		return status(runId).orElseThrow(() -> new JobNotFound("runId: no penalty run " + runId));
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

	@Override
	public void close() {
		this.jobs.close();
	}

	private static RunRow runRow(ResultSet rs, int row) throws SQLException {
		return new RunRow(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4),
				rs.getObject(5, OffsetDateTime.class).toInstant(), (rs.getObject(6) == null) ? null : rs.getLong(6));
	}

	private long record(LocalDate businessDate, @Nullable String market, String requestedBy) {
		return this.jobs.record(
				"insert into penalty_run (business_date, market, requested_by, requested_at) values (?, ?, ?, ?)",
				businessDate, (market == null) ? ALL_MARKETS : market, requestedBy,
				OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC));
	}

	private static JobParameters parameters(long runId, LocalDate businessDate, @Nullable String market) {
		return new JobParametersBuilder().addLong(RUN_ID, runId)
			.addLocalDate(BUSINESS_DATE, businessDate)
			.addString(MARKET, (market == null) ? ALL_MARKETS : market)
			.toJobParameters();
	}

	private RunStatus status(RunRow run) {
		BackgroundJobs.Progress job = this.jobs.progress(run.id(), run.jobExecutionId());
		long total = job.context().getLong(PenaltyRunJobConfiguration.TOTAL_SELLERS, 0L);
		long read = 0;
		long penalties = 0;
		long lifts = 0;
		long warnings = 0;
		long skipped = 0;
		// each partition's latest execution holds its totals (a restarted partition
		// carries its counts on in its
		// context; a completed one is not run again, so it is found in an earlier
		// execution of the run)
		for (StepExecution partition : job.steps().values()) {
			if (partition.getStepName().startsWith(PenaltyRunJobConfiguration.PARTITION_STEP + ":")) {
				ExecutionContext context = partition.getExecutionContext();
				read += context.getLong(PenaltyDecisionWriter.SELLERS, 0L);
				skipped += partition.getSkipCount() + context.getLong(PenaltyDecisionWriter.QUARANTINED, 0L);
				penalties += context.getLong(PenaltyDecisionWriter.PENALTIES, 0L);
				lifts += context.getLong(PenaltyDecisionWriter.LIFTS, 0L);
				warnings += context.getLong(PenaltyDecisionWriter.WARNINGS, 0L);
			}
		}
		return RunStatus.of(run.id(), run.businessDate(), run.market(), run.requestedBy(), job.state(),
				run.requestedAt(), job.startedAt(), job.endedAt(), total, read, penalties, lifts, warnings, skipped,
				job.failure());
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
	 * @param status REQUESTED, or the Spring Batch status (STARTED, COMPLETED, FAILED,
	 * ...)
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
