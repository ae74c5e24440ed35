package io.liveguard.engine.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.liveguard.engine.facts.live.ActionLevel;
import io.liveguard.engine.facts.live.Judging;
import io.liveguard.engine.facts.live.LiveAction;
import io.liveguard.engine.facts.live.LiveProduct;
import io.liveguard.engine.facts.live.LiveSignal;
import io.liveguard.engine.facts.live.LiveState;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.rulepack.PackSettings;
import io.liveguard.engine.scoring.Evidence;
import io.liveguard.engine.session.Product;
import io.liveguard.engine.session.Signal;
import io.liveguard.engine.text.KeywordMatcher;
import org.jspecify.annotations.Nullable;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.time.SessionPseudoClock;

/**
 * The in-stream decisions of one open live (live.md, policy-default.md section 4). Its
 * requests are judged in a Drools session of the pack's live rules in stream mode, on a
 * pseudo clock that follows the signals' {@code at}; Java only orchestrates: it drops
 * duplicates and late signals, advances the clock, inserts each signal as an event with a
 * {@link Judging} turn, runs the agenda groups {@code classify} then {@code decide},
 * reads the {@link LiveAction}s the rules inserted, and ends the turn so the forget rules
 * clear what no window needs. Nothing here reads the wall clock: the same signals in the
 * same order decide the same actions with the same ids. Not thread safe: one request of a
 * live at a time.
 * <p>
 * Between two requests a live keeps only its facts, not a session (a session's network
 * memory costs about 40 KB; docs/lives.md, "Memory"): each request takes a session from
 * the pack's pool, inserts the facts again in the order they were first inserted, sets
 * the clock where it stood, and lets every match among them count as fired, as it had in
 * the live's own session (Drools fires a match once). A session that holds what facts
 * alone cannot carry (a timer or an expiry still to come, a fact inserted logically, a
 * fact of another entry point) stays with its live until it holds no more of it.
 */
public final class LiveDecider implements AutoCloseable {

	private final String liveId;

	private final String market;

	private final Instant startedAt;

	private final PackSettings settings;

	private final KeywordMatcher keywords;

	private final LiveSessions sessions;

	private final LiveState state;

	/**
	 * The live's facts between two requests, in the order they were inserted; null while
	 * a session stays with the live, or once a request failed.
	 */
	private Object @Nullable [] facts;

	/**
	 * The session that stays with the live, if one has to; volatile for
	 * {@link #keepsSession()}, which any thread may ask.
	 */
	private volatile @Nullable KieSession kept;

	/** Where the pseudo clock stood at the end of the last request. */
	private long clockAt;

	/**
	 * Whether a request fired the rules: the next takes the matches of the live's facts
	 * as fired.
	 */
	private boolean fired;

	/** Whether a request failed half way: the decider is to be replaced. */
	private boolean broken;

	private final SeenSeqs seen = new SeenSeqs();

	private final long maxLatenessMillis;

	private final long snapshotMillis;

	private final String language;

	private long newestAt;

	private int accepted;

	private int duplicates;

	private int late;

	LiveDecider(CompiledPack pack, LiveSessions sessions, GoLive request, Set<String> blocked) {
		this.liveId = request.liveId();
		this.market = request.market();
		this.startedAt = request.startedAt();
		this.settings = pack.settings();
		this.keywords = pack.keywords();
		this.maxLatenessMillis = this.settings.millis("live.maxLateness");
		this.snapshotMillis = this.settings.millis("live.snapshot");
		String languageKey = "live.language." + this.market;
		this.language = this.settings.has(languageKey) ? this.settings.text(languageKey) : "en";
		this.sessions = sessions;
		long start = this.startedAt.toEpochMilli();
		this.clockAt = start;
		this.newestAt = start;
		this.state = new LiveState(this.liveId, start);
		List<Object> opened = new ArrayList<>();
		opened.add(this.settings);
		opened.add(this.state);
		for (Product product : request.products()) {
			opened.add(new LiveProduct(product.sku(), product.category(), blocked.contains(product.sku())));
		}
		this.facts = opened.toArray();
	}

	public String liveId() {
		return this.liveId;
	}

	/** OPEN, or STOPPED once an action stopped it. */
	public LiveStatus status() {
		return this.state.isStopped() ? LiveStatus.STOPPED : LiveStatus.OPEN;
	}

	public int strikes() {
		return this.state.getStrikes();
	}

	/** Signals accepted so far, late ones included. */
	public int accepted() {
		return this.accepted;
	}

	public int duplicates() {
		return this.duplicates;
	}

	public int late() {
		return this.late;
	}

	/** Actions decided so far. */
	public int actions() {
		return this.state.getActions();
	}

	/**
	 * Facts the live's session holds now: what a live costs in memory grows with this.
	 */
	public long factCount() {
		Object[] held = this.facts;
		if (held != null) {
			return held.length;
		}
		return this.kept == null ? 0 : this.kept.getFactCount();
	}

