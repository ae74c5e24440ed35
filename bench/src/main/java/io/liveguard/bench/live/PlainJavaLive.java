package io.liveguard.bench.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.liveguard.engine.generator.GeneratedLive;
import io.liveguard.engine.live.GoLive;
import io.liveguard.engine.live.SequencedSignal;
import io.liveguard.engine.facts.live.ActionLevel;
import io.liveguard.engine.scoring.Severity;
import io.liveguard.engine.session.ModerationCode;
import io.liveguard.engine.session.Product;
import io.liveguard.engine.session.ProductCategory;
import io.liveguard.engine.session.Signal;
import io.liveguard.engine.text.KeywordMatcher;

/**
 * An independent plain-Java reading of policy-default.md section 4 and live.md's
 * ordering, lateness and duplicate rules for one live, with the section's numbers written
 * out: the differential test ({@code LiveDifferentialTests}) checks the Drools pack
 * against it, and the lives benchmark compares their speed and uses it to know which
 * actions a node must answer. It shares nothing with the engine but the keyword matcher
 * (what "an off-platform phrase" and "a cure claim" mean is the pack's keyword lists).
 * <p>
 * Only viewer reports and stream samples are ever counted in a window, so only those are
 * kept, and only as long as a window can reach them: a signal that is not late is at most
 * {@code LATENESS} before the newest, and looks back at most {@code WINDOW_REPORTS}.
 */
public final class PlainJavaLive {

	/** What was decided: an action without its message, evidence and snapshot. */
	public record Decided(String actionId, ActionLevel level, String code, Severity severity, int strikes, Instant at) {
	}

	private static final Duration WINDOW_REPORTS = Duration.ofMinutes(5);

	private static final Duration WINDOW_QUALITY = Duration.ofMinutes(2);

	private static final Duration REPEAT = Duration.ofMinutes(5);

	private static final Duration REMIND_EVERY = Duration.ofMinutes(10);

	private static final Duration LATENESS = Duration.ofMinutes(2);

	private static final Duration PRODUCT_DEADLINE = Duration.ofMinutes(10);

	/** Counted signals kept before those no window can reach are dropped. */
	private static final int PRUNE_ABOVE = 32;

	private final GoLive live;

	private final Set<String> blocked;

	private final KeywordMatcher keywords;

	private final Set<Long> seen = new HashSet<>();

	private final List<Signal> judged = new ArrayList<>();

	private final Set<String> shown = new HashSet<>();

	private final Map<String, Instant> lastCounted = new HashMap<>();

	private final Map<String, Instant> lastReminded = new HashMap<>();

	private final List<Decided> decided = new ArrayList<>();

	private Instant newest;

	private long viewers;

	private int strikes;

	private boolean stopped;

	private boolean productsChecked;

	public PlainJavaLive(GoLive live, Set<String> blocked, KeywordMatcher keywords) {
		this.live = live;
		this.blocked = blocked;
		this.keywords = keywords;
		this.newest = live.startedAt();
	}

	/** Every action decided so far, in order. */
	public List<Decided> decided() {
		return this.decided;
	}

	/** Judges one request of signals, as {@code POST .../signals} would. */
	public void send(GeneratedLive.Request request) {
		if (request.viewers() != null) {
			this.viewers = request.viewers();
		}
		List<SequencedSignal> ordered = new ArrayList<>(request.signals());
		ordered.sort(Comparator.comparing((SequencedSignal signal) -> signal.signal().at()));
		for (SequencedSignal signal : ordered) {
			if (!this.seen.add(signal.seq())) {
				continue;
			}
			Instant at = signal.signal().at();
			if (at.isBefore(this.newest.minus(LATENESS))) {
				continue;
			}
			if (at.isAfter(this.newest)) {
				this.newest = at;
			}
			if (this.stopped) {
				continue;
			}
			if (signal.signal() instanceof Signal.ViewerReport || signal.signal() instanceof Signal.StreamQuality) {
				this.judged.add(signal.signal());
			}
			decide(candidates(signal.signal()), at);
		}
		if (this.judged.size() > PRUNE_ABOVE) {
			Instant horizon = this.newest.minus(LATENESS).minus(WINDOW_REPORTS);
			this.judged.removeIf((signal) -> signal.at().isBefore(horizon));
		}
	}

	private record Candidate(String code, Severity severity) {
	}

