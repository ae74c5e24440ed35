package io.liveguard.web.penalty;

import java.net.URI;
import java.time.LocalDate;

import io.liveguard.batch.job.InvalidJobRequest;
import io.liveguard.batch.penalty.PenaltyRuns;
import io.liveguard.web.user.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The penalty runs API ({@code api.md}, "Penalty runs"); ADMIN only. */
@RestController
@RequestMapping("/api/v1/penalty-runs")
@Tag(name = "Penalty runs", description = "Start the nightly penalty job for a business date and follow it")
class PenaltyRunController {

	private final PenaltyRuns runs;

	private final PenaltyRunRequests requests;

	PenaltyRunController(PenaltyRuns runs, PenaltyRunRequests requests) {
		this.runs = runs;
		this.requests = requests;
	}

	@PostMapping
	@ApiResponse(responseCode = "202", description = "Accepted and queued; Location names the run to poll",
			useReturnTypeSchema = true)
	@Operation(summary = "Start the penalty run for a business date (and market); answers 202 with the run")
	ResponseEntity<PenaltyRuns.RunStatus> start(@Valid @RequestBody StartRequest request,
			Authentication authentication) {
		int year = request.businessDate().getYear();
		if (year < 1970 || year > 9999) {
			// the years of the session format: no session can fall on another business
			// date
			throw new InvalidJobRequest("businessDate: must be in the years 1970 to 9999");
		}
		String market = request.market();
		long runId = this.requests.start(request.businessDate(), market, Caller.of(authentication).username());
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/penalty-runs/" + runId))
			.body(this.runs.get(runId));
	}

	@GetMapping("/{runId}")
	@Operation(summary = "A run's status, counts, timings and progress")
	PenaltyRuns.RunStatus status(@PathVariable long runId) {
		return this.runs.get(runId);
	}

	@PostMapping("/{runId}/restart")
	@ApiResponse(responseCode = "202", description = "Restarting; Location names the run to poll",
			useReturnTypeSchema = true)
	@Operation(summary = "Restart a FAILED or STOPPED run where it left off (completed partitions are kept); 202, "
			+ "404 for an unknown run, 409 for a run that is running or completed")
	ResponseEntity<PenaltyRuns.RunStatus> restart(@PathVariable long runId, Authentication authentication) {
		this.requests.restart(runId, Caller.of(authentication).username());
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/penalty-runs/" + runId))
			.body(this.runs.get(runId));
	}

	record StartRequest(@NotNull(message = "is required (yyyy-MM-dd)") LocalDate businessDate,
			@Pattern(regexp = "[A-Z]{2}",
					message = "'${validatedValue}' is not an ISO 3166 alpha-2 code") @Nullable String market) {
	}

}
