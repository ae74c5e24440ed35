package io.liveguard.web.penalty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import io.liveguard.batch.penalty.EligibilityIndex;
import io.liveguard.batch.penalty.Penalties;
import io.liveguard.batch.penalty.SellerStandings;
import io.liveguard.engine.penalty.Penalty;
import io.liveguard.engine.penalty.PenaltyLevel;
import io.liveguard.engine.penalty.PointEntry;
import io.liveguard.engine.session.Ids;
import io.liveguard.web.user.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sellers API ({@code api.md}, "Sellers"). A SELLER sees only itself; others are 404
 * to it. Go-live eligibility answers are counted by answer
 * ({@code liveguard.eligibility.answers}, README "Operating LiveGuard").
 */
@RestController
@RequestMapping("/api/v1/sellers/{sellerId}")
@Tag(name = "Sellers", description = "Standing, penalties and go-live eligibility of a seller")
class SellerController {

	private static final Duration PAST = Duration.ofMinutes(1);

	private final SellerStandings standings;

	private final Penalties penalties;

	private final EligibilityIndex eligibility;

	private final Clock clock;

	private final Counter allowed;

	private final Counter refused;

	SellerController(SellerStandings standings, Penalties penalties, EligibilityIndex eligibility, Clock clock,
			MeterRegistry registry) {
		this.standings = standings;
		this.penalties = penalties;
		this.eligibility = eligibility;
		this.clock = clock;
		this.allowed = answers(registry, "allowed");
		this.refused = answers(registry, "refused");
	}

	private static Counter answers(MeterRegistry registry, String answer) {
		return Counter.builder("liveguard.eligibility.answers")
			.description("Go-live eligibility answers, by answer")
			.tag("answer", answer)
			.register(registry);
	}

	@GetMapping("/standing")
	@Operation(summary = "Active points with their expiry, the penalty in force, warnings and the next threshold")
	SellerStandings.Standing standing(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.RULE) String sellerId,
			Authentication authentication) {
		visible(sellerId, authentication);
		return this.standings.of(sellerId).orElseThrow(() -> new SellerNotFound(sellerId));
	}

	@GetMapping("/penalties")
	@Operation(summary = "Every penalty ever decided for the seller, newest first")
	List<PenaltyView> penalties(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.RULE) String sellerId,
			Authentication authentication) {
		visible(sellerId, authentication);
		if (!this.standings.exists(sellerId)) {
			throw new SellerNotFound(sellerId);
		}
		Instant now = this.clock.instant();
		return this.penalties.forSeller(sellerId)
			.stream()
			.sorted(Comparator.comparing(Penalty::decidedFor)
				.thenComparing(Penalty::startsAt)
				.thenComparing(Penalty::level)
				.reversed())
			.map((penalty) -> PenaltyView.of(penalty, now))
			.toList();
	}

	@GetMapping("/live-eligibility")
	@Operation(summary = "May the seller go live at that instant (default now)? The hot path before every go-live")
	Eligibility eligibility(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.RULE) String sellerId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant at,
			Authentication authentication) {
		visible(sellerId, authentication);
		Instant now = this.clock.instant();
		Instant instant = (at != null) ? at : now;
		// the index holds what stands now; the past is answered from the penalties
		// themselves
		Penalty blocking = instant.isBefore(now.minus(PAST)) ? this.penalties.forSeller(sellerId)
			.stream()
			.filter((penalty) -> penalty.covers(instant))
			.max(Comparator.comparing((Penalty p) -> (p.endsAt() == null) ? Instant.MAX : p.endsAt()))
			.orElse(null) : this.eligibility.blocking(sellerId, instant).orElse(null);
		if (blocking == null) {
			this.allowed.increment();
			return new Eligibility(sellerId, true, null);
		}
		this.refused.increment();
		return new Eligibility(sellerId, false, new Eligibility.Blocking(blocking.level(), blocking.endsAt()));
	}

	private static void visible(String sellerId, Authentication authentication) {
		if (!Caller.of(authentication).maySee(sellerId)) {
			throw new SellerNotFound(sellerId);
		}
	}

	record Eligibility(String sellerId, boolean allowed, @Nullable Blocking penalty) {

		record Blocking(PenaltyLevel level, @Nullable Instant endsAt) {
		}

	}

	record PenaltyView(String penaltyId, PenaltyLevel level, Instant startsAt, @Nullable Instant endsAt,
			Penalty.Status status, DecidedBy decidedBy, List<Reason> reasons) {

		static PenaltyView of(Penalty penalty, Instant now) {
			return new PenaltyView(penalty.penaltyId(), penalty.level(), penalty.startsAt(), penalty.endsAt(),
					penalty.statusAt(now), new DecidedBy(penalty.decidedByRun(), penalty.decidedFor()),
					penalty.reasons().stream().map(Reason::of).toList());
		}

		record DecidedBy(long run, LocalDate date) {
		}

		record Reason(String sessionId, String code, int points) {

			static Reason of(PointEntry.Reason reason) {
				return new Reason(reason.sessionId(), reason.code(), reason.points());
			}

		}

	}

}
