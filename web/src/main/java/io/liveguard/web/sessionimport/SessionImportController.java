package io.liveguard.web.sessionimport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.List;

import io.liveguard.batch.job.InvalidJobRequest;
import io.liveguard.batch.penalty.Quarantine;
import io.liveguard.batch.sessionimport.SessionImports;
import io.liveguard.web.user.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The bulk import API ({@code api.md}, "Bulk import"); ADMIN only. */
@RestController
@RequestMapping("/api/v1/imports")
@Tag(name = "Bulk import", description = "Import NDJSON files (plain or gzip) of many sessions and follow them")
class SessionImportController {

	static final int DEFAULT_LIMIT = 100;

	static final int MAX_LIMIT = 1000;

	private final SessionImports imports;

	private final ImportRequests requests;

	private final Clock clock;

	SessionImportController(SessionImports imports, ImportRequests requests, Clock clock) {
		this.imports = imports;
		this.requests = requests;
		this.clock = clock;
	}

	@PostMapping
	@ApiResponse(responseCode = "202", description = "Received and queued; Location names the import to poll",
			useReturnTypeSchema = true)
	@Operation(summary = "Upload NDJSON (plain or gzip, any content type) and import it in the background; "
			+ "answers 202 with the import")
	ResponseEntity<SessionImports.ImportStatus> start(InputStream body,
			@RequestParam(required = false) @Nullable String name,
			@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
			Authentication authentication) throws IOException {
		if (contentType != null && (contentType.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)
				|| contentType.startsWith("multipart/"))) {
			// a form body is parsed (and consumed) by the servlet container: curl sends
			// one without -H
			HttpStatus unsupported = HttpStatus.UNSUPPORTED_MEDIA_TYPE;
			throw new ErrorResponseException(unsupported,
					ProblemDetail.forStatusAndDetail(unsupported,
							"Content-Type: send the file as the body, as application/x-ndjson, application/gzip or "
									+ "application/octet-stream, not as a form"),
					null);
		}
		String fileName = (name == null || name.isBlank()) ? "upload-" + this.clock.instant() + ".ndjson"
				: name.strip();
		long importId = this.requests.start(body, fileName, Caller.of(authentication).username());
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/imports/" + importId))
			.body(this.imports.get(importId));
	}

	@GetMapping("/{importId}")
	@Operation(summary = "An import's status, counts, progress and failure")
	SessionImports.ImportStatus status(@PathVariable long importId) {
		return this.imports.get(importId);
	}

	@GetMapping("/{importId}/quarantine")
	@Operation(summary = "The import's bad lines with the reasons, in order, a page at a time")
	QuarantinePage quarantine(@PathVariable long importId, @RequestParam(defaultValue = "0") long offset,
			@RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
		SessionImports.ImportStatus status = this.imports.get(importId);
		if (offset < 0) {
			throw new InvalidJobRequest("offset: must not be negative");
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidJobRequest("limit: must be between 1 and " + MAX_LIMIT);
		}
		List<QuarantinedLine> lines = this.imports.quarantine(importId, offset, limit)
			.stream()
			.map(QuarantinedLine::of)
			.toList();
		return new QuarantinePage(importId, status.quarantined(), offset, limit, lines);
	}

	@PostMapping("/{importId}/restart")
	@ApiResponse(responseCode = "202", description = "Restarting; Location names the import to poll",
			useReturnTypeSchema = true)
	@Operation(summary = "Restart a failed import after its last committed chunk; answers 202")
	ResponseEntity<SessionImports.ImportStatus> restart(@PathVariable long importId, Authentication authentication) {
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/imports/" + importId))
			.body(this.requests.restart(importId, Caller.of(authentication).username()));
	}

	/**
	 * A page of an import's quarantine.
	 *
	 * @param importId the import
	 * @param total lines quarantined by its committed chunks
	 * @param offset lines skipped
	 * @param limit at most this many lines
	 * @param lines the page
	 */
	record QuarantinePage(long importId, long total, long offset, int limit, List<QuarantinedLine> lines) {
	}

	/**
	 * A bad line.
	 *
	 * @param item {@code line N}, with {@code (session ID)} when its id could be read
	 * @param reason why it was not stored
	 * @param recordedAt when
	 */
	record QuarantinedLine(String item, String reason, java.time.Instant recordedAt) {

		static QuarantinedLine of(Quarantine.Entry entry) {
			return new QuarantinedLine(entry.itemKey(), entry.reason(), entry.recordedAt());
		}

	}

}
