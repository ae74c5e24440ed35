package io.liveguard.web.backtest;

import java.net.URI;
import java.time.LocalDate;

import io.liveguard.batch.backtest.BacktestReport;
import io.liveguard.batch.backtest.Backtests;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Back-tests of a rule pack version against the active one (ANALYST starts them). */
@RestController
@Tag(name = "Rule packs")
class BacktestController {

	private final Backtests backtests;

	BacktestController(Backtests backtests) {
		this.backtests = backtests;
	}

	@PostMapping("/api/v1/rule-packs/{packId}/versions/{version}/backtest")
	@ApiResponse(responseCode = "202", description = "Accepted and queued; Location names the back-test to poll",
			useReturnTypeSchema = true)
	@Operation(summary = "Score the stored sessions of {from, to} with this version and the active one, replay the "
			+ "ladder for both and report the difference; answers 202 with the back-test to follow")
	ResponseEntity<BacktestReport> start(@PathVariable String packId, @PathVariable int version,
			@Valid @RequestBody Range range, Authentication authentication) {
		long id = this.backtests.start(packId, version, range.from(), range.to(), authentication.getName());
		return ResponseEntity.accepted().location(URI.create("/api/v1/backtests/" + id)).body(this.backtests.get(id));
	}

	@GetMapping("/api/v1/backtests/{id}")
	@Operation(summary = "A back-test's progress and, once complete, its report")
	BacktestReport report(@PathVariable long id) {
		return this.backtests.get(id);
	}

	/**
	 * The first address of a back-test, which clients may have kept: it still answers,
	 * but is left out of the API description, where it was ambiguous with
	 * {@code /api/v1/rule-packs/{packId}/versions}.
	 */
	@Deprecated
	@Hidden
	@GetMapping("/api/v1/rule-packs/backtests/{id}")
	BacktestReport reportAtFormerPath(@PathVariable long id) {
		return report(id);
	}

	record Range(@NotNull(message = "is required (yyyy-MM-dd)") LocalDate from,
			@NotNull(message = "is required (yyyy-MM-dd)") LocalDate to) {
	}

}