	private List<Candidate> candidates(Signal signal) {
		List<Candidate> candidates = new ArrayList<>();
		Instant at = signal.at();
		if (signal instanceof Signal.ViewerReport) {
			long reports = count(Signal.ViewerReport.class, at.minus(WINDOW_REPORTS), at, Integer.MAX_VALUE);
			if (reports >= 5 && reports * 200 >= this.viewers) {
				candidates.add(new Candidate("VIEWER_COMPLAINTS", Severity.MINOR));
			}
		}
		else if (signal instanceof Signal.ModerationFlag flag && flag.confidence() >= 0.8) {
			candidates.add(flagged(flag.code()));
		}
		else if (signal instanceof Signal.Transcript transcript) {
			Set<String> lists = this.keywords.match(transcript.text()).keySet();
			if (lists.contains("off-platform")) {
				candidates.add(new Candidate("OFF_PLATFORM_REDIRECT", Severity.MODERATE));
			}
			boolean drug = this.live.products().stream().anyMatch((p) -> p.category() == ProductCategory.DRUG);
			if (lists.contains("cure-claims") && !drug) {
				candidates.add(new Candidate("MISLEADING_HEALTH_CLAIM", Severity.SEVERE));
			}
		}
		else if (signal instanceof Signal.HostAbsent absent && absent.durationSec() >= 300) {
			candidates.add(new Candidate("NO_HOST_ON_CAMERA", Severity.INFO));
		}
		else if (signal instanceof Signal.DeadAir silence && silence.durationSec() >= 180) {
			candidates.add(new Candidate("DEAD_AIR", Severity.INFO));
		}
		else if (signal instanceof Signal.StreamQuality quality && quality.resolutionP() < 480
				&& count(Signal.StreamQuality.class, at.minus(WINDOW_QUALITY), at, 480) >= 3) {
			candidates.add(new Candidate("POOR_STREAM", Severity.INFO));
		}
		Instant deadline = this.live.startedAt().plus(PRODUCT_DEADLINE);
		if (signal instanceof Signal.ProductShown product && !at.isAfter(deadline)) {
			this.shown.add(product.sku());
		}
		if (!this.productsChecked && at.isAfter(deadline)) {
			this.productsChecked = true;
			boolean missing = this.live.products()
				.stream()
				.map(Product::sku)
				.anyMatch((sku) -> !this.blocked.contains(sku) && !this.shown.contains(sku));
			if (missing) {
				candidates.add(new Candidate("PRODUCT_NOT_SHOWN", Severity.INFO));
			}
		}
		candidates.sort(Comparator.comparing(Candidate::severity).reversed().thenComparing(Candidate::code));
		return candidates;
	}

	private static Candidate flagged(ModerationCode code) {
		return switch (code) {
			case VULGAR_LANGUAGE, INDECENT_ATTIRE -> new Candidate("VULGAR_CONTENT", Severity.MODERATE);
			case STATIC_IMAGE, PRERECORDED_CONTENT -> new Candidate("NO_LIVE_HOST", Severity.MODERATE);
			case OFF_PLATFORM_REDIRECT -> new Candidate("OFF_PLATFORM_REDIRECT", Severity.MODERATE);
			case FAKE_ENGAGEMENT -> new Candidate("FAKE_ENGAGEMENT", Severity.SEVERE);
			case DANGEROUS_ACT -> new Candidate("DANGEROUS_ACT", Severity.SEVERE);
			case MISLEADING_CLAIM -> new Candidate("MISLEADING_HEALTH_CLAIM", Severity.SEVERE);
			case COUNTERFEIT -> new Candidate("PROHIBITED_PRODUCT", Severity.CRITICAL);
			case MINOR_ALONE -> new Candidate("MINOR_ALONE", Severity.CRITICAL);
		};
	}

	/**
	 * Judged signals of {@code type} with {@code at} in [from, to] (and, for stream
	 * samples, under {@code underP}).
	 */
	private long count(Class<? extends Signal> type, Instant from, Instant to, int underP) {
		return this.judged.stream()
			.filter(type::isInstance)
			.filter((signal) -> !signal.at().isBefore(from) && !signal.at().isAfter(to))
			.filter((signal) -> !(signal instanceof Signal.StreamQuality quality) || quality.resolutionP() < underP)
			.count();
	}

	private void decide(List<Candidate> candidates, Instant at) {
		for (Candidate candidate : candidates) {
			if (this.stopped) {
				return;
			}
			if (candidate.severity() == Severity.INFO) {
				Instant last = this.lastReminded.get(candidate.code());
				if (last != null && !at.isAfter(last.plus(REMIND_EVERY))) {
					continue;
				}
				this.lastReminded.put(candidate.code(), at);
				add(ActionLevel.REMIND, candidate, at);
				continue;
			}
			Instant last = this.lastCounted.get(candidate.code());
			if (last != null && !at.isAfter(last.plus(REPEAT))) {
				continue;
			}
			this.lastCounted.put(candidate.code(), at);
			ActionLevel level;
			if (candidate.severity() == Severity.CRITICAL) {
				level = ActionLevel.STOP;
			}
			else {
				this.strikes += (candidate.severity() == Severity.SEVERE) ? 2 : 1;
				level = (this.strikes >= 3) ? ActionLevel.STOP
						: (this.strikes >= 2) ? ActionLevel.WARN : ActionLevel.REMIND;
			}
			this.stopped = level == ActionLevel.STOP;
			add(level, candidate, at);
		}
	}

	private void add(ActionLevel level, Candidate candidate, Instant at) {
		this.decided.add(new Decided(this.live.liveId() + ":" + (this.decided.size() + 1), level, candidate.code(),
				candidate.severity(), this.strikes, at));
	}

}