	/**
	 * Whether a session stays with the live between its requests (its rules left
	 * something that facts alone cannot carry). Any thread may ask.
	 */
	public boolean keepsSession() {
		return this.kept != null;
	}

	/**
	 * Judges one request's signals: taken in {@code at} order (stably), each against the
	 * signals that arrived before it, after {@code viewers} (when sent) became the latest
	 * number of viewers.
	 * @param signals the request's signals; none may be before the live's start
	 * @param viewers the current number of viewers, if the request sent it
	 * @param decidedAt the caller's clock, stamped on the actions only
	 */
	public SignalBatch decide(List<SequencedSignal> signals, @Nullable Long viewers, Instant decidedAt) {
		for (SequencedSignal signal : signals) {
			if (signal.signal().at().isBefore(this.startedAt)) {
				throw new IllegalArgumentException("Signal " + signal.seq() + " of live " + this.liveId + " is at "
						+ signal.signal().at() + ", before the live started at " + this.startedAt);
			}
		}
		if (this.broken) {
			throw new IllegalStateException("The decider of live " + this.liveId
					+ " was closed, or a request of it failed half way; rebuild it from its stored signals");
		}
		KieSession kept = this.kept;
		KieSession session = (kept != null) ? kept : this.sessions.take();
		boolean judged = false;
		try {
			if (session != kept) {
				restore(session);
			}
			FactHandle stateHandle = Objects.requireNonNull(session.getFactHandle(this.state),
					() -> "The live rules of " + this.liveId + " deleted its LiveState");
			if (viewers != null) {
				this.state.viewers(viewers);
				session.update(stateHandle, this.state);
			}
			int acceptedBefore = this.accepted;
			int duplicatesBefore = this.duplicates;
			int lateBefore = this.late;
			List<Action> actions = new ArrayList<>();
			List<SignalBatch.Judged> outcomes = new ArrayList<>(signals.size());
			List<SequencedSignal> ordered = signals.stream()
				.sorted(Comparator.comparing((SequencedSignal signal) -> signal.signal().at()))
				.toList();
			for (SequencedSignal signal : ordered) {
				outcomes.add(judge(session, stateHandle, signal, decidedAt, actions));
			}
			judged = true;
			return new SignalBatch(status(), this.accepted - acceptedBefore, this.duplicates - duplicatesBefore,
					this.late - lateBefore, strikes(), actions, outcomes);
		}
		finally {
			putDown(session, judged);
		}
	}

	/**
	 * Brings a session of the pool to where the live's stood: its facts inserted again,
	 * its clock set, the matches they had counted as fired.
	 */
	private void restore(KieSession taken) {
		Object[] held = Objects.requireNonNull(this.facts);
		SessionPseudoClock clock = taken.getSessionClock();
		clock.advanceTime(this.clockAt - clock.getCurrentTime(), TimeUnit.MILLISECONDS);
		for (Object fact : held) {
			taken.insert(fact);
		}
		if (this.fired) {
			// what changed since the rules last fired is the viewers, of the live's
			// state: each signal judged updates the state before the rules fire, so
			// every match of the state is made anew then
			this.sessions.countAsFired(taken);
		}
	}

	/**
	 * Ends the request: the live keeps its session's facts and the session goes back to
	 * the pool, unless it holds what facts cannot carry. A request that failed half way
	 * leaves the decider broken.
	 */
	private void putDown(KieSession used, boolean judged) {
		if (!judged) {
			this.broken = true;
			this.facts = null;
			this.kept = null;
			used.dispose();
			return;
		}
		Object @Nullable [] left = this.sessions.factsOf(used);
		if (left == null) {
			this.kept = used;
			this.facts = null;
			return;
		}
		this.facts = left;
		this.clockAt = used.getSessionClock().getCurrentTime();
		this.kept = null;
		used.dispose();
	}

	private SignalBatch.Judged judge(KieSession session, FactHandle stateHandle, SequencedSignal sequenced,
			Instant decidedAt, List<Action> actions) {
		if (!this.seen.add(sequenced.seq())) {
			this.duplicates++;
			return new SignalBatch.Judged(sequenced, true, false);
		}
		this.accepted++;
		long at = sequenced.signal().at().toEpochMilli();
		if (at < this.newestAt - this.maxLatenessMillis) {
			this.late++;
			return new SignalBatch.Judged(sequenced, false, true);
		}
		this.newestAt = Math.max(this.newestAt, at);
		SignalBatch.Judged onTime = new SignalBatch.Judged(sequenced, false, false);
		if (this.state.isStopped()) {
			return onTime;
		}
		SessionPseudoClock clock = session.getSessionClock();
		long now = clock.getCurrentTime();
		if (at > now) {
			clock.advanceTime(at - now, TimeUnit.MILLISECONDS);
		}
		this.state.advanceTo(this.newestAt);
		session.update(stateHandle, this.state);
		session.insert(fact(sequenced));
		FactHandle turn = session.insert(new Judging(sequenced.seq(), at));
		LiveSessions.focus(session, "decide");
		LiveSessions.focus(session, "classify");
		fire(session, "signal " + sequenced.seq());
		Map<Integer, LiveAction> decided = new TreeMap<>();
		Collection<FactHandle> handles = session.getFactHandles(new ClassObjectFilter(LiveAction.class));
		for (FactHandle handle : handles) {
			LiveAction action = (LiveAction) session.getObject(handle);
			decided.put(action.getNumber(), action);
			session.delete(handle);
		}
		session.delete(turn);
		fire(session, "signal " + sequenced.seq());
		for (LiveAction action : decided.values()) {
			actions.add(action(action, decidedAt));
		}
		return onTime;
	}

