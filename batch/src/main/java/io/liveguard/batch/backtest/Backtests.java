package io.liveguard.batch.backtest;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import io.liveguard.batch.job.BackgroundJobs;
import io.liveguard.batch.job.InvalidJobRequest;
import io.liveguard.batch.job.JobInputNotFound;
import io.liveguard.batch.job.JobNotFound;
import io.liveguard.batch.rulepack.PackVersion;
import io.liveguard.batch.rulepack.RulePackStore;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Starts back-tests in the background and tells how they stand: the candidate version
 * against the pack's active version over the stored sessions of a range of business
 * dates. Recording, launching and reading back are the {@link BackgroundJobs}' (two
 * back-tests at once, more wait as REQUESTED).
 */
public class Backtests implements AutoCloseable {

	public static final String BACKTEST_ID = "backtestId";

	public static final String PACK_ID = "packId";

	public static final String BASELINE = "baseline";

	public static final String CANDIDATE = "candidate";

	public static final String FROM = "from";

	public static final String TO = "to";

	/** The longest range one back-test covers. */
	public static final int MAX_DAYS = 92;

	/** The table of back-tests, linked to their job executions. */
	static final String TABLE = "backtest";

	private final JdbcClient jdbc;

	private final RulePackStore store;

	private final BackgroundJobs jobs;

	private final Clock clock;

	public Backtests(JdbcClient jdbc, RulePackStore store, BackgroundJobs jobs, Clock clock) {
		this.jdbc = jdbc;
		this.store = store;
		this.jobs = jobs;
		this.clock = clock;
	}

	/** How back-tests are run in the background. */
	static BackgroundJobs.Builder jobs(Job packBacktestJob) {
		return BackgroundJobs.forJob(packBacktestJob, "back-test")
			.table(TABLE, BACKTEST_ID)
			.threads("backtest-", 2)
			.notFound((id) -> "id: no back-test " + id);
	}

	/**
	 * Records a back-test of {@code candidate} against the pack's active version and
	 * starts it in the background.
	 * @throws InvalidJobRequest when the range does not make a back-test
	 * @throws JobInputNotFound when the pack has no active version or no such candidate
	 * version
	 */
	public long start(String packId, int candidate, LocalDate from, LocalDate to, String requestedBy) {
		long id = record(packId, candidate, from, to, requestedBy);
		this.jobs.submit(id, parameters(id));
		return id;
	}

	/** Records a back-test and runs it to the end in this thread. */
	public BacktestReport runAndWait(String packId, int candidate, LocalDate from, LocalDate to, String requestedBy) {
		long id = record(packId, candidate, from, to, requestedBy);
		this.jobs.run(id, parameters(id));
		return get(id);
	}

	/**
	 * The back-test's progress and, once complete, its report.
	 * @throws JobNotFound when there is no such back-test
	 */
	public BacktestReport get(long id) {
		return report(id).orElseThrow(() -> new JobNotFound("id: no back-test " + id));
	}

	public Optional<BacktestReport> report(long id) {
		return this.jdbc.sql("""
				select id, pack_id, candidate_version, baseline_version, from_date, to_date, requested_by,
				       requested_at, sessions_total, job_execution_id
				from backtest where id = ?
				""").param(id).query((rs, row) -> {
			Long execution = (rs.getObject(10) == null) ? null : rs.getLong(10);
			BackgroundJobs.Progress job = this.jobs.progress(rs.getLong(1), execution);
			return BacktestReport.load(this.jdbc, rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
					rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getString(7),
					rs.getObject(8, OffsetDateTime.class).toInstant(), rs.getInt(9), job.state(),
					readCount(job, BacktestJobConfiguration.SCORE_STEP),
					readCount(job, BacktestJobConfiguration.REPLAY_STEP), job.failure());
		}).optional();
	}

	private long record(String packId, int candidate, LocalDate from, LocalDate to, String requestedBy) {
		if (to.isBefore(from)) {
			throw new InvalidJobRequest("to: " + to + " is before from " + from);
		}
		if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
			throw new InvalidJobRequest("to: a back-test covers at most " + MAX_DAYS + " days (" + from + " to " + to
					+ " is " + (ChronoUnit.DAYS.between(from, to) + 1) + ")");
		}
		Integer baseline = this.store.activeVersions().get(packId);
		if (baseline == null) {
			throw new JobInputNotFound("packId: no rule pack '" + packId + "' with an active version");
		}
		PackVersion version = this.store.find(packId, candidate)
			.orElseThrow(() -> new JobInputNotFound("version: rule pack '" + packId + "' has no version " + candidate));
		int sessions = this.jdbc.sql("select count(*) from live_session where business_date between ? and ?")
			.params(from, to)
			.query(Integer.class)
			.single();
		return this.jobs.record("""
				insert into backtest (pack_id, candidate_version, baseline_version, from_date, to_date, requested_by,
				  requested_at, sessions_total)
				values (?, ?, ?, ?, ?, ?, ?, ?)
				""", packId, version.version(), baseline, from, to, requestedBy,
				OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC), sessions);
	}

	private JobParameters parameters(long id) {
		BacktestReport report = report(id).orElseThrow();
		return new JobParametersBuilder().addLong(BACKTEST_ID, id)
			.addString(PACK_ID, report.packId())
			.addLong(BASELINE, (long) report.baselineVersion())
			.addLong(CANDIDATE, (long) report.candidateVersion())
			.addLocalDate(FROM, report.from())
			.addLocalDate(TO, report.to())
			.toJobParameters();
	}

	private static long readCount(BackgroundJobs.Progress job, String step) {
		StepExecution execution = job.steps().get(step);
		return (execution != null) ? execution.getReadCount() : 0;
	}

	/** The ids of the latest back-tests, newest first. */
	public List<Long> recent(int limit) {
		return this.jdbc.sql("select id from backtest order by id desc limit ?").param(limit).query(Long.class).list();
	}

	@Override
	public void close() {
		this.jobs.close();
	}

}
