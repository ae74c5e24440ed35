package io.liveguard.web.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.liveguard.batch.penalty.Penalties;
import io.liveguard.batch.rulepack.RulePackStore;
import io.liveguard.batch.session.SessionMeters;
import io.liveguard.batch.webhook.EventTypes;
import io.liveguard.batch.webhook.WebhookOutbox;
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.live.Action;
import io.liveguard.engine.live.GoLive;
import io.liveguard.engine.live.GoLiveAnswer;
import io.liveguard.engine.live.LiveDecider;
import io.liveguard.engine.live.LiveStatus;
import io.liveguard.engine.live.Lives;
import io.liveguard.engine.live.SequencedSignal;
import io.liveguard.engine.live.SignalBatch;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.scoring.RulePackRef;
import io.liveguard.engine.session.Signal;
import io.liveguard.web.live.LiveViews.ActionView;
import io.liveguard.web.live.LiveViews.LiveSummary;
import io.liveguard.web.live.LiveViews.LiveView;
import io.liveguard.web.live.LiveViews.SellerLives;
import io.liveguard.web.live.LiveViews.SignalsAnswer;
import io.liveguard.web.session.IngestResult;
import io.liveguard.web.session.SessionIngest;
import io.liveguard.web.user.Caller;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lives (live.md), from the go-live check to the end. A live's requests are judged one at
 * a time under its row's lock, on every node: its decider, first brought to where the row
 * stands ({@link OpenLives}: fed the requests another node judged, or rebuilt from the
 * stored ones), decides, and the signals, the request's viewers and the actions they
 * decided are stored in that same transaction, so an action is never answered without
 * being stored, nor stored twice. When the transaction does not commit, the decider (now
 * ahead of what was stored) is dropped and the next request rebuilds it from the stored
 * signals. Ending a live hands its record to the sessions feature's
 * {@link SessionIngest}, the code path of {@code POST /api/v1/sessions}.
 */
@Service
public class LiveEnforcement {

	private static final Logger log = LoggerFactory.getLogger(LiveEnforcement.class);

	/** {@code endedBy} of a {@code live.ended} event: the platform's end request. */
	static final String ENDED_BY_PLATFORM = "PLATFORM";

	/** {@code endedBy} of a {@code live.ended} event: the idle timeout. */
	static final String ENDED_BY_IDLE_TIMEOUT = "IDLE_TIMEOUT";

	/** At most this many lives in a list of lives by status. */
	static final int LIST_LIMIT = 1000;

	/**
	 * No pack's idle timeout is shorter than this: lives idle for less are not looked at.
	 */
	private static final Duration MIN_IDLE = Duration.ofMinutes(1);

	/** Idle lives ended by one sweep at most; the next sweep takes the rest. */
	private static final int IDLE_BATCH = 500;

	private final LiveRequests requests;

	private final LiveStore store;

	private final OpenLives open;

	private final ScoringEngine engine;

	private final RulePackStore packs;

	private final Penalties penalties;

	private final SessionIngest ingest;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final WebhookOutbox outbox;

	private final Clock clock;

	private final LiveMeters meters;

	/**
	 * The lives of each pack version that checked a live here, made once each: a
	 * {@link Lives} holds the pool of sessions its lives are judged in. A version no
	 * longer active is compiled again once, when a live it checked needs it.
	 */
	private final Map<RulePackRef, Lives> lives = new ConcurrentHashMap<>();

