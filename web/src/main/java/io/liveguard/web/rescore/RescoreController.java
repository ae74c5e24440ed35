package io.liveguard.web.rescore;

import java.net.URI;
import java.time.LocalDate;
import java.util.Map;

import io.liveguard.batch.rescore.SessionRescores;
import io.liveguard.web.user.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Re-scores the stored sessions of a range of business dates with the rule packs active now, as a
 * background job partitioned like the penalty run; each start and restart is an audit event.
 */
@RestController
@RequestMapping("/api/v1/rescores")
@Tag(name = "Re-scoring", description = "Re-score stored sessions with the active rule packs")
class RescoreController {

	static final String RESCORE_STARTED = "RESCORE_STARTED";

	static final String RESCORE_RESTARTED = "RESCORE_RESTARTED";

	private final SessionRescores rescores;

	private final ApplicationEventPublisher events;

	RescoreController(SessionRescores rescores, ApplicationEventPublisher events) {
		this.rescores = rescores;
		this.events = events;
	}

	@PostMapping
	@Operation(summary = "Re-score the sessions with business dates from..to (at most 366 days; market optional) "
			+ "with the active packs; 202 with the re-score. Sessions already scored by the active version are left alone.")
	ResponseEntity<SessionRescores.RescoreStatus> start(@RequestBody StartRequest request,
			Authentication authentication) {
		if (request.from() == null || request.to() == null) {
			throw problem(HttpStatus.BAD_REQUEST, ((request.from() == null) ? "from" : "to") + ": is required (yyyy-MM-dd)");
		}
		String market = request.market();
		if (market != null && !market.matches("[A-Z]{2}")) {
			throw problem(HttpStatus.BAD_REQUEST, "market: '" + market + "' is not an ISO 3166 alpha-2 code");
		}
		String by = Caller.of(authentication).username();
		long id;
		try {
			id = this.rescores.start(request.from(), request.to(), market, by);
		}
		catch (IllegalArgumentException ex) {
			throw problem(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		this.events.publishEvent(new AuditApplicationEvent(by, RESCORE_STARTED, Map.of("rescoreId", id, "from",
				request.from().toString(), "to", request.to().toString(), "market", (market == null) ? "ALL" : market)));
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/rescores/" + id))
			.body(this.rescores.status(id).orElseThrow());
	}

	@GetMapping("/{rescoreId}")
	@Operation(summary = "A re-score's status, progress and counts (sessions looked at, re-scored, changed)")
	SessionRescores.RescoreStatus status(@PathVariable long rescoreId) {
		return this.rescores.status(rescoreId)
			.orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "rescoreId: no re-score " + rescoreId));
	}

	@PostMapping("/{rescoreId}/restart")
	@Operation(summary = "Restart a FAILED or STOPPED re-score where it left off; 202, 404 unknown, 409 otherwise")
	ResponseEntity<SessionRescores.RescoreStatus> restart(@PathVariable long rescoreId, Authentication authentication) {
		try {
			this.rescores.restartInBackground(rescoreId);
		}
		catch (IllegalArgumentException ex) {
			throw problem(HttpStatus.NOT_FOUND, "rescoreId: " + ex.getMessage());
		}
		catch (IllegalStateException ex) {
			throw problem(HttpStatus.CONFLICT, ex.getMessage());
		}
		this.events.publishEvent(new AuditApplicationEvent(Caller.of(authentication).username(), RESCORE_RESTARTED,
				Map.of("rescoreId", rescoreId)));
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/rescores/" + rescoreId))
			.body(this.rescores.status(rescoreId).orElseThrow());
	}

	private static ErrorResponseException problem(HttpStatus status, String detail) {
		return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
	}

	record StartRequest(@Nullable LocalDate from, @Nullable LocalDate to, @Nullable String market) {
	}

}
