package io.liveguard.web.penalty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.liveguard.batch.penalty.Penalties;
import io.liveguard.batch.penalty.SellerStandings;
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.penalty.Ladder;
import io.liveguard.engine.penalty.Penalty;
import io.liveguard.engine.penalty.PenaltyLevel;
import io.liveguard.engine.penalty.PointEntry;
import io.liveguard.engine.penalty.SellerRecord;
import io.liveguard.engine.penalty.Warning;
import io.liveguard.engine.rulepack.PackSettings;
import io.liveguard.engine.scoring.Evidence;
import io.liveguard.engine.scoring.Finding;
import io.liveguard.web.appeal.AppealWindow;
import io.liveguard.batch.appeal.AppealRecords;
import io.liveguard.web.page.PageFormats;
import io.liveguard.web.session.SellerSessions;
import io.liveguard.web.user.Caller;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The seller's own page: standing, penalties, warnings with what to fix, the content
 * score of the last 90 days and every session of them with its findings, evidence and
 * appeals. The seller is always the logged-in one; no seller id is ever taken from the
 * request.
 */
@Controller
class SellerPages {

	static final int PAGE_SIZE = 50;

	static final Duration HISTORY = Duration.ofDays(90);

	/** Sessions the chart shows at most: the latest ones. */
	static final int CHART_POINTS = 500;

	private final SellerStandings standings;

	private final Penalties penalties;

	private final SellerSessions sessions;

	private final AppealRecords appeals;

	private final AppealWindow appealWindow;

	private final ScoringEngine engine;

	private final JsonMapper json;

	private final PageFormats formats;

	private final Clock clock;

	SellerPages(SellerStandings standings, Penalties penalties, SellerSessions sessions, AppealRecords appeals,
			AppealWindow appealWindow, ScoringEngine engine, JsonMapper json, PageFormats formats, Clock clock) {
		this.standings = standings;
		this.penalties = penalties;
		this.sessions = sessions;
		this.appeals = appeals;
		this.appealWindow = appealWindow;
		this.engine = engine;
		this.json = json;
		this.formats = formats;
		this.clock = clock;
	}

	@GetMapping("/seller")
	String standing(@RequestParam(defaultValue = "0") int page, Authentication authentication, Model model) {
		String sellerId = sellerOf(authentication);
		model.addAttribute("sellerId", sellerId);
		Optional<SellerStandings.Standing> found = this.standings.of(sellerId);
		if (found.isEmpty()) {
			return "penalty/standing-empty";
		}
		SellerStandings.Standing standing = found.get();
		Instant now = this.clock.instant();
		PackSettings settings = this.engine.registry().forMarket(standing.market()).settings();
		ZoneId zone = settings.zoneFor(standing.market());
		Instant since = now.minus(HISTORY);
		Map<String, String> appealed = this.appeals.statuses(sellerId);
		SellerSessions.Page sessions = this.sessions.page(sellerId, since, Math.max(page, 0), PAGE_SIZE);
		model.addAttribute("standing", standing);
		model.addAttribute("zone", zone);
		model.addAttribute("ladder", Ladder.from(settings));
		model.addAttribute("warnings", standing.warnings().stream().map(WarningView::of).toList());
		model.addAttribute("counting", countingCodes(standing));
		model.addAttribute("penalties", penalties(sellerId, now));
		model.addAttribute("sessions", sessions);
		model.addAttribute("sessionViews",
				sessions.sessions()
					.stream()
					.map((session) -> SessionView.of(session, appealed, this.appealWindow, now))
					.toList());
		model.addAttribute("chart", this.json.writeValueAsString(chart(sellerId, since, zone)));
		return "penalty/standing";
	}

	private static String sellerOf(Authentication authentication) {
		Caller caller = Caller.of(authentication);
		if (!caller.isSeller() || caller.sellerId() == null) {
			throw new AccessDeniedException("the seller page is for SELLER users");
		}
		return caller.sellerId();
	}

