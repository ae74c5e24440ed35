package io.liveguard.batch.rescore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Starts re-scoring jobs and reports on them. A re-score is recorded before its job starts, so its id
 * exists at once and survives restarts.
 */
public class SessionRescores {

	public static final String RESCORE_ID = "rescoreId";

	public static final String FROM = "from";

	public static final String TO = "to";

	public static final String MARKET = "market";

	public static final String ALL_MARKETS = "*";

	/** The longest range one re-score may cover. */
	public static final int MAX_DAYS = 366;

	private static final Logger logger = LoggerFactory.getLogger(SessionRescores.class);

	private static final String SELECT = "select id, date_from, date_to, market, requested_by, requested_at, job_execution_id from session_rescore";

	private final JdbcClient jdbc;

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job job;

	private final Executor executor;

	private final Clock clock;

	SessionRescores(JdbcClient jdbc, JobOperator jobOperator, JobRepository jobRepository, Job job, Executor executor,
			Clock clock) {
		this.jdbc = jdbc;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.job = job;
		this.executor = executor;
		this.clock = clock;
	}

	/**
	 * Records a re-score of the sessions with business dates in [{@code from}, {@code to}] and starts it
	 * in the background.
	 * @throws IllegalArgumentException when the range is reversed or longer than {@link #MAX_DAYS}
	 */
	public long start(LocalDate from, LocalDate to, @Nullable String market, String requestedBy) {
		long id = record(from, to, market, requestedBy);
		this.executor.execute(() -> launch(id, from, to, market));
		return id;
	}

	/** Records a re-score and runs it to the end in this thread. */
	public RescoreStatus runAndWait(LocalDate from, LocalDate to, @Nullable String market, String requestedBy) {
		long id = record(from, to, market, requestedBy);
		launch(id, from, to, market);
		return status(id).orElseThrow();
	}

	/**
	 * Restarts a failed or stopped re-score in the background, where it left off.
	 * @throws IllegalArgumentException when there is no such re-score
	 * @throws IllegalStateException when it is not FAILED or STOPPED
	 */
	public void restartInBackground(long id) {
		RescoreStatus status = status(id).orElseThrow(() -> new IllegalArgumentException("no re-score " + id));
		if (!status.status().equals(BatchStatus.FAILED.name()) && !status.status().equals(BatchStatus.STOPPED.name())) {
			throw new IllegalStateException(
					"re-score " + id + " is " + status.status() + "; only a FAILED or STOPPED one can be restarted");
		}
		JobExecution last = this.jobRepository.getJobExecution(status.jobExecutionId());
		this.executor.execute(() -> {
			try {
				this.jobOperator.restart(last);
			}
			catch (Exception ex) {
				logger.error("Re-score {} could not be restarted", id, ex);
			}
		});
	}

	public Optional<RescoreStatus> status(long id) {
		return this.jdbc.sql(SELECT + " where id = ?").param(id).query(SessionRescores::row).optional().map(this::status);
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

	private long record(LocalDate from, LocalDate to, @Nullable String market, String requestedBy) {
		if (to.isBefore(from)) {
			throw new IllegalArgumentException("to: " + to + " is before from " + from);
		}
		if (to.toEpochDay() - from.toEpochDay() + 1 > MAX_DAYS) {
			throw new IllegalArgumentException("to: a re-score covers at most " + MAX_DAYS + " days");
		}
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into session_rescore (date_from, date_to, market, requested_by, requested_at) values (?, ?, ?, ?, ?)
				""")
			.params(from, to, (market == null) ? ALL_MARKETS : market, requestedBy,
					OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	private void launch(long id, LocalDate from, LocalDate to, @Nullable String market) {
		JobParameters parameters = new JobParametersBuilder().addLong(RESCORE_ID, id)
			.addLocalDate(FROM, from)
			.addLocalDate(TO, to)
			.addString(MARKET, (market == null) ? ALL_MARKETS : market)
			.toJobParameters();
		try {
			JobExecution execution = this.jobOperator.start(this.job, parameters);
			logger.info("Re-score {} of {}..{} ({}) ended {}", id, from, to, market, execution.getStatus());
		}
		catch (Exception ex) {
			logger.error("Re-score {} could not start", id, ex);
		}
	}

	private static Row row(ResultSet rs, int row) throws SQLException {
		return new Row(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class), rs.getString(4),
				rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant(),
				(rs.getObject(7) == null) ? null : rs.getLong(7));
	}

	private RescoreStatus status(Row row) {
		if (row.jobExecutionId() == null) {
			return new RescoreStatus(row.id(), row.from(), row.to(), row.market(), row.requestedBy(), "REQUESTED",
					row.requestedAt(), null, null, 0, 0, 0.0, 0, 0, 0, null, null);
		}
		JobExecution execution = this.jobRepository.getJobExecution(row.jobExecutionId());
		long total = execution.getExecutionContext().getLong(RescoreJobConfiguration.TOTAL_SELLERS, 0L);
		long sellers = 0;
		long sessions = 0;
		long rescored = 0;
		long changed = 0;
		for (StepExecution partition : StepExecutions.latest(this.jobRepository, execution).values()) {
			if (partition.getStepName().startsWith(RescoreJobConfiguration.PARTITION_STEP + ":")) {
				ExecutionContext context = partition.getExecutionContext();
				sellers += context.getLong(RescoreWriter.SELLERS, 0L);
				sessions += context.getLong(RescoreWriter.SESSIONS, 0L);
				rescored += context.getLong(RescoreWriter.RESCORED, 0L);
				changed += context.getLong(RescoreWriter.CHANGED, 0L);
			}
		}
		String status = execution.getStatus().name();
		double progress = (total == 0) ? (status.equals("COMPLETED") ? 1.0 : 0.0) : Math.min(1.0, (double) sellers / total);
		return new RescoreStatus(row.id(), row.from(), row.to(), row.market(), row.requestedBy(), status,
				row.requestedAt(), instant(execution.getStartTime()), instant(execution.getEndTime()), total, sellers,
				progress, sessions, rescored, changed, JobFailures.of(execution), row.jobExecutionId());
	}

	private static @Nullable Instant instant(@Nullable LocalDateTime time) {
		return (time == null) ? null : time.atZone(ZoneId.systemDefault()).toInstant();
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
	 * @param rescored sessions given a new score card (the others already had one from the active version)
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
