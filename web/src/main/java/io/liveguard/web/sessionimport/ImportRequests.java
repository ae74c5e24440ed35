package io.liveguard.web.sessionimport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import io.liveguard.batch.job.InvalidJobRequest;
import io.liveguard.batch.sessionimport.NdjsonFiles;
import io.liveguard.batch.sessionimport.SessionImports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Imports people start: the upload is streamed to a spool file (never held in memory),
 * checked to look like NDJSON, and imported in the background; each start is an
 * {@code IMPORT_STARTED} audit event, each restart an {@code IMPORT_RESTARTED}, under the
 * person's name. The spool file is deleted when its import completes, and kept for a
 * restart until then.
 */
@Service
@EnableConfigurationProperties(ImportProperties.class)
class ImportRequests {

	static final String IMPORT_STARTED = "IMPORT_STARTED";

	static final String IMPORT_RESTARTED = "IMPORT_RESTARTED";

	private static final Logger logger = LoggerFactory.getLogger(ImportRequests.class);

	private final SessionImports imports;

	private final ApplicationEventPublisher events;

	private final ImportProperties properties;

	ImportRequests(SessionImports imports, ApplicationEventPublisher events, ImportProperties properties) {
		this.imports = imports;
		this.events = events;
		this.properties = properties;
	}

	/**
	 * Spools the body and starts its import.
	 * @throws InvalidJobRequest when the body is empty or does not start like NDJSON
	 * (plain or gzip)
	 */
	long start(InputStream body, String fileName, String by) throws IOException {
		Path directory = this.properties.spoolDirectory();
		Files.createDirectories(directory);
		Path spool = Files.createTempFile(directory, "import-", ".ndjson");
		try {
			Files.copy(body, spool, StandardCopyOption.REPLACE_EXISTING);
			if (Files.size(spool) == 0) {
				throw new InvalidJobRequest("the body is empty: send NDJSON, one session record a line, plain or gzip");
			}
			if (!NdjsonFiles.looksLikeNdjson(spool)) {
				throw new InvalidJobRequest(
						"the body is not NDJSON: its first line must start with '{' (plain, or gzip-compressed)");
			}
		}
		catch (IOException | RuntimeException ex) {
			delete(spool);
			throw ex;
		}
		long importId = this.imports.start(spool, fileName, true, by);
		this.events.publishEvent(new AuditApplicationEvent(by, IMPORT_STARTED,
				Map.of("importId", importId, "fileName", fileName, "bytes", Files.size(spool))));
		return importId;
	}

	/**
	 * Restarts a failed import in the background.
	 * @throws io.liveguard.batch.job.JobNotFound when there is no such import
	 * @throws io.liveguard.batch.job.JobNotRestartable when it cannot be restarted now
	 */
	SessionImports.ImportStatus restart(long importId, String by) {
		SessionImports.ImportStatus status = this.imports.restartInBackground(importId);
		this.events.publishEvent(new AuditApplicationEvent(by, IMPORT_RESTARTED, Map.of("importId", importId)));
		return status;
	}

	private static void delete(Path spool) {
		try {
			Files.deleteIfExists(spool);
		}
		catch (IOException ex) {
			logger.warn("Spool file {} could not be deleted", spool, ex);
		}
	}

}
