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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.liveguard.batch.job.BackgroundJobs;
import io.liveguard.batch.job.JobNotFound;
import io.liveguard.batch.job.JobNotRestartable;
import io.liveguard.batch.penalty.Quarantine;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Starts bulk imports of NDJSON files and reports on them: the one entry point for the
 * API and the benchmark. An import is recorded before its job starts, so its id exists at
 * once; it is the job instance's identifying parameter, so a restart continues the same
 * import. Recording, launching, restarting and reading back are the
 * {@link BackgroundJobs}': two imports run at once, more wait their turn as REQUESTED.
 */
public class SessionImports implements AutoCloseable {

	public static final String IMPORT_ID = "importId";

	public static final String FILE = "file";

	/** The table of imports, linked to their job executions. */
	static final String TABLE = "session_import";

	/** Imports running at once; more wait in line. */
	static final int CONCURRENT_IMPORTS = 2;

	private static final String SELECT_IMPORT = "select id, file_name, spool_path, size_bytes, spool_owned, requested_by,"
			+ " requested_at, job_execution_id from session_import";

	private final JdbcClient jdbc;

	private final BackgroundJobs jobs;

	private final Quarantine quarantine;

	private final Clock clock;

	SessionImports(JdbcClient jdbc, BackgroundJobs jobs, Quarantine quarantine, Clock clock) {
		this.jdbc = jdbc;
		this.jobs = jobs;
		this.quarantine = quarantine;
		this.clock = clock;
	}

	/**
	 * How imports are run in the background, and how a refused restart is worded: any
	 * import short of COMPLETED or ABANDONED that this process does not run can be
	 * restarted (one left STARTED was cut off with its process), as long as its file is
	 * still there.
	 */
	static BackgroundJobs.Builder jobs(Job sessionImportJob, JdbcClient jdbc) {
		return BackgroundJobs.forJob(sessionImportJob, "import")
			.table(TABLE, IMPORT_ID)
			.threads("session-import-", CONCURRENT_IMPORTS)
			.restartable(BatchStatus.FAILED, BatchStatus.STOPPED, BatchStatus.STARTING, BatchStatus.STARTED,
					BatchStatus.STOPPING, BatchStatus.UNKNOWN)
			.notFound((importId) -> "importId: no import " + importId)
			.notRestartable((importId, refusal) -> "import " + importId + " cannot be restarted: " + refusal.reason())
			.precondition((importId) -> jdbc.sql("select spool_path from session_import where id = ?")
				.param(importId)
				.query(String.class)
				.optional()
				.filter((spool) -> !Files.isReadable(Path.of(spool)))
				.map((spool) -> "its file " + spool + " is gone")
				.orElse(null));
	}

	/**
	 * Records an import of the file and starts it in the background; returns its id at
	 * once.
	 * @param file the NDJSON file, plain or gzip; it must stay until the import completes
	 * @param fileName the name to show for it
	 * @param owned whether the file is the import's own (a spool file), to delete once it
	 * completes
	 * @param requestedBy who started it
	 */
	public long start(Path file, String fileName, boolean owned, String requestedBy) {
		long importId = record(file, fileName, owned, requestedBy);
		this.jobs.submit(importId, parameters(importId, file));
		return importId;
	}

	/**
	 * Records an import of the file, runs it to the end in this thread and returns its
	 * status.
	 */
	public ImportStatus runAndWait(Path file, String fileName, String requestedBy) {
		long importId = record(file, fileName, false, requestedBy);
		this.jobs.run(importId, parameters(importId, file));
		return get(importId);
	}

	/**
	 * Restarts a failed or stopped import after its last committed chunk, in the
	 * background.
	 * @throws JobNotFound when there is no such import
	 * @throws JobNotRestartable when it is running, waiting to run, or completed, or its
	 * file is gone
	 */
	public ImportStatus restartInBackground(long importId) {
		this.jobs.restartInBackground(importId);
		return get(importId);
	}

	/**
	 * Restarts a failed or stopped import after its last committed chunk, in this thread.
	 * @throws JobNotFound when there is no such import
	 * @throws JobNotRestartable when it is running, waiting to run, or completed, or its
	 * file is gone
	 */
	public ImportStatus restart(long importId) {
		this.jobs.restart(importId);
		return get(importId);
	}

	public Optional<ImportStatus> status(long importId) {
		return row(importId).map(this::status);
	}

