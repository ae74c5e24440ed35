package io.liveguard.batch.rescore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.liveguard.batch.job.BackgroundJobs;
import io.liveguard.batch.job.InvalidJobRequest;
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
 * Starts re-scoring jobs and reports on them. A re-score is recorded before its job
 * starts, so its id exists at once and survives restarts; recording, launching,
 * restarting and reading back are the {@link BackgroundJobs}' (one re-score at a time,
 * more wait as REQUESTED).
 */
public class SessionRescores implements AutoCloseable {

	public static final String RESCORE_ID = "rescoreId";

	public static final String FROM = "from";

	public static final String TO = "to";

	public static final String MARKET = "market";

	public static final String ALL_MARKETS = "*";

	/** The longest range one re-score may cover. */
	public static final int MAX_DAYS = 366;

	/** The table of re-scores, linked to their job executions. */
	static final String TABLE = "session_rescore";

	private static final String SELECT = "select id, date_from, date_to, market, requested_by, requested_at, job_execution_id from session_rescore";

	private final JdbcClient jdbc;

	private final BackgroundJobs jobs;

	private final Clock clock;

	SessionRescores(JdbcClient jdbc, BackgroundJobs jobs, Clock clock) {
		this.jdbc = jdbc;
		this.jobs = jobs;
		this.clock = clock;
	}

	/** How re-scores are run in the background, and how a refused restart is worded. */
	static BackgroundJobs.Builder jobs(Job sessionRescoreJob) {
		return BackgroundJobs.forJob(sessionRescoreJob, "re-score")
			.table(TABLE, RESCORE_ID)
			.threads("rescore-", 1)
			.restartable(BatchStatus.FAILED, BatchStatus.STOPPED)
			.notFound((id) -> "rescoreId: no re-score " + id)
			.notRestartable((id, refusal) -> "re-score " + id + " is " + refusal.state()
					+ "; only a FAILED or STOPPED one can be restarted");
	}

	/**
	 * Records a re-score of the sessions with business dates in [{@code from},
	 * {@code to}] and starts it in the background.
	 * @throws InvalidJobRequest when the range is reversed or longer than
	 * {@link #MAX_DAYS}
	 */
	public long start(LocalDate from, LocalDate to, @Nullable String market, String requestedBy) {
		long id = record(from, to, market, requestedBy);
		this.jobs.submit(id, parameters(id, from, to, market));
		return id;
	}

	/** Records a re-score and runs it to the end in this thread. */
	public RescoreStatus runAndWait(LocalDate from, LocalDate to, @Nullable String market, String requestedBy) {
		long id = record(from, to, market, requestedBy);
		this.jobs.run(id, parameters(id, from, to, market));
		return get(id);
	}

	/**
	 * Restarts a failed or stopped re-score in the background, where it left off.
	 * @throws JobNotFound when there is no such re-score
	 * @throws JobNotRestartable when it is not FAILED or STOPPED
	 */
	public void restartInBackground(long id) {
		this.jobs.restartInBackground(id);
	}

	public Optional<RescoreStatus> status(long id) {
		return this.jdbc.sql(SELECT + " where id = ?")
			.param(id)
			.query(SessionRescores::row)
			.optional()
			.map(this::status);
	}

	/**
	 * The re-score's status.
	 * @throws JobNotFound when there is no such re-score
	 */
	public RescoreStatus get(long id) {
		return status(id).orElseThrow(() -> new JobNotFound("rescoreId: no re-score " + id));
	}

	public List<RescoreStatus> recent(int limit) {
		return this.jdbc.sql(SELECT + " order by id desc limit ?")
			.param(limit)
			.query(SessionRescores::row)
			.list()
			.stream()
			.map(this::status)
			.toList();
	}

	@Override
	public void close() {
		this.jobs.close();
	}

