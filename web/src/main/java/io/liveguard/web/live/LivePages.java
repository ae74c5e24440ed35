package io.liveguard.web.live;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.live.Action;
import io.liveguard.engine.live.LiveStatus;
import io.liveguard.engine.session.Ids;
import io.liveguard.web.live.LiveViews.ActionView;
import io.liveguard.web.live.LiveViews.LiveSummary;
import io.liveguard.web.live.LiveViews.LiveView;
import io.liveguard.web.live.LiveViews.SellerLives;
import io.liveguard.web.user.Caller;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The lives' pages: the console of the lives running now (ANALYST, ADMIN), whose rows
 * htmx re-draws every two seconds from a fragment, so new actions appear without a
 * reload; a live's page with the timeline of its signals and actions (Chart.js, its data
 * in a data attribute) and every action with its evidence, for staff and the owning
 * seller (another seller's live is 404, as in the API), whose status, counts, timeline
 * and actions htmx re-draws every two seconds from a fragment while the live runs (an
 * unchanged live answers 204, and an ENDED or REFUSED one is drawn without polling, so
 * the page stops asking); and the seller's own lives. The roles are the security
 * configuration's; which seller's live a SELLER sees is checked here, through
 * {@link LiveEnforcement}, as the API checks it.
 */
@Controller
class LivePages {

	/** Lives a page of the seller's list. */
	static final int PAGE_SIZE = 20;

	/** Signals the timeline shows at most: the first ones. */
	static final int CHART_SIGNALS = 5000;

	private final LiveEnforcement lives;

	private final LiveStore store;

	private final ScoringEngine engine;

	private final JsonMapper json;

	private final MessageSource messages;

	LivePages(LiveEnforcement lives, LiveStore store, ScoringEngine engine, JsonMapper json, MessageSource messages) {
		this.lives = lives;
		this.store = store;
		this.engine = engine;
		this.json = json;
		this.messages = messages;
	}

	@GetMapping("/lives")
	String console(Model model) {
		model.addAttribute("rows", rows());
		return "live/console";
	}

	/** The console's rows, for htmx to swap in. */
	@GetMapping("/lives/open/rows")
	String consoleRows(Model model) {
		model.addAttribute("rows", rows());
		return "live/fragments :: consoleRows";
	}

	@GetMapping("/lives/{liveId}")
	String live(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.RULE) String liveId,
			Authentication authentication, Model model) {
		Caller caller = Caller.of(authentication);
		LiveView live = this.lives.find(liveId, caller, LocaleContextHolder.getLocale());
		model.addAttribute("seller", caller.isSeller());
		updates(live, model);
		return "live/live";
	}

	/**
	 * What a live's page re-draws while the live runs: nothing (204, htmx keeps what it
	 * shows) when the live is as the page last drew it ({@code seen}), else the fragment
	 * with its status, counts, timeline and actions.
	 */
	@GetMapping("/lives/{liveId}/updates")
	String liveUpdates(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.RULE) String liveId,
			@RequestParam(required = false) @Nullable String seen, Authentication authentication, Model model,
			HttpServletResponse response) {
		LiveView live = this.lives.find(liveId, Caller.of(authentication), LocaleContextHolder.getLocale());
		if (version(live).equals(seen)) {
			response.setStatus(HttpServletResponse.SC_NO_CONTENT);
			return "live/fragments :: nothing";
		}
		updates(live, model);
		return "live/fragments :: liveUpdates";
	}

	private void updates(LiveView live, Model model) {
		List<LiveStore.Arrived> signals = this.store.arrived(live.liveId(), CHART_SIGNALS);
		model.addAttribute("live", live);
		model.addAttribute("zone", zone(live.market()));
		model.addAttribute("chartCapped", signals.size() >= CHART_SIGNALS);
		model.addAttribute("chart", this.json.writeValueAsString(chart(live, signals)));
		model.addAttribute("polling", live.status() == LiveStatus.OPEN || live.status() == LiveStatus.STOPPED);
		model.addAttribute("version", version(live));
	}

	/**
	 * What the page shows changes only with these: a live's signals and actions are only
	 * ever added.
	 */
	private static String version(LiveView live) {
		return live.status() + "-" + live.signalsAccepted() + "-" + live.actions().size();
	}

	@GetMapping("/seller/lives")
	String sellerLives(@RequestParam(defaultValue = "0") int page, Authentication authentication, Model model) {
		Caller caller = Caller.of(authentication);
		if (!caller.isSeller() || caller.sellerId() == null) {
			throw new AccessDeniedException("the seller's lives are for SELLER users");
		}
		SellerLives lives = this.lives.ofSeller(caller.sellerId(), caller, Math.max(page, 0), PAGE_SIZE);
		model.addAttribute("sellerId", caller.sellerId());
		model.addAttribute("lives", lives);
		model.addAttribute("hasNext", (long) (lives.page() + 1) * lives.size() < lives.total());
		return "live/seller-lives";
	}

	private List<ConsoleRow> rows() {
		List<LiveSummary> open = this.lives.withStatus(LiveStatus.OPEN);
		Map<String, String> last = this.store.lastActions(open.stream().map(LiveSummary::liveId).toList());
		return open.stream().map((live) -> {
			String action = last.get(live.liveId());
			return new ConsoleRow(live, (action != null)
					? ActionView.of(this.json.readValue(action, Action.class), LocaleContextHolder.getLocale()) : null);
		}).toList();
	}

	private ZoneId zone(String market) {
		return this.engine.registry().forMarket(market).settings().zoneFor(market);
	}

	/**
	 * Chart.js data: the rows of the timeline (the action levels, then each signal type
	 * met), the action levels' names in the page's language, and points at minutes since
	 * the start, each with a tooltip text.
	 */
	private Map<String, Object> chart(LiveView live, List<LiveStore.Arrived> arrived) {
		Set<String> types = new LinkedHashSet<>();
		List<Point> signals = new ArrayList<>();
		List<Point> late = new ArrayList<>();
		for (LiveStore.Arrived signal : arrived) {
			JsonNode node = this.json.readTree(signal.json());
			String type = node.path("type").asString("");
			Instant at = Instant.parse(node.path("at").asString());
			types.add(type);
			(signal.late() ? late : signals)
				.add(new Point(minutes(live.startedAt(), at), type, "#" + signal.seq() + " " + detail(node)));
		}
		List<Point> actions = live.actions()
			.stream()
			.map((action) -> new Point(minutes(live.startedAt(), action.at()), action.level().name(),
					action.code() + " · " + action.message()))
			.toList();
		List<String> rows = new ArrayList<>(List.of("STOP", "WARN", "REMIND"));
		rows.addAll(types);
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("rows", rows);
		Map<String, String> labels = new LinkedHashMap<>();
		for (String level : List.of("STOP", "WARN", "REMIND")) {
			labels.put(level,
					this.messages.getMessage("actionLevel." + level, null, level, LocaleContextHolder.getLocale()));
		}
		chart.put("labels", labels);
		chart.put("signals", signals);
		chart.put("late", late);
		chart.put("actions", actions);
		return chart;
	}

	private static double minutes(Instant from, Instant to) {
		return Math.round(Duration.between(from, to).toMillis() / 600.0) / 100.0;
	}

	/** A signal's own fields, but its type and time, as {@code name=value}. */
	private static String detail(JsonNode signal) {
		List<String> parts = new ArrayList<>();
		for (Map.Entry<String, JsonNode> field : signal.properties()) {
			if (!field.getKey().equals("type") && !field.getKey().equals("at")) {
				parts.add(field.getKey() + "=" + field.getValue().asString(field.getValue().toString()));
			}
		}
		return String.join(", ", parts);
	}

	/** A live running now, with its last action if it has one. */
	record ConsoleRow(LiveSummary live, @Nullable ActionView lastAction) {
	}

	/** A point of the timeline: minutes since the start, its row and its tooltip. */
	record Point(double x, String y, String text) {
	}

}