	LiveEnforcement(LiveRequests requests, LiveStore store, OpenLives open, ScoringEngine engine, RulePackStore packs,
			Penalties penalties, SessionIngest ingest, TransactionTemplate transactions, JsonMapper json,
			WebhookOutbox outbox, Clock clock, LiveMeters meters) {
		this.requests = requests;
		this.store = store;
		this.open = open;
		this.engine = engine;
		this.packs = packs;
		this.penalties = penalties;
		this.ingest = ingest;
		this.transactions = transactions;
		this.json = json;
		this.outbox = outbox;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * The go-live check of a new live, with its market's active pack and the seller's
	 * penalties; a repeat is answered from storage.
	 * @throws InvalidLive when the request does not follow live.md; nothing is stored
	 * @throws LiveConflict when the id was opened with other content, or is a session's
	 * @throws LivesNotSupported when the market's active pack has no go-live or live
	 * rules
	 */
	Opened check(String body) {
		GoLive live = this.requests.goLive(body);
		String request = this.requests.canonical(live);
		Optional<StoredLive> stored = this.store.find(live.liveId());
		if (stored.isPresent()) {
			return repeat(stored.get(), request);
		}
		if (this.store.sessionExists(live.liveId())) {
			throw LiveConflict.sessionExists(live.liveId());
		}
		CompiledPack pack = this.engine.registry().forMarket(live.market());
		if (!Lives.supports(pack)) {
			throw new LivesNotSupported(live.market(), pack.ref());
		}
		GoLiveAnswer decided = this.lives.computeIfAbsent(pack.ref(), (version) -> new Lives(pack))
			.check(live, this.penalties.forSeller(live.sellerId()));
		LiveAnswer answer = LiveAnswer.of(live.sellerId(), live.market(), decided);
		String answerJson = this.json.writeValueAsString(answer);
		StoredLive added = new StoredLive(live.liveId(), live.sellerId(), live.market(), live.startedAt(),
				answer.status(), request, answerJson, pack.ref().id(), pack.ref().version(), 0, 0, 0, 0, 0, 0, null,
				null, null, null);
		try {
			this.transactions.executeWithoutResult((status) -> {
				this.store.add(added, this.clock.instant().truncatedTo(ChronoUnit.MILLIS));
				if (answer.status() == LiveStatus.REFUSED) {
					this.outbox.record(EventTypes.LIVE_REFUSED, answer);
				}
			});
		}
		catch (DuplicateKeyException ex) {
			log.debug("Live {} was opened meanwhile by a concurrent request", live.liveId());
			return repeat(this.store.find(live.liveId()).orElseThrow(() -> ex), request);
		}
		log.debug("Live {} checked by {}: {}", live.liveId(), pack.ref(), answer.status());
		this.meters.checked(answer.status());
		return new Opened(true, answer);
	}

	/**
	 * Judges a request of signals and stores it with the actions it decided.
	 * @throws LiveNotFound for an unknown live
	 * @throws LiveConflict for a REFUSED or ENDED live
	 * @throws InvalidLive when the request does not follow live.md; nothing is stored
	 */
	SignalsAnswer signals(String liveId, String body, Locale locale) {
		long arrived = System.nanoTime();
		StoredLive head = this.store.find(liveId).orElseThrow(() -> new LiveNotFound(liveId));
		refuseClosed(head);
		GoLive live = this.requests.goLive(head.request());
		LiveRequests.Signals parsed = this.requests.signals(live, body);
		Instant decidedAt = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		SignalsAnswer answer = this.transactions.execute((status) -> {
			StoredLive locked = this.store.lock(liveId).orElseThrow(() -> new LiveNotFound(liveId));
			refuseClosed(locked);
			int after = locked.batches() + (parsed.stored() ? 1 : 0);
			return this.open.with(locked, after, source(locked, live),
					(decider) -> judge(locked, decider, parsed, decidedAt, locale));
		});
		this.meters.judged(Objects.requireNonNull(answer), System.nanoTime() - arrived);
		return answer;
	}

	/**
	 * Ends a live: its record is scored and stored as {@code POST /api/v1/sessions}
	 * would, and its card answered; ending again answers the same card.
	 * @throws LiveNotFound for an unknown live
	 * @throws LiveConflict for a REFUSED live
	 */
	String end(String liveId, String body) {
		StoredLive head = this.store.find(liveId).orElseThrow(() -> new LiveNotFound(liveId));
		if (head.status() == LiveStatus.REFUSED) {
			throw LiveConflict.refused(liveId);
		}
		if (head.scoreCard() != null) {
			return head.scoreCard();
		}
		GoLive live = this.requests.goLive(head.request());
		String card = this.transactions.execute((status) -> {
			StoredLive locked = this.store.lock(liveId).orElseThrow(() -> new LiveNotFound(liveId));
			if (locked.scoreCard() != null) {
				return locked.scoreCard();
			}
			return finish(live, body, ENDED_BY_PLATFORM);
		});
		this.open.forget(liveId);
		log.debug("Live {} ended", liveId);
		return Objects.requireNonNull(card);
	}

	/**
	 * Ends the lives that received nothing for their pack's {@code live.idleTimeout}
	 * (live.md): each at its last signal's {@code at} (a second after its start when it
	 * has none after it), with its last {@code viewers} as peak and average and zero for
	 * the other stats, through the same path as {@link #end}. A live that receives a
	 * request meanwhile is left open; one that cannot end is logged and left for the next
	 * sweep.
	 * @return the lives ended
	 */
	int endIdle(Instant now) {
		int ended = 0;
		for (String liveId : this.store.idleSince(now.minus(MIN_IDLE), IDLE_BATCH)) {
			try {
				if (endIfIdle(liveId, now)) {
					ended++;
				}
			}
			catch (RuntimeException ex) {
				log.error("Live {} is idle but could not be ended", liveId, ex);
			}
		}
		return ended;
	}

	private boolean endIfIdle(String liveId, Instant now) {
		Boolean ended = this.transactions.execute((status) -> {
			StoredLive locked = this.store.lock(liveId).orElseThrow(() -> new LiveNotFound(liveId));
			if (locked.status() != LiveStatus.OPEN && locked.status() != LiveStatus.STOPPED) {
				return false;
			}
			LiveAnswer answer = this.json.readValue(locked.answer(), LiveAnswer.class);
			long timeout = lives(answer.rulePack()).pack().settings().millis("live.idleTimeout");
			if (this.store.lastReceivedAt(liveId).plusMillis(timeout).isAfter(now)) {
				return false;
			}
			Instant last = (locked.lastSignalAt() != null) ? locked.lastSignalAt() : locked.startedAt();
			Instant endedAt = last.isAfter(locked.startedAt()) ? last : locked.startedAt().plusSeconds(1);
			long viewers = (locked.lastViewers() != null) ? locked.lastViewers() : 0;
			String body = this.json
				.writeValueAsString(Map.of("endedAt", endedAt.toString(), "stats", Map.of("peakViewers", viewers,
						"avgViewers", viewers, "comments", 0, "commentsAnswered", 0, "orders", 0, "viewerReports", 0)));
			finish(this.requests.goLive(locked.request()), body, ENDED_BY_IDLE_TIMEOUT);
			log.info("Live {} ended after {} ms without a request, at {}", liveId, timeout, endedAt);
			return true;
		});
		if (Boolean.TRUE.equals(ended)) {
			this.open.forget(liveId);
			return true;
		}
		return false;
	}

	/**
	 * Turns the live, whose row the caller has locked, into its session record, ingested
	 * as {@code POST /api/v1/sessions} does, and keeps the card with the live.
	 */
	private String finish(GoLive live, String endBody, String endedBy) {
		String record = this.requests.sessionRecord(live, this.store.signals(live.liveId()), endBody);
		IngestResult result = this.ingest.ingest(record, SessionMeters.Path.LIVE);
		this.store.end(live.liveId(), this.requests.endedAt(record), result.scoreCard());
		Map<String, Object> ended = new LinkedHashMap<>();
		ended.put("liveId", live.liveId());
		ended.put("sellerId", live.sellerId());
		ended.put("endedBy", endedBy);
		ended.put("scoreCard", this.json.readTree(result.scoreCard()));
		this.outbox.record(EventTypes.LIVE_ENDED, ended);
		return result.scoreCard();
	}

	/** The live, if the caller may see it (a SELLER only its own seller's). */
	LiveView find(String liveId, Caller caller, Locale locale) {
		StoredLive live = this.store.find(liveId)
			.filter((found) -> caller.maySee(found.sellerId()))
			.orElseThrow(() -> new LiveNotFound(liveId));
		LiveAnswer answer = this.json.readValue(live.answer(), LiveAnswer.class);
		List<ActionView> actions = this.store.actions(liveId)
			.stream()
			.map((action) -> ActionView.of(this.json.readValue(action, Action.class), locale))
			.toList();
		return new LiveView(live.liveId(), live.sellerId(), live.market(), live.status(), live.startedAt(),
				live.endedAt(), answer.refusals(), answer.blockedProducts(), answer.notices(), live.strikes(),
				live.signalsAccepted(), live.late(), actions);
	}

	/** The lives in {@code status}, oldest start first. */
	List<LiveSummary> withStatus(LiveStatus status) {
		return this.store.withStatus(status, LIST_LIMIT).stream().map(LiveSummary::of).toList();
	}

	/** A page of the seller's lives, newest first, if the caller may see them. */
	SellerLives ofSeller(String sellerId, Caller caller, int page, int size) {
		if (!caller.maySee(sellerId)) {
			throw new SellerLivesNotFound(sellerId);
		}
		List<LiveSummary> lives = this.store.ofSeller(sellerId, page, size).stream().map(LiveSummary::of).toList();
		return new SellerLives(sellerId, page, size, this.store.countOfSeller(sellerId), lives);
	}

	private SignalsAnswer judge(StoredLive live, LiveDecider decider, LiveRequests.Signals parsed, Instant decidedAt,
			Locale locale) {
		String liveId = live.liveId();
		int batch = live.batches();
		if (parsed.stored()) {
			batch++;
			this.store.addBatch(liveId, batch, parsed.viewers(), decidedAt);
		}
		int arrival = live.signalsAccepted();
		int actionsBefore = decider.actions();
		// one decide a request, as a replay feeds it: the viewers first, then the signals
		// in at order, stably; each accepted signal is stored in the order it was judged
		SignalBatch judged = decider.decide(parsed.signals(), parsed.viewers(), decidedAt);
		List<Action> actions = judged.actions();
		@Nullable Instant lastSignalAt = live.lastSignalAt();
		for (SignalBatch.Judged one : judged.judged()) {
			if (one.duplicate()) {
				continue;
			}
			arrival++;
			SequencedSignal signal = one.signal();
			this.store.addSignal(liveId, arrival, batch, signal, this.requests.json(signal.signal()), one.late());
			Instant at = signal.signal().at();
			if (lastSignalAt == null || at.isAfter(lastSignalAt)) {
				lastSignalAt = at;
			}
		}
		int accepted = judged.accepted();
		int duplicates = judged.duplicates();
		int late = judged.late();
		int n = actionsBefore;
		for (Action action : actions) {
			n++;
			if (!action.actionId().equals(liveId + ":" + n)) {
				throw new IllegalStateException(
						"Live " + liveId + " decided action " + action.actionId() + " where action " + n + " was due");
			}
			this.store.addAction(liveId, n, action.actionId(), action.level().name(), action.code(), action.at(),
					this.json.writeValueAsString(action));
		}
		// the actions as the answer shows them (in English), with the seller: sent once
		// this request's transaction commits
		this.outbox.record(actions.stream().map((action) -> {
			ObjectNode data = this.json.valueToTree(ActionView.of(action, Locale.ENGLISH));
			data.put("sellerId", live.sellerId());
			return new WebhookOutbox.Event(EventTypes.LIVE_ACTION, data);
		}).toList());
		this.store.update(liveId, decider.status(), decider.strikes(), live.signalsAccepted() + accepted,
				live.duplicates() + duplicates, live.late() + late, n, batch, lastSignalAt,
				(parsed.viewers() != null) ? parsed.viewers() : live.lastViewers(), decidedAt);
		return new SignalsAnswer(liveId, decider.status(), accepted, duplicates, late, decider.strikes(),
				actions.stream().map((action) -> ActionView.of(action, locale)).toList());
	}

	/**
	 * The live's deciders: opened by the pack version that checked it, and fed its stored
	 * requests in arrival order, each as one {@code decide} (the order in which
	 * {@link #judge} took its signals). The actions a replay decides again are dropped:
	 * they are stored. Fed every stored request, a fresh decider stands where the live's
	 * stored actions say, and the next signal decides what it would have decided in the
	 * decider that judged them; fed those after its own, a decider of this node catches
	 * up with the requests another node judged.
	 */
	private OpenLives.Source source(StoredLive live, GoLive request) {
		return new OpenLives.Source() {

			@Override
			public LiveDecider open() {
				LiveAnswer answer = LiveEnforcement.this.json.readValue(live.answer(), LiveAnswer.class);
				return lives(answer.rulePack()).open(request, answer.engine());
			}

			@Override
			public void feed(LiveDecider decider, int judged) {
				Instant replayedAt = LiveEnforcement.this.clock.instant();
				for (LiveStore.Batch batch : LiveEnforcement.this.store.batches(live.liveId(), judged,
						decider.accepted())) {
					List<SequencedSignal> signals = new ArrayList<>();
					for (LiveStore.Batch.Stored stored : batch.signals()) {
						signals.add(new SequencedSignal(stored.seq(),
								LiveEnforcement.this.json.readValue(stored.json(), Signal.class)));
					}
					decider.decide(signals, batch.viewers(), replayedAt);
				}
			}

		};
	}

	/**
	 * The lives of the pack version that checked a live: it decides the live to its end.
	 */
	private Lives lives(RulePackRef ref) {
		return this.lives.computeIfAbsent(ref, (version) -> {
			CompiledPack active = this.engine.registry().active(version.id()).orElse(null);
			if (active != null && active.ref().equals(version)) {
				return new Lives(active);
			}
			return new Lives(this.engine.compiler()
				.compile(this.packs.find(version.id(), version.version())
					.orElseThrow(() -> new IllegalStateException("Rule pack " + version + " is not stored"))
					.source()));
		});
	}

	private Opened repeat(StoredLive stored, String request) {
		if (!stored.request().equals(request)) {
			throw LiveConflict.otherContent(stored.liveId());
		}
		return new Opened(false, this.json.readValue(stored.answer(), LiveAnswer.class));
	}

	private static void refuseClosed(StoredLive live) {
		if (live.status() == LiveStatus.REFUSED || live.status() == LiveStatus.ENDED) {
			throw LiveConflict.closed(live.liveId(), live.status());
		}
	}

	/**
	 * A go-live answer.
	 *
	 * @param created whether the live was new (else the stored answer of a repeat)
	 * @param answer the answer
	 */
	record Opened(boolean created, LiveAnswer answer) {
	}

}
