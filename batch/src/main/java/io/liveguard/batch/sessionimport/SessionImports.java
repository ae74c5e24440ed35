package io.liveguard.batch.sessionimport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import io.liveguard.batch.JobFailures;
import io.liveguard.batch.penalty.Quarantine;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Starts bulk imports of NDJSON files and reports on them: the one entry point for the API and the
 * benchmark. An import is recorded before its job starts, so its id exists at once; it is the job
 * instance's identifying parameter, so a restart continues the same import. Imports run on a small
 * pool of background threads (two at a time); more wait their turn as REQUESTED.
 */
public class SessionImports implements AutoCloseable {

	public static final String IMPORT_ID = "importId";

	public static final String FILE = "file";

	private static final Logger logger = LoggerFactory.getLogger(SessionImports.class);

	private static final String SELECT_IMPORT = "select id, file_name, spool_path, size_bytes, spool_owned, requested_by,"
			+ " requested_at, job_execution_id from session_import";

	private final JdbcClient jdbc;

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job job;

	private final Quarantine quarantine;

	private final ExecutorService executor;

	private final Clock clock;

	/** Imports this process is running or about to run: never started or restarted twice at once. */
	private final Set<Long> running = ConcurrentHashMap.newKeySet();

	public SessionImports(JdbcClient jdbc, JobOperator jobOperator, JobRepository jobRepository, Job sessionImportJob,
			Quarantine quarantine, ExecutorService executor, Clock clock) {
		this.jdbc = jdbc;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.job = sessionImportJob;
		this.quarantine = quarantine;
		this.executor = executor;
		this.clock = clock;
	}

	/**
	 * Records an import of the file and starts it in the background; returns its id at once.
	 * @param file the NDJSON file, plain or gzip; it must stay until the import completes
	 * @param fileName the name to show for it
	 * @param owned whether the file is the import's own (a spool file), to delete once it completes
	 * @param requestedBy who started it
	 */
	public long start(Path file, String fileName, boolean owned, String requestedBy) {
		long importId = record(file, fileName, owned, requestedBy);
		this.running.add(importId);
		this.executor.execute(() -> launch(importId, file, owned));
		return importId;
	}

	/** Records an import of the file, runs it to the end in this thread and returns its status. */
	public ImportStatus runAndWait(Path file, String fileName, String requestedBy) {
		long importId = record(file, fileName, false, requestedBy);
		this.running.add(importId);
		launch(importId, file, false);
		return status(importId).orElseThrow();
	}

	/**
	 * Restarts a failed or stopped import after its last committed chunk, in the background.
	 * @throws NoSuchImportException when there is no such import
	 * @throws NotRestartableException when it is running, waiting to run, or completed
	 */
	public ImportStatus restartInBackground(long importId) {
		JobExecution last = restartable(importId);
		this.executor.execute(() -> relaunch(importId, last));
		return status(importId).orElseThrow();
	}

	/** Restarts a failed or stopped import after its last committed chunk, in this thread. */
	public ImportStatus restart(long importId) {
		relaunch(importId, restartable(importId));
		return status(importId).orElseThrow();
	}

	public Optional<ImportStatus> status(long importId) {
		return row(importId).map(this::status);
	}

	/** The latest imports, newest first, at most {@code limit} of them. */
	public List<ImportStatus> recent(int limit) {
		return this.jdbc.sql(SELECT_IMPORT + " order by id desc fetch first ? rows only")
			.param(limit)
			.query(SessionImports::importRow)
			.list()
			.stream()
			.map(this::status)
			.toList();
	}

	/** The import's quarantined lines, in file order of recording, a page at a time. */
	public List<Quarantine.Entry> quarantine(long importId, long offset, int limit) {
		return this.quarantine.list(SessionImportJobConfiguration.JOB_NAME, importId, offset, limit);
	}

	@Override
	public void close() {
		this.executor.shutdown();
	}

