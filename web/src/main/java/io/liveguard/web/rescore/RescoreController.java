package io.liveguard.web.rescore;

import java.net.URI;
import java.time.LocalDate;
import java.util.Map;

import io.liveguard.batch.rescore.SessionRescores;
import io.liveguard.web.user.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Re-scores the stored sessions of a range of business dates with the rule packs active
 * now, as a background job partitioned like the penalty run; each start and restart is an
 * audit event.
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
	@ApiResponse(responseCode = "202", description = "Accepted and queued; Location names the re-score to poll",
			useReturnTypeSchema = true)
	@Operation(summary = "Re-score the sessions with business dates from..to (at most 366 days; market optional) "
			+ "with the active packs; 202 with the re-score. Sessions already scored by the active version are left alone.")
	ResponseEntity<SessionRescores.RescoreStatus> start(@Valid @RequestBody StartRequest request,
			Authentication authentication) {
		String market = request.market();
		String by = Caller.of(authentication).username();
		long id = this.rescores.start(request.from(), request.to(), market, by);
		this.events.publishEvent(new AuditApplicationEvent(by, RESCORE_STARTED,
				Map.of("rescoreId", id, "from", request.from().toString(), "to", request.to().toString(), "market",
						(market == null) ? "ALL" : market)));
		return ResponseEntity.accepted().location(URI.create("/api/v1/rescores/" + id)).body(this.rescores.get(id));
	}

	@GetMapping("/{rescoreId}")
	@Operation(summary = "A re-score's status, progress and counts (sessions looked at, re-scored, changed)")
	SessionRescores.RescoreStatus status(@PathVariable long rescoreId) {
		return this.rescores.get(rescoreId);
	}

	@PostMapping("/{rescoreId}/restart")
	@ApiResponse(responseCode = "202", description = "Restarting; Location names the re-score to poll",
			useReturnTypeSchema = true)
	@Operation(summary = "Restart a FAILED or STOPPED re-score where it left off; 202, 404 unknown, 409 otherwise")
	ResponseEntity<SessionRescores.RescoreStatus> restart(@PathVariable long rescoreId, Authentication authentication) {
		this.rescores.restartInBackground(rescoreId);
		this.events.publishEvent(new AuditApplicationEvent(Caller.of(authentication).username(), RESCORE_RESTARTED,
				Map.of("rescoreId", rescoreId)));
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/rescores/" + rescoreId))
			.body(this.rescores.get(rescoreId));
	}

	record StartRequest(@NotNull(message = "is required (yyyy-MM-dd)") LocalDate from,
			@NotNull(message = "is required (yyyy-MM-dd)") LocalDate to, @Pattern(regexp = "[A-Z]{2}",
					message = "'${validatedValue}' is not an ISO 3166 alpha-2 code") @Nullable String market) {
	}

}
