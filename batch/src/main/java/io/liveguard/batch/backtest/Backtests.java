package io.liveguard.batch.backtest;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

import io.liveguard.batch.JobFailures;
import io.liveguard.batch.rulepack.PackVersion;
import io.liveguard.batch.rulepack.RulePackStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Starts back-tests in the background and tells how they stand: the candidate version against the
 * pack's active version over the stored sessions of a range of business dates.
 */
public class Backtests {

	public static final String BACKTEST_ID = "backtestId";

	public static final String PACK_ID = "packId";

	public static final String BASELINE = "baseline";

	public static final String CANDIDATE = "candidate";

	public static final String FROM = "from";

	public static final String TO = "to";

	/** The longest range one back-test covers. */
	public static final int MAX_DAYS = 92;

	private static final Logger logger = LoggerFactory.getLogger(Backtests.class);

	private final JdbcClient jdbc;

	private final RulePackStore store;

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job job;

	private final Executor executor;

	private final Clock clock;

	public Backtests(JdbcClient jdbc, RulePackStore store, JobOperator jobOperator, JobRepository jobRepository,
			Job packBacktestJob, Executor executor, Clock clock) {
		this.jdbc = jdbc;
		this.store = store;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.job = packBacktestJob;
		this.executor = executor;
		this.clock = clock;
	}

	/**
	 * Records a back-test of {@code candidate} against the pack's active version and starts it in the
	 * background.
	 * @throws IllegalArgumentException when the range or the versions do not make a back-test
	 */
	public long start(String packId, int candidate, LocalDate from, LocalDate to, String requestedBy) {
		long id = record(packId, candidate, from, to, requestedBy);
		this.executor.execute(() -> launch(id));
		return id;
	}

	/** Records a back-test and runs it to the end in this thread. */
	public BacktestReport runAndWait(String packId, int candidate, LocalDate from, LocalDate to, String requestedBy) {
		long id = record(packId, candidate, from, to, requestedBy);
		launch(id);
		return report(id).orElseThrow();
	}

	public Optional<BacktestReport> report(long id) {
		return this.jdbc.sql("""
				select id, pack_id, candidate_version, baseline_version, from_date, to_date, requested_by,
				       requested_at, sessions_total, job_execution_id
				from backtest where id = ?
				""").param(id).query((rs, row) -> {
			Long execution = (rs.getObject(10) == null) ? null : rs.getLong(10);
			Progress progress = progress(execution);
			return BacktestReport.load(this.jdbc, rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
					rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getString(7),
					rs.getObject(8, OffsetDateTime.class).toInstant(), rs.getInt(9), progress.status(),
					progress.sessionsRead(), progress.sellersRead(), progress.failure());
		}).optional();
	}

	private long record(String packId, int candidate, LocalDate from, LocalDate to, String requestedBy) {
		if (to.isBefore(from)) {
			throw new IllegalArgumentException("to: " + to + " is before from " + from);
		}
		if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
			throw new IllegalArgumentException("to: a back-test covers at most " + MAX_DAYS + " days (" + from + " to "
					+ to + " is " + (ChronoUnit.DAYS.between(from, to) + 1) + ")");
		}
		Integer baseline = this.store.activeVersions().get(packId);
		if (baseline == null) {
			throw new IllegalArgumentException("packId: no rule pack '" + packId + "' with an active version");
		}
		PackVersion version = this.store.find(packId, candidate)
			.orElseThrow(() -> new IllegalArgumentException("version: rule pack '" + packId + "' has no version "
					+ candidate));
		int sessions = this.jdbc.sql("select count(*) from live_session where business_date between ? and ?")
			.params(from, to)
			.query(Integer.class)
			.single();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into backtest (pack_id, candidate_version, baseline_version, from_date, to_date, requested_by,
				  requested_at, sessions_total)
				values (?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(packId, version.version(), baseline, from, to, requestedBy,
					OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC), sessions)
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	private void launch(long id) {
		BacktestReport report = report(id).orElseThrow();
		JobParameters parameters = new JobParametersBuilder().addLong(BACKTEST_ID, id)
			.addString(PACK_ID, report.packId())
			.addLong(BASELINE, (long) report.baselineVersion())
			.addLong(CANDIDATE, (long) report.candidateVersion())
			.addLocalDate(FROM, report.from())
			.addLocalDate(TO, report.to())
			.toJobParameters();
		try {
			JobExecution execution = this.jobOperator.start(this.job, parameters);
			logger.info("Back-test {} of {} v{} against v{} ended {}", id, report.packId(), report.candidateVersion(),
					report.baselineVersion(), execution.getStatus());
		}
		catch (Exception ex) {
			logger.error("Back-test {} could not start", id, ex);
		}
	}

	private Progress progress(@Nullable Long executionId) {
		if (executionId == null) {
			return new Progress("REQUESTED", 0, 0, null);
		}
		JobExecution execution = this.jobRepository.getJobExecution(executionId);
		long sessions = 0;
		long sellers = 0;
		for (StepExecution step : execution.getStepExecutions()) {
			if (BacktestJobConfiguration.SCORE_STEP.equals(step.getStepName())) {
				sessions = step.getReadCount();
			}
			if (BacktestJobConfiguration.REPLAY_STEP.equals(step.getStepName())) {
				sellers = step.getReadCount();
			}
		}
		String failure = JobFailures.of(execution);
		return new Progress(execution.getStatus().name(), sessions, sellers, failure);
	}

	private record Progress(String status, long sessionsRead, long sellersRead, @Nullable String failure) {
	}

	/** The ids of the latest back-tests, newest first. */
	public List<Long> recent(int limit) {
		return this.jdbc.sql("select id from backtest order by id desc limit ?").param(limit).query(Long.class).list();
	}

}