	private JobExecution restartable(long importId) {
		ImportRow row = row(importId).orElseThrow(() -> new NoSuchImportException(importId));
		if (row.jobExecutionId() == null || this.running.contains(importId)) {
			throw new NotRestartableException(importId, "it is running or waiting to run");
		}
		JobExecution last = this.jobRepository.getJobExecution(row.jobExecutionId());
		if (last == null) {
			throw new NotRestartableException(importId, "its job execution is gone");
		}
		BatchStatus status = last.getStatus();
		if (status == BatchStatus.COMPLETED || status == BatchStatus.ABANDONED) {
			throw new NotRestartableException(importId, "it is " + status);
		}
		if (!Files.isReadable(Path.of(row.spoolPath()))) {
			throw new NotRestartableException(importId, "its file " + row.spoolPath() + " is gone");
		}
		if (!this.running.add(importId)) {
			throw new NotRestartableException(importId, "it is running or waiting to run");
		}
		return last;
	}

	private void relaunch(long importId, JobExecution last) {
		try {
			JobExecution execution = last;
			if (execution.getStatus() == BatchStatus.STARTED || execution.getStatus() == BatchStatus.STARTING
					|| execution.getStatus() == BatchStatus.STOPPING) {
				// no thread of this process runs it: the process that did died, so mark it failed
				execution = this.jobOperator.recover(execution);
			}
			JobExecution restarted = this.jobOperator.restart(execution);
			logger.info("Import {} restarted, ended {}", importId, restarted.getStatus());
		}
		catch (Exception ex) {
			logger.error("Import {} could not be restarted", importId, ex);
		}
		finally {
			this.running.remove(importId);
		}
	}

	private void launch(long importId, Path file, boolean owned) {
		JobParameters parameters = new JobParametersBuilder().addLong(IMPORT_ID, importId)
			.addString(FILE, file.toAbsolutePath().toString())
			.toJobParameters();
		try {
			JobExecution execution = this.jobOperator.start(this.job, parameters);
			logger.info("Import {} of {} ended {}", importId, file, execution.getStatus());
		}
		catch (Exception ex) {
			logger.error("Import {} of {} could not start", importId, file, ex);
		}
		finally {
			this.running.remove(importId);
		}
	}