	/** Codes of the findings whose points count now, for what-to-fix advice. */
	private static Set<String> countingCodes(SellerStandings.Standing standing) {
		Set<String> codes = new LinkedHashSet<>();
		standing.points()
			.stream()
			.filter((line) -> "ACTIVE".equals(line.status()) || "APPEALED".equals(line.status()))
			.forEach((line) -> codes.add(line.code()));
		return codes;
	}

	private List<PenaltyView> penalties(String sellerId, Instant now) {
		return this.penalties.forSeller(sellerId)
			.stream()
			.sorted(Comparator.comparing(Penalty::decidedFor)
				.thenComparing(Penalty::startsAt)
				.thenComparing(Penalty::level)
				.reversed())
			.map((penalty) -> PenaltyView.of(penalty, now))
			.toList();
	}

	/**
	 * Chart.js data: a label (the start date in the market's zone and the page's
	 * language), the score and the session of each point.
	 */
	private Map<String, Object> chart(String sellerId, Instant since, ZoneId zone) {
		List<SellerSessions.Score> scores = this.sessions.scores(sellerId, since, CHART_POINTS);
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("labels",
				scores.stream()
					.map((score) -> this.formats.date(score.startedAt().atZone(zone).toLocalDate()))
					.toList());
		chart.put("scores", scores.stream().map(SellerSessions.Score::contentScore).toList());
		chart.put("sessions", scores.stream().map(SellerSessions.Score::sessionId).toList());
		return chart;
	}

	/**
	 * A warning of the last penalty run; {@code known} when the bundles have a title and
	 * advice for its code.
	 */
	record WarningView(String code, String message, boolean known) {

		static WarningView of(Warning warning) {
			return new WarningView(warning.code(), warning.message(),
					Warning.NEAR_THRESHOLD.equals(warning.code()) || Warning.LOW_CONTENT_SCORE.equals(warning.code()));
		}

	}

	record PenaltyView(PenaltyLevel level, Instant startsAt, @Nullable Instant endsAt, Penalty.Status status,
			LocalDate decidedFor, List<PointEntry.Reason> reasons) {

		static PenaltyView of(Penalty penalty, Instant now) {
			return new PenaltyView(penalty.level(), penalty.startsAt(), penalty.endsAt(), penalty.statusAt(now),
					penalty.decidedFor(), penalty.reasons());
		}

	}

	/** A session of the list, with its findings as the page shows them. */
	record SessionView(String sessionId, Instant startedAt, int contentScore, int violationPoints,
			List<FindingView> findings) {

		static SessionView of(SellerSessions.Session session, Map<String, String> appealed, AppealWindow window,
				Instant now) {
			boolean open = window.isOpen(session.market(), session.startedAt(), now);
			Instant closes = window.closesAt(session.market(), session.startedAt());
			return new SessionView(session.sessionId(), session.startedAt(), session.card().contentScore(),
					session.card().violationPoints(),
					session.card()
						.findings()
						.stream()
						.map((finding) -> FindingView.of(finding,
								appealed.get(SellerRecord.key(session.sessionId(), finding.code())), open, closes))
						.toList());
		}

	}

	/**
	 * A finding with its evidence; a violation may be appealed while the window is open
	 * and it has not been appealed yet, and shows its appeal's status once it has.
	 */
	record FindingView(String code, boolean violation, String severity, int points, int scoreDelta, String rule,
			List<Evidence> evidence, @Nullable String appealStatus, boolean appealable, Instant appealClosesAt) {

		static FindingView of(Finding finding, @Nullable String appealStatus, boolean windowOpen, Instant closes) {
			return new FindingView(finding.code(), finding.isViolation(), finding.severity().name(), finding.points(),
					finding.scoreDelta(), finding.rule(), finding.evidence(), appealStatus,
					finding.isViolation() && appealStatus == null && windowOpen, closes);
		}

	}

}