	private void fire(KieSession session, String what) {
		this.fired = true;
		int firings = session.fireAllRules(CompiledPack.MAX_FIRINGS);
		if (firings >= CompiledPack.MAX_FIRINGS) {
			throw new IllegalStateException("The live rules fired " + firings + " times for " + what + " of live "
					+ this.liveId + " without settling; a rule probably loops");
		}
	}

	private Action action(LiveAction action, Instant decidedAt) {
		Instant at = Instant.ofEpochMilli(action.getAt());
		Instant from = at.minusMillis(this.snapshotMillis);
		Action.Snapshot snapshot = new Action.Snapshot(from.isBefore(this.startedAt) ? this.startedAt : from,
				at.plusMillis(this.snapshotMillis));
		return new Action(this.liveId + ":" + action.getNumber(), this.liveId, action.getLevel(), action.getCode(),
				action.getSeverity(), action.getStrikes(), at, decidedAt, message(action.getLevel(), action.getCode()),
				action.getRule(), action.getEvidence(), snapshot);
	}

	private Action.Message message(ActionLevel level, String code) {
		String english = text(level.name(), "en", level.name()) + ": " + text(code, "en", code);
		String local = text(level.name(), this.language, null) == null || text(code, this.language, null) == null
				? english : text(level.name(), this.language, level.name()) + ": " + text(code, this.language, code);
		return new Action.Message(this.language, local, english);
	}

	private @Nullable String text(String name, String language, @Nullable String otherwise) {
		String key = "live.message." + name + "." + language;
		return this.settings.has(key) ? this.settings.text(key) : otherwise;
	}

	/**
	 * The event of a signal: only what rules read, a transcript as the keyword lists it
	 * hits.
	 */
	private LiveSignal fact(SequencedSignal sequenced) {
		Signal signal = sequenced.signal();
		long seq = sequenced.seq();
		long at = signal.at().toEpochMilli();
		if (signal instanceof Signal.Transcript transcript) {
			Map<String, Set<String>> matched = this.keywords.match(transcript.text());
			String detail = "\"" + transcript.text() + "\"" + (matched.isEmpty() ? "" : " " + matched);
			return new LiveSignal(seq, at, signal.type(), null, 0, 0, 0, null, matched.keySet(),
					evidence(signal, detail));
		}
		if (signal instanceof Signal.ModerationFlag flag) {
			return new LiveSignal(seq, at, signal.type(), flag.code(), flag.confidence(), 0, 0, null, Set.of(),
					evidence(signal, flag.code() + ", confidence " + flag.confidence()));
		}
		if (signal instanceof Signal.HostAbsent absent) {
			return new LiveSignal(seq, at, signal.type(), null, 0, absent.durationSec(), 0, null, Set.of(),
					evidence(signal, "host off camera for " + absent.durationSec() + " s"));
		}
		if (signal instanceof Signal.DeadAir silence) {
			return new LiveSignal(seq, at, signal.type(), null, 0, silence.durationSec(), 0, null, Set.of(),
					evidence(signal, "no speech for " + silence.durationSec() + " s"));
		}
		if (signal instanceof Signal.ProductShown shown) {
			return new LiveSignal(seq, at, signal.type(), null, 0, 0, 0, shown.sku(), Set.of(),
					evidence(signal, shown.sku() + " shown on camera"));
		}
		if (signal instanceof Signal.ViewerReport report) {
			return new LiveSignal(seq, at, signal.type(), null, 0, 0, 0, null, Set.of(),
					evidence(signal, "viewer reported " + report.code()));
		}
		Signal.StreamQuality quality = (Signal.StreamQuality) signal;
		return new LiveSignal(seq, at, signal.type(), null, 0, 0, quality.resolutionP(), null, Set.of(),
				evidence(signal, quality.resolutionP() + "p, " + quality.stallSec() + " s buffering"));
	}

	private static Evidence evidence(Signal signal, String detail) {
		return new Evidence(signal.at(), signal.type(), detail);
	}

	/**
	 * Releases the session that stays with the live, if one does; a live that ended or
	 * was forgotten needs it no more.
	 */
	@Override
	public void close() {
		KieSession staying = this.kept;
		this.kept = null;
		this.facts = null;
		this.broken = true;
		if (staying != null) {
			staying.dispose();
		}
	}

}