	private long record(Path file, String fileName, boolean owned, String requestedBy) {
		long size;
		try {
			size = Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot import " + file + ": " + ex.getMessage(), ex);
		}
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("insert into session_import (file_name, spool_path, size_bytes, spool_owned, requested_by,"
				+ " requested_at) values (?, ?, ?, ?, ?, ?)")
			.params(truncate(fileName, 255), file.toAbsolutePath().toString(), size, owned, truncate(requestedBy, 64),
					OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	private Optional<ImportRow> row(long importId) {
		return this.jdbc.sql(SELECT_IMPORT + " where id = ?").param(importId).query(SessionImports::importRow).optional();
	}

	private static ImportRow importRow(ResultSet rs, int row) throws SQLException {
		return new ImportRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getBoolean(5),
				rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant(),
				(rs.getObject(8) == null) ? null : rs.getLong(8));
	}

	private ImportStatus status(ImportRow row) {
		if (row.jobExecutionId() == null) {
			return ImportStatus.of(row, "REQUESTED", null, null, 0, 0, 0, 0, 0, null);
		}
		JobExecution execution = this.jobRepository.getJobExecution(row.jobExecutionId());
		if (execution == null) {
			return ImportStatus.of(row, "UNKNOWN", null, null, 0, 0, 0, 0, 0, null);
		}
		long lines = 0;
		long bytes = 0;
		long stored = 0;
		long duplicates = 0;
		long quarantined = 0;
		// the step's context holds the totals of the last committed chunk, carried over by restarts
		for (StepExecution step : execution.getStepExecutions()) {
			if (SessionImportJobConfiguration.IMPORT_STEP.equals(step.getStepName())) {
				lines = step.getExecutionContext().getLong(NdjsonReader.LINE, 0L);
				bytes = step.getExecutionContext().getLong(NdjsonReader.BYTES_READ, 0L);
				stored = step.getExecutionContext().getLong(SessionImportWriter.STORED, 0L);
				duplicates = step.getExecutionContext().getLong(SessionImportWriter.DUPLICATES, 0L);
				quarantined = step.getExecutionContext().getLong(SessionImportWriter.QUARANTINED, 0L);
			}
		}
		String status = execution.getStatus().name();
		if (this.running.contains(row.id()) && !execution.isRunning()) {
			// restarted, and its new execution has not begun yet
			status = "RESTARTING";
		}
		if ("COMPLETED".equals(status)) {
			bytes = row.sizeBytes();
		}
		return ImportStatus.of(row, status, instant(execution.getStartTime()), instant(execution.getEndTime()), lines,
				bytes, stored, duplicates, quarantined, JobFailures.of(execution));
	}

	private static @Nullable Instant instant(@Nullable LocalDateTime time) {
		return (time == null) ? null : time.atZone(ZoneId.systemDefault()).toInstant();
	}

	private static String truncate(String value, int max) {
		return (value.length() <= max) ? value : value.substring(0, max);
	}

	private record ImportRow(long id, String fileName, String spoolPath, long sizeBytes, boolean owned,
			String requestedBy, Instant requestedAt, @Nullable Long jobExecutionId) {
	}

	/**
	 * Where an import stands. Counts and progress are those of the last committed chunk.
	 *
	 * @param importId the import
	 * @param fileName the file's name
	 * @param requestedBy who started it
	 * @param status REQUESTED (waiting for a thread), RESTARTING (likewise, after a restart), or the
	 * Spring Batch status of its latest execution (STARTED, COMPLETED, FAILED, ...)
	 * @param requestedAt when it was requested
	 * @param startedAt when its latest execution started
	 * @param endedAt when its latest execution ended
	 * @param elapsed wall-clock time of its latest execution so far
	 * @param bytesTotal the file's size
	 * @param bytesRead bytes of the file read so far (an estimate while running)
	 * @param progress bytes read over bytes total, 0..1
	 * @param linesRead lines read, blank ones included
	 * @param stored sessions stored
	 * @param duplicates sessions already stored with the same content, skipped
	 * @param quarantined lines in the quarantine: invalid, or conflicting with a stored session
	 * @param failure the first failure, if the import failed
	 * @param restartable whether it can be restarted (it failed or stopped)
	 */
	public record ImportStatus(long importId, String fileName, String requestedBy, String status, Instant requestedAt,
			@Nullable Instant startedAt, @Nullable Instant endedAt, @Nullable Duration elapsed, long bytesTotal,
			long bytesRead, double progress, long linesRead, long stored, long duplicates, long quarantined,
			@Nullable String failure, boolean restartable) {

		static ImportStatus of(ImportRow row, String status, @Nullable Instant startedAt, @Nullable Instant endedAt,
				long linesRead, long bytesRead, long stored, long duplicates, long quarantined, @Nullable String failure) {
			double progress = (row.sizeBytes() == 0) ? ("COMPLETED".equals(status) ? 1.0 : 0.0)
					: Math.min(1.0, (double) bytesRead / row.sizeBytes());
			Duration elapsed = (startedAt == null) ? null
					: Duration.between(startedAt, (endedAt != null) ? endedAt : Instant.now());
			boolean restartable = "FAILED".equals(status) || "STOPPED".equals(status);
			return new ImportStatus(row.id(), row.fileName(), row.requestedBy(), status, row.requestedAt(), startedAt,
					endedAt, elapsed, row.sizeBytes(), Math.min(bytesRead, row.sizeBytes()), progress, linesRead, stored,
					duplicates, quarantined, failure, restartable);
		}

	}

	/** There is no import with the id. */
	public static class NoSuchImportException extends RuntimeException {

		public NoSuchImportException(long importId) {
			super("no import " + importId);
		}

	}

	/** The import cannot be restarted now. */
	public static class NotRestartableException extends RuntimeException {

		public NotRestartableException(long importId, String why) {
			super("import " + importId + " cannot be restarted: " + why);
		}

	}

}
