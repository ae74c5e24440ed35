package io.liveguard.web.live;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import io.liveguard.engine.live.LiveStatus;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.session.Ids;
import io.liveguard.web.live.LiveViews.LiveSummary;
import io.liveguard.web.live.LiveViews.LiveView;
import io.liveguard.web.live.LiveViews.SellerLives;
import io.liveguard.web.live.LiveViews.SignalsAnswer;
import io.liveguard.web.user.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The lives API (live.md). Bodies are taken as text and read with the session record's
 * rules by {@link LiveRequests}, so a live accepts and rejects what a session record
 * does. Roles are the security configuration's; a SELLER reads only its own lives, and
 * another seller's are 404 to it.
 */
@RestController
@Tag(name = "Lives", description = "The go-live check, signals and actions while a livestream runs, and its end")
class LiveController {

	private final LiveEnforcement lives;

	LiveController(LiveEnforcement lives) {
		this.lives = lives;
	}

	@PostMapping(path = "/api/v1/lives", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Open a live: the go-live check with the market's active rule pack (PLATFORM, ADMIN)",
			description = "201 whether or not the live may start (status OPEN or REFUSED); the same liveId again "
					+ "with the same content answers 200 with the stored answer.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = io.liveguard.engine.live.GoLive.class))))
	@ApiResponse(responseCode = "201", description = "Checked and stored: OPEN or REFUSED",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = LiveAnswer.class)))
	@ApiResponse(responseCode = "200", description = "Opened before with the same content: the stored answer",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = LiveAnswer.class)))
	ResponseEntity<LiveAnswer> open(@RequestBody String body) {
		LiveEnforcement.Opened opened = this.lives.check(body);
		return (opened.created() ? ResponseEntity.created(location(opened.answer().liveId())) : ResponseEntity.ok())
			.body(opened.answer());
	}

	@PostMapping(path = "/api/v1/lives/{liveId}/signals", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Send signals of a running live; answers the actions they decided (PLATFORM, ADMIN)",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE)))
	@ApiResponse(responseCode = "200", description = "Judged and stored, with the actions decided",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = SignalsAnswer.class)))
	SignalsAnswer signals(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.RULE) String liveId,
			@RequestBody String body, HttpServletRequest request) {
		return this.lives.signals(liveId, body, language(request));
	}

	@PostMapping(path = "/api/v1/lives/{liveId}/end", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(
			summary = "End a live: it becomes a session record, scored and stored as POST /api/v1/sessions would "
					+ "(PLATFORM, ADMIN)",
			description = "The body holds the record's endedAt and stats; ending again answers the same card.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE)))
	@ApiResponse(responseCode = "200", description = "The score card of the live's session record",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = ScoreCard.class)))
	ResponseEntity<String> end(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.RULE) String liveId,
			@RequestBody String body) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(this.lives.end(liveId, body));
	}

	@GetMapping("/api/v1/lives/{liveId}")
	@Operation(summary = "A live: its go-live answer, status, strikes, counts and actions")
	LiveView live(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.RULE) String liveId,
			Authentication authentication, HttpServletRequest request) {
		return this.lives.find(liveId, Caller.of(authentication), language(request));
	}

	@GetMapping("/api/v1/lives")
	@Operation(summary = "The lives in a status, OPEN by default: the lives running now (ANALYST, ADMIN)",
			description = "Oldest start first, at most " + LiveEnforcement.LIST_LIMIT + ".")
	List<LiveSummary> lives(@RequestParam(defaultValue = "OPEN") LiveStatus status) {
		return this.lives.withStatus(status);
	}

	@GetMapping("/api/v1/sellers/{sellerId}/lives")
	@Operation(summary = "A seller's lives, newest first, a page at a time")
	SellerLives sellerLives(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.RULE) String sellerId,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, Authentication authentication) {
		return this.lives.ofSeller(sellerId, Caller.of(authentication), page, size);
	}

	/**
	 * The language actions' messages are answered in: the caller's
	 * {@code Accept-Language} (live.md), English without one. Not the pages' language
	 * cookie, and not the server's default locale.
	 */
	private static Locale language(HttpServletRequest request) {
		return (request.getHeader(HttpHeaders.ACCEPT_LANGUAGE) != null) ? request.getLocale() : Locale.ENGLISH;
	}

	private static URI location(String liveId) {
		return ServletUriComponentsBuilder.fromCurrentContextPath()
			.path("/api/v1/lives/{liveId}")
			.encode()
			.buildAndExpand(liveId)
			.toUri();
	}

}
