package io.liveguard.web.session;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.session.Ids;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.NdjsonLines;
import io.liveguard.web.system.InputProperties;
import io.liveguard.web.user.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The sessions API ({@code api.md}, "Sessions"). Records are taken as text and handed to
 * the engine's codec, so this endpoint, NDJSON uploads and bulk imports accept and reject
 * exactly alike. Score cards are served as the JSON stored with them.
 */
@RestController
@RequestMapping("/api/v1/sessions")
@Tag(name = "Sessions", description = "Receive, score and read livestream sessions")
class SessionController {

	static final String NDJSON = "application/x-ndjson";

	private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private final SessionIngest ingest;

	private final Sessions sessions;

	private final InputProperties input;

	SessionController(SessionIngest ingest, Sessions sessions, InputProperties input) {
		this.ingest = ingest;
		this.sessions = sessions;
		this.input = input;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Receive one session record, score it and store it (PLATFORM, ADMIN)",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = LiveSession.class))))
	@ApiResponse(responseCode = "201", description = "New session, scored and stored",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = ScoreCard.class)))
	@ApiResponse(responseCode = "200", description = "Received before with the same content: the stored card",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = ScoreCard.class)))
	@ApiResponse(responseCode = "400", description = "Not a valid session record; nothing stored",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409",
			description = "Received before with different content, or the id of a live that has not ended or was refused",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "415", description = "Content-Type is not application/json",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<String> receive(@RequestBody String body) {
		IngestResult result = this.ingest.ingest(body);
		ResponseEntity.BodyBuilder response = result.created() ? ResponseEntity.created(location(result.sessionId()))
				: ResponseEntity.ok();
		return response.contentType(MediaType.APPLICATION_JSON).body(result.scoreCard());
	}

	@PostMapping(path = "/batch", consumes = NDJSON)
	@Operation(summary = "Receive many session records as NDJSON, one a line (PLATFORM, ADMIN)",
			description = "Each line is received on its own: a bad line is reported and never blocks the others. "
					+ "A line longer than liveguard.input.max-record-size (4 MiB) is reported by its number without being read.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = NDJSON, schema = @Schema(implementation = LiveSession.class))))
	@ApiResponse(responseCode = "200", description = "What became of each line",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = BatchSummary.class)))
	@ApiResponse(responseCode = "415", description = "Content-Type is not application/x-ndjson",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	BatchSummary receiveBatch(InputStream body) throws IOException {
		try (NdjsonLines lines = new NdjsonLines(body, this.input.maxRecordSize().toBytes())) {
			return this.ingest.ingestLines(lines);
		}
	}

	@GetMapping("/{sessionId}")
	@Operation(summary = "A stored session record and its latest score card")
	@ApiResponse(responseCode = "200", description = "The session",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = SessionView.class)))
	@ApiResponse(responseCode = "404", description = "No such session",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "400", description = "Not a session id (1-128 characters of A-Z a-z 0-9 . _ : -)",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	SessionView session(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.RULE) String sessionId,
			Authentication authentication) {
		return SessionView.of(find(sessionId, authentication));
	}

	@GetMapping("/{sessionId}/score")
	@Operation(summary = "The latest score card of a session")
	@ApiResponse(responseCode = "200", description = "The score card",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = ScoreCard.class)))
	@ApiResponse(responseCode = "404", description = "No such session",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "400", description = "Not a session id (1-128 characters of A-Z a-z 0-9 . _ : -)",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<String> score(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.RULE) String sessionId,
			Authentication authentication) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(find(sessionId, authentication).scoreCard());
	}

	/**
	 * The session, if the caller may see it: a SELLER only its own seller's; others are
	 * 404 to it.
	 */
	private StoredSession find(String sessionId, Authentication authentication) {
		Caller caller = Caller.of(authentication);
		return this.sessions.find(sessionId)
			.filter((session) -> caller.maySee(session.sellerId()))
			.orElseThrow(() -> new SessionNotFound(sessionId));
	}

	private static URI location(String sessionId) {
		return ServletUriComponentsBuilder.fromCurrentContextPath()
			.path("/api/v1/sessions/{sessionId}")
			.encode()
			.buildAndExpand(sessionId)
			.toUri();
	}

}