	/**
	 * The import's status.
	 * @throws JobNotFound when there is no such import
	 */
	public ImportStatus get(long importId) {
		return status(importId).orElseThrow(() -> new JobNotFound("importId: no import " + importId));
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
		this.jobs.close();
	}

	private static JobParameters parameters(long importId, Path file) {
		return new JobParametersBuilder().addLong(IMPORT_ID, importId)
			.addString(FILE, file.toAbsolutePath().toString())
			.toJobParameters();
	}

	private long record(Path file, String fileName, boolean owned, String requestedBy) {
		long size;
		try {
			size = Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot import " + file + ": " + ex.getMessage(), ex);
		}
		return this.jobs.record(
				"insert into session_import (file_name, spool_path, size_bytes, spool_owned,"
						+ " requested_by, requested_at) values (?, ?, ?, ?, ?, ?)",
				truncate(fileName, 255), file.toAbsolutePath().toString(), size, owned, truncate(requestedBy, 64),
				OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC));
	}

	private Optional<ImportRow> row(long importId) {
		return this.jdbc.sql(SELECT_IMPORT + " where id = ?")
			.param(importId)
			.query(SessionImports::importRow)
			.optional();
	}

	private static ImportRow importRow(ResultSet rs, int row) throws SQLException {
		return new ImportRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getBoolean(5),
				rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant(),
				(rs.getObject(8) == null) ? null : rs.getLong(8));
	}

	private ImportStatus status(ImportRow row) {
		BackgroundJobs.Progress job = this.jobs.progress(row.id(), row.jobExecutionId());
		long lines = 0;
		long bytes = 0;
		long stored = 0;
		long duplicates = 0;
		long quarantined = 0;
		// the step's context holds the totals of the last committed chunk, carried over
		// by restarts
		StepExecution step = job.steps().get(SessionImportJobConfiguration.IMPORT_STEP);
		if (step != null) {
			lines = step.getExecutionContext().getLong(NdjsonReader.LINE, 0L);
			bytes = step.getExecutionContext().getLong(NdjsonReader.BYTES_READ, 0L);
			stored = step.getExecutionContext().getLong(SessionImportWriter.STORED, 0L);
			duplicates = step.getExecutionContext().getLong(SessionImportWriter.DUPLICATES, 0L);
			quarantined = step.getExecutionContext().getLong(SessionImportWriter.QUARANTINED, 0L);
		}
		if ("COMPLETED".equals(job.state())) {
			bytes = row.sizeBytes();
		}
		return ImportStatus.of(row, job.state(), job.startedAt(), job.endedAt(), lines, bytes, stored, duplicates,
				quarantined, job.failure());
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
	 * @param status REQUESTED (waiting for a thread), RESTARTING (likewise, after a
	 * restart), or the Spring Batch status of its latest execution (STARTED, COMPLETED,
	 * FAILED, ...)
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
	 * @param quarantined lines in the quarantine: invalid, or conflicting with a stored
	 * session
	 * @param failure the first failure, if the import failed
	 * @param restartable whether it can be restarted (it failed or stopped)
	 */
	public record ImportStatus(long importId, String fileName, String requestedBy, String status, Instant requestedAt,
			@Nullable Instant startedAt, @Nullable Instant endedAt, @Nullable Duration elapsed, long bytesTotal,
			long bytesRead, double progress, long linesRead, long stored, long duplicates, long quarantined,
			@Nullable String failure, boolean restartable) {

		static ImportStatus of(ImportRow row, String status, @Nullable Instant startedAt, @Nullable Instant endedAt,
				long linesRead, long bytesRead, long stored, long duplicates, long quarantined,
				@Nullable String failure) {
			double progress = (row.sizeBytes() == 0) ? ("COMPLETED".equals(status) ? 1.0 : 0.0)
					: Math.min(1.0, (double) bytesRead / row.sizeBytes());
			Duration elapsed = (startedAt == null) ? null
					: Duration.between(startedAt, (endedAt != null) ? endedAt : Instant.now());
			boolean restartable = "FAILED".equals(status) || "STOPPED".equals(status);
			return new ImportStatus(row.id(), row.fileName(), row.requestedBy(), status, row.requestedAt(), startedAt,
					endedAt, elapsed, row.sizeBytes(), Math.min(bytesRead, row.sizeBytes()), progress, linesRead,
					stored, duplicates, quarantined, failure, restartable);
		}

	}

}
