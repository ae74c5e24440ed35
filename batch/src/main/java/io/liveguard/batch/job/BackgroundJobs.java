package io.liveguard.batch.job;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.LongFunction;

import io.liveguard.batch.JobFailures;
import io.liveguard.batch.StepExecutions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * One feature's background job, run the way every feature's is: its row is recorded in
 * the feature's table before the job starts (so its id exists at once and survives
 * restarts), the job runs on this component's own threads through the
 * {@link JobOperator}, the row is linked to its latest execution
 * ({@link #executionLink}), and its state, timings, failure and steps are read back from
 * the job repository. A restart continues the same job instance where it left off; an
 * execution found still running that no thread of this process runs was left by a process
 * that died, and is marked failed before it is restarted. What cannot be done is a
 * {@link JobNotFound}, {@link JobAlreadyRunning} or {@link JobNotRestartable} whose
 * detail the feature words.
 * <p>
 * The threads are daemons in a fixed pool: more jobs than threads wait their turn as
 * REQUESTED (the caller is never held up), and a job cut off by a shutdown stays
 * restartable.
 */
public final class BackgroundJobs implements AutoCloseable {

	/** How long a restart waits for an ended execution's thread to return. */
	private static final Duration RETURN_WAIT = Duration.ofSeconds(2);

	/** The statuses a job ends in for good: it can never be restarted. */
	static final Set<BatchStatus> FINAL = EnumSet.of(BatchStatus.COMPLETED, BatchStatus.ABANDONED);

	/** The statuses of an execution that a live process is carrying out. */
	static final Set<BatchStatus> RUNNING = EnumSet.of(BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING);

	/** The in-process mark of a job started afresh, not restarting an execution. */
	private static final long FRESH = -1;

	private static final Logger logger = LoggerFactory.getLogger(BackgroundJobs.class);

	private final Job job;

	private final String name;

	private final String table;

	private final String idParameter;

	private final Set<BatchStatus> restartable;

	private final LongFunction<String> notFound;

	private final BiFunction<Long, Refusal, String> notRestartable;

	private final LongFunction<@Nullable String> precondition;

	private final JdbcClient jdbc;

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final ExecutorService executor;

	/**
	 * The jobs this process runs or is about to run, with the execution each restarts
	 * ({@link #FRESH} for none): never launched twice at once, and RESTARTING until the
	 * new execution begins.
	 */
	private final Map<Long, Long> inProcess = new ConcurrentHashMap<>();

	private BackgroundJobs(Builder builder, JdbcClient jdbc, JobOperator jobOperator, JobRepository jobRepository) {
		this.job = builder.job;
		this.name = builder.name;
		this.table = builder.table;
		this.idParameter = builder.idParameter;
		this.restartable = EnumSet.copyOf(builder.restartable);
		this.notFound = builder.notFound;
		this.notRestartable = builder.notRestartable;
		this.precondition = builder.precondition;
		this.jdbc = jdbc;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		AtomicInteger threads = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(builder.threads, (task) -> {
			Thread thread = new Thread(task, builder.threadPrefix + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Describes the background job of a feature.
	 * @param job the Spring Batch job
	 * @param name what a person calls one ("penalty run"), for the log and the threads
	 */
	public static Builder forJob(Job job, String name) {
		return new Builder(job, name);
	}

	/**
	 * The job listener linking a row of {@code table} (its {@code id} is the job
	 * parameter {@code idParameter}) to the execution carrying it out; the job's
	 * configuration registers it.
	 */
	public static JobExecutionListener executionLink(JdbcClient jdbc, String table, String idParameter) {
		return new ExecutionLink(jdbc, table, idParameter);
	}

	/**
	 * Records a job's row with the feature's insert statement and returns its generated
	 * {@code id}.
	 * @param insert an insert into the feature's table, with {@code ?} for the parameters
	 * @param parameters the values of the row
	 */
	public long record(String insert, Object... parameters) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql(insert).params(parameters).update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	/**
	 * Starts the recorded job in the background; it waits as REQUESTED until a thread is
	 * free.
	 * @throws JobAlreadyRunning when this process already runs it
	 * @throws JobNotAccepted when the threads take no more jobs
	 */
	public void submit(long id, JobParameters parameters) {
		claim(id, FRESH);
		execute(id, () -> launch(id, parameters));
	}

	/**
	 * Runs the recorded job to its end in this thread (a failure is the job's state, not
	 * an exception).
	 * @throws JobAlreadyRunning when this process already runs it
	 */
	public void run(long id, JobParameters parameters) {
		claim(id, FRESH);
		launch(id, parameters);
	}

	/**
	 * Restarts the job in the background where it left off, if its state is one the
	 * feature restarts.
	 * @throws JobNotFound when there is no such job
	 * @throws JobAlreadyRunning when this process runs it or is about to
	 * @throws JobNotRestartable when its state does not allow it
	 */
	public void restartInBackground(long id) {
		JobExecution last = claimRestart(id, this.restartable);
		execute(id, () -> relaunch(id, last));
	}

	/**
	 * Restarts the job in this thread where it left off, whatever its state short of
	 * COMPLETED or ABANDONED: an execution still marked running is taken as left by a
	 * process that died, so call this only when no other process runs it (the command
	 * line, a test, a restart after a crash).
	 * @throws JobNotFound when there is no such job
	 * @throws JobAlreadyRunning when this process runs it or is about to
	 * @throws JobNotRestartable when it never started, completed or was abandoned
	 */
	public void restart(long id) {
		relaunch(id, claimRestart(id, EnumSet.complementOf(EnumSet.copyOf(FINAL))));
	}

	/**
	 * Marks the executions of this job that are still marked running, but that no thread
	 * of this process runs, as failed: they were left by a process that died. With
	 * {@code restart}, restarts them in the background too. None of today's features
	 * calls this on start-up (a node cannot tell whether another node still runs them, so
	 * their runs wait for a person to restart them); it is for a job whose runs belong to
	 * one process.
	 * @return the ids of the jobs recovered
	 */
	public List<Long> recoverLeftRunning(boolean restart) {
		List<Long> recovered = new ArrayList<>();
		for (JobExecution execution : this.jobRepository.findRunningJobExecutions(this.job.getName())) {
			Long id = execution.getJobParameters().getLong(this.idParameter);
			if (id == null || this.inProcess.containsKey(id)) {
				continue;
			}
			JobExecution failed = this.jobOperator.recover(execution);
			logger.warn("{} {} was left {} by a process that died: marked {}", capitalised(), id, execution.getStatus(),
					failed.getStatus());
			recovered.add(id);
			if (restart) {
				try {
					restartInBackground(id);
				}
				catch (JobNotRestartable | JobNotFound | JobNotAccepted ex) {
					logger.warn("{} {} was not restarted: {}", capitalised(), id, ex.getMessage());
				}
			}
		}
		return recovered;
	}

	/**
	 * Where a job stands: REQUESTED before its first execution, RESTARTING between a
	 * restart and the new execution's start, UNKNOWN when its execution is gone from the
	 * job repository, otherwise the Spring Batch status of its latest execution.
	 * @param id the job's id
	 * @param executionId the execution its row is linked to, or null
	 */
	public Progress progress(long id, @Nullable Long executionId) {
		if (executionId == null) {
			return Progress.none("REQUESTED");
		}
		JobExecution execution = this.jobRepository.getJobExecution(executionId);
		if (execution == null) {
			return Progress.none("UNKNOWN");
		}
		String state = execution.getStatus().name();
		if (executionId.equals(this.inProcess.get(id)) && !execution.isRunning()) {
			state = "RESTARTING";
		}
		return new Progress(state, instant(execution.getStartTime()), instant(execution.getEndTime()),
				JobFailures.of(execution), execution.getExecutionContext(),
				StepExecutions.latest(this.jobRepository, execution));
	}

	/**
	 * Takes no more jobs; those running go on until the process exits (their threads are
	 * daemons).
	 */
	@Override
	public void close() {
		this.executor.shutdown();
	}

	private void claim(long id, long restarting) {
		if (this.inProcess.putIfAbsent(id, restarting) != null) {
			throw new JobAlreadyRunning(
					this.notRestartable.apply(id, new Refusal(state(id), "it is running or waiting to run")));
		}
	}

	private JobExecution claimRestart(long id, Set<BatchStatus> allowed) {
		Long executionId = link(id).orElseThrow(() -> new JobNotFound(this.notFound.apply(id))).executionId();
		if (this.inProcess.containsKey(id) && !awaitReturn(id, executionId)) {
			throw new JobAlreadyRunning(this.notRestartable.apply(id,
					new Refusal(progress(id, executionId).state(), "it is running or waiting to run")));
		}
		if (executionId == null) {
			throw new JobNotRestartable(
					this.notRestartable.apply(id, new Refusal("REQUESTED", "it is running or waiting to run")));
		}
		JobExecution last = this.jobRepository.getJobExecution(executionId);
		if (last == null) {
			throw new JobNotRestartable(
					this.notRestartable.apply(id, new Refusal("UNKNOWN", "its job execution is gone")));
		}
		BatchStatus status = last.getStatus();
		if (!allowed.contains(status)) {
			throw new JobNotRestartable(this.notRestartable.apply(id, new Refusal(status.name(), "it is " + status)));
		}
		String reason = this.precondition.apply(id);
		if (reason != null) {
			throw new JobNotRestartable(this.notRestartable.apply(id, new Refusal(status.name(), reason)));
		}
		claim(id, executionId);
		return last;
	}

	/**
	 * An execution that has ended still holds its claim for the moment its thread takes
	 * to return from the job operator: a restart asked for as soon as the run reads
	 * FAILED waits for that (at most {@link #RETURN_WAIT}) instead of being refused.
	 * @return whether the claim is gone
	 */
	private boolean awaitReturn(long id, @Nullable Long executionId) {
		if (executionId == null) {
			return false;
		}
		long deadline = System.nanoTime() + RETURN_WAIT.toNanos();
		while (this.inProcess.containsKey(id) && System.nanoTime() < deadline) {
			JobExecution execution = this.jobRepository.getJobExecution(executionId);
			if (execution == null || execution.isRunning()) {
				return false;
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
		}
		return !this.inProcess.containsKey(id);
	}

	private void execute(long id, Runnable task) {
		try {
			this.executor.execute(task);
		}
		catch (RejectedExecutionException ex) {
			this.inProcess.remove(id);
			throw new JobNotAccepted(
					"the " + this.name + " " + id + " cannot run now: the application is shutting down");
		}
	}

	private void launch(long id, JobParameters parameters) {
		try {
			JobExecution execution = this.jobOperator.start(this.job, parameters);
			logger.info("{} {} ended {}", capitalised(), id, execution.getStatus());
		}
		catch (Exception ex) {
			logger.error("{} {} could not start", capitalised(), id, ex);
		}
		finally {
			this.inProcess.remove(id);
		}
	}

	private void relaunch(long id, JobExecution last) {
		try {
			JobExecution execution = last;
			if (RUNNING.contains(execution.getStatus())) {
				// no thread of this process runs it: the process that did died, so mark
				// it failed
				execution = this.jobOperator.recover(execution);
			}
			JobExecution restarted = this.jobOperator.restart(execution);
			logger.info("{} {} restarted, ended {}", capitalised(), id, restarted.getStatus());
		}
		catch (Exception ex) {
			logger.error("{} {} could not be restarted", capitalised(), id, ex);
		}
		finally {
			this.inProcess.remove(id);
		}
	}

	private String state(long id) {
		return link(id).map((link) -> progress(id, link.executionId()).state()).orElse("UNKNOWN");
	}

	private Optional<Link> link(long id) {
		return this.jdbc.sql("select job_execution_id from " + this.table + " where id = ?")
			.param(id)
			.query((rs, row) -> new Link((rs.getObject(1) == null) ? null : rs.getLong(1)))
			.optional();
	}

	private String capitalised() {
		return Character.toUpperCase(this.name.charAt(0)) + this.name.substring(1);
	}

	private static @Nullable Instant instant(@Nullable LocalDateTime time) {
		return (time == null) ? null : time.atZone(ZoneId.systemDefault()).toInstant();
	}

	private record Link(@Nullable Long executionId) {
	}

	/**
	 * Why a job cannot be restarted, for the feature to word its refusal.
	 *
	 * @param state the job's state as {@link #progress} tells it (REQUESTED, STARTED,
	 * COMPLETED, ...)
	 * @param reason the reason in a few words ("it is COMPLETED", "its job execution is
	 * gone")
	 */
	public record Refusal(String state, String reason) {
	}

	/**
	 * Where a job stands, for the feature to add its own counts.
	 *
	 * @param state REQUESTED, RESTARTING, UNKNOWN or the Spring Batch status of its
	 * latest execution
	 * @param startedAt when its latest execution started
	 * @param endedAt when its latest execution ended
	 * @param failure the first failure of its latest execution ({@link JobFailures})
	 * @param context its latest execution's context (where a job keeps totals it
	 * selected)
	 * @param steps the latest execution of each step and partition, by name, across
	 * restarts
	 */
	public record Progress(String state, @Nullable Instant startedAt, @Nullable Instant endedAt,
			@Nullable String failure, ExecutionContext context, Map<String, StepExecution> steps) {

		static Progress none(String state) {
			return new Progress(state, null, null, null, new ExecutionContext(), Map.of());
		}

		/** Whether the job has ended without completing, so a person may restart it. */
		public boolean failedOrStopped() {
			return "FAILED".equals(this.state) || "STOPPED".equals(this.state);
		}

	}

	/** What tells one feature's background job from another's. */
	public static final class Builder {

		private final Job job;

		private final String name;

		private String table = "";

		private String idParameter = "";

		private String threadPrefix;

		private int threads = 1;

		private Set<BatchStatus> restartable = EnumSet.of(BatchStatus.FAILED, BatchStatus.STOPPED);

		private LongFunction<String> notFound;

		private BiFunction<Long, Refusal, String> notRestartable;

		private LongFunction<@Nullable String> precondition = (id) -> null;

		private Builder(Job job, String name) {
			this.job = job;
			this.name = name;
			this.threadPrefix = name.replace(' ', '-') + "-";
			this.notFound = (id) -> "no " + name + " " + id;
			this.notRestartable = (id, refusal) -> name + " " + id + " cannot be restarted: " + refusal.reason();
		}

		/**
		 * The feature's table of jobs, whose {@code id} and {@code job_execution_id}
		 * columns are read, and the job parameter carrying the id (as given to
		 * {@link BackgroundJobs#executionLink}).
		 */
		public Builder table(String table, String idParameter) {
			this.table = table;
			this.idParameter = idParameter;
			return this;
		}

		/**
		 * How many of these jobs run at once, on threads named
		 * {@code prefix1, prefix2, ...}.
		 */
		public Builder threads(String prefix, int count) {
			this.threadPrefix = prefix;
			this.threads = count;
			return this;
		}

		/**
		 * The statuses a job may be restarted from in the background: FAILED and STOPPED
		 * unless told.
		 */
		public Builder restartable(BatchStatus first, BatchStatus... others) {
			this.restartable = EnumSet.of(first, others);
			return this;
		}

		/**
		 * The detail of a {@link JobNotFound}, naming the id as the feature's API does.
		 */
		public Builder notFound(LongFunction<String> detail) {
			this.notFound = detail;
			return this;
		}

		/** The detail of a {@link JobNotRestartable} or {@link JobAlreadyRunning}. */
		public Builder notRestartable(BiFunction<Long, Refusal, String> detail) {
			this.notRestartable = detail;
			return this;
		}

		/**
		 * A further reason not to restart a job, checked after its state (such as its
		 * file being gone), or null.
		 */
		public Builder precondition(LongFunction<@Nullable String> reason) {
			this.precondition = reason;
			return this;
		}

		public BackgroundJobs build(JdbcClient jdbc, JobOperator jobOperator, JobRepository jobRepository) {
			if (this.table.isEmpty() || this.idParameter.isEmpty()) {
				throw new IllegalStateException("The " + this.name + " job needs its table");
			}
			return new BackgroundJobs(this, jdbc, jobOperator, jobRepository);
		}

	}

}
