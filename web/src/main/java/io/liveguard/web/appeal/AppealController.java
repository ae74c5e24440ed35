package io.liveguard.web.appeal;

import java.net.URI;
import java.util.List;
import java.util.Objects;

import io.liveguard.web.user.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The appeals API ({@code api.md}, "Appeals"). */
@RestController
@RequestMapping("/api/v1/appeals")
@Tag(name = "Appeals", description = "Sellers contest violation findings; analysts decide")
class AppealController {

	private final Appeals appeals;

	AppealController(Appeals appeals) {
		this.appeals = appeals;
	}

	@PostMapping
	@ApiResponse(responseCode = "201", description = "Filed; Location names the appeal", useReturnTypeSchema = true)
	@Operation(summary = "Appeal one violation finding within the window (the seller, or ADMIN on its behalf)")
	ResponseEntity<Filed> file(@Valid @RequestBody AppealRequest request, Authentication authentication) {
		Appeal appeal = this.appeals.file(Objects.requireNonNull(request.sessionId()),
				Objects.requireNonNull(request.code()), request.reason(), Caller.of(authentication));
		return ResponseEntity.created(URI.create("/api/v1/appeals/" + appeal.appealId()))
			.body(new Filed(appeal.appealId(), appeal.status()));
	}

	@GetMapping
	@Operation(summary = "The appeal queue (ANALYST): ?status=OPEN for the open ones; a seller gets its own appeals")
	List<Appeal> list(@RequestParam(required = false) Appeal.@Nullable Status status, Authentication authentication) {
		return this.appeals.visibleTo(Caller.of(authentication), status);
	}

	@GetMapping("/{appealId}")
	@Operation(summary = "One appeal (ANALYST, ADMIN, or the seller it belongs to)")
	Appeal one(@PathVariable String appealId, Authentication authentication) {
		return this.appeals.find(appealId, Caller.of(authentication))
			.orElseThrow(() -> new AppealRefused.AppealNotFound(appealId));
	}

	@PostMapping("/{appealId}/decision")
	@Operation(summary = "Uphold or overturn an open appeal (ANALYST); liftNow lifts unsupported penalties at once")
	Appeals.Decision decide(@PathVariable String appealId, @Valid @RequestBody DecisionRequest request,
			Authentication authentication) {
		return this.appeals.decide(appealId, Objects.requireNonNull(request.outcome()), request.note(),
				Boolean.TRUE.equals(request.liftNow()), Caller.of(authentication));
	}

	/**
	 * The finding appealed, and why; the reason's own rules are the appeal's
	 * ({@link Appeal#reason}).
	 */
	record AppealRequest(@NotNull(message = "is required") @Nullable String sessionId,
			@NotNull(message = "is required") @Nullable String code, @Nullable String reason) {
	}

	record Filed(String appealId, Appeal.Status status) {
	}

	record DecisionRequest(@NotNull(message = "is required (UPHELD or OVERTURNED)") Appeal.@Nullable Status outcome,
			@Nullable String note, @Nullable Boolean liftNow) {
	}

}