	private long record(LocalDate from, LocalDate to, @Nullable String market, String requestedBy) {
		if (to.isBefore(from)) {
			throw new InvalidJobRequest("to: " + to + " is before from " + from);
		}
		if (to.toEpochDay() - from.toEpochDay() + 1 > MAX_DAYS) {
			throw new InvalidJobRequest("to: a re-score covers at most " + MAX_DAYS + " days");
		}
		return this.jobs.record(
				"""
						insert into session_rescore (date_from, date_to, market, requested_by, requested_at) values (?, ?, ?, ?, ?)
						""",
				from, to, (market == null) ? ALL_MARKETS : market, requestedBy,
				OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC));
	}

	private static JobParameters parameters(long id, LocalDate from, LocalDate to, @Nullable String market) {
		return new JobParametersBuilder().addLong(RESCORE_ID, id)
			.addLocalDate(FROM, from)
			.addLocalDate(TO, to)
			.addString(MARKET, (market == null) ? ALL_MARKETS : market)
			.toJobParameters();
	}

	private static Row row(ResultSet rs, int row) throws SQLException {
		return new Row(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class),
				rs.getString(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant(),
				(rs.getObject(7) == null) ? null : rs.getLong(7));
	}

	private RescoreStatus status(Row row) {
		BackgroundJobs.Progress job = this.jobs.progress(row.id(), row.jobExecutionId());
		long total = job.context().getLong(RescoreJobConfiguration.TOTAL_SELLERS, 0L);
		long sellers = 0;
		long sessions = 0;
		long rescored = 0;
		long changed = 0;
		for (StepExecution partition : job.steps().values()) {
			if (partition.getStepName().startsWith(RescoreJobConfiguration.PARTITION_STEP + ":")) {
				ExecutionContext context = partition.getExecutionContext();
				sellers += context.getLong(RescoreWriter.SELLERS, 0L);
				sessions += context.getLong(RescoreWriter.SESSIONS, 0L);
				rescored += context.getLong(RescoreWriter.RESCORED, 0L);
				changed += context.getLong(RescoreWriter.CHANGED, 0L);
			}
		}
		String status = job.state();
		double progress = (total == 0) ? (status.equals("COMPLETED") ? 1.0 : 0.0)
				: Math.min(1.0, (double) sellers / total);
		return new RescoreStatus(row.id(), row.from(), row.to(), row.market(), row.requestedBy(), status,
				row.requestedAt(), job.startedAt(), job.endedAt(), total, sellers, progress, sessions, rescored,
				changed, job.failure(), row.jobExecutionId());
	}

	private record Row(long id, LocalDate from, LocalDate to, String market, String requestedBy, Instant requestedAt,
			@Nullable Long jobExecutionId) {
	}

	/**
	 * Where a re-score stands.
	 *
	 * @param rescoreId the re-score
	 * @param from first business date
	 * @param to last business date
	 * @param market its market, {@code *} for all
	 * @param requestedBy who started it
	 * @param status REQUESTED, or the Spring Batch status
	 * @param requestedAt when it was requested
	 * @param startedAt when its job started
	 * @param endedAt when its job ended
	 * @param sellersTotal sellers with sessions in the range
	 * @param sellersDone sellers whose sessions are done
	 * @param progress sellers done over sellers total, 0..1
	 * @param sessions sessions looked at
	 * @param rescored sessions given a new score card (the others already had one from
	 * the active version)
	 * @param changed re-scored sessions whose finding codes or violation points changed
	 * @param failure the first failure, if it failed
	 * @param jobExecutionId its latest job execution
	 */
	public record RescoreStatus(long rescoreId, LocalDate from, LocalDate to, String market, String requestedBy,
			String status, Instant requestedAt, @Nullable Instant startedAt, @Nullable Instant endedAt,
			long sellersTotal, long sellersDone, double progress, long sessions, long rescored, long changed,
			@Nullable String failure, @Nullable Long jobExecutionId) {
	}

}
