package io.liveguard.batch.session;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.scoring.Finding;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.scoring.SellerHistory;
import io.liveguard.engine.session.LiveSession;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What the ways sessions arrive report to Micrometer (README, "Operating LiveGuard"):
 * sessions stored, repeated and rejected by path, the time a rule pack takes to score a
 * session, and the findings by code. Tags are low-cardinality only: the path, the
 * rejection's reason, the pack id and the finding code (both bounded by the packs; past
 * {@link #MAX_TAG_VALUES} distinct values the rest count as {@code other}), never a
 * seller or session id. The per-path meters are built once; a pack's timer and a code's
 * counter the first time they are seen, then found with one map look-up.
 */
public final class SessionMeters {

	/** At most this many distinct pack ids, and finding codes, become tag values. */
	static final int MAX_TAG_VALUES = 500;

	static final String OTHER = "other";

	/** How a session arrived. */
	public enum Path {

		/** {@code POST /api/v1/sessions}. */
		SINGLE,
		/** {@code POST /api/v1/sessions/batch}. */
		BATCH,
		/** The bulk import ({@code POST /api/v1/imports}). */
		IMPORT,
		/**
		 * A live that ended ({@code POST /api/v1/lives/{id}/end} or its idle timeout).
		 */
		LIVE;

		final String tag = name().toLowerCase(Locale.ROOT);

	}

	/** Why a session was not stored. */
	public enum Rejection {

		/** It does not follow the session format (or is no JSON). */
		INVALID,
		/** A line over the record size limit. */
		TOO_LONG,
		/** Its id was stored before with other content. */
		CONFLICT,
		/** The rule pack failed on it. */
		UNSCORABLE,
		/** Anything else (logged). */
		ERROR;

		final String tag = name().toLowerCase(Locale.ROOT);

	}

	private final MeterRegistry registry;

	private final Counter[] stored = new Counter[Path.values().length];

	private final Counter[] duplicates = new Counter[Path.values().length];

	private final Counter[][] rejected = new Counter[Path.values().length][Rejection.values().length];

	private final Map<String, Timer> scoring = new ConcurrentHashMap<>();

	private final Map<String, Counter> findings = new ConcurrentHashMap<>();

	public SessionMeters(MeterRegistry registry) {
		this.registry = registry;
		for (Path path : Path.values()) {
			this.stored[path.ordinal()] = ingested(path, "stored");
			this.duplicates[path.ordinal()] = ingested(path, "duplicate");
			for (Rejection reason : Rejection.values()) {
				this.rejected[path.ordinal()][reason.ordinal()] = Counter.builder("liveguard.sessions.rejected")
					.description("Session records refused, by how they arrived and why")
					.tag("path", path.tag)
					.tag("reason", reason.tag)
					.register(registry);
			}
		}
	}

	private Counter ingested(Path path, String outcome) {
		return Counter.builder("liveguard.sessions.ingested")
			.description("Session records accepted: stored (new) or duplicate (sent before with the same content)")
			.tag("path", path.tag)
			.tag("outcome", outcome)
			.register(this.registry);
	}

	/** {@code count} new sessions were stored. */
	public void stored(Path path, long count) {
		this.stored[path.ordinal()].increment(count);
	}

	/** {@code count} sessions were repeats of stored ones. */
	public void duplicates(Path path, long count) {
		this.duplicates[path.ordinal()].increment(count);
	}

	/** {@code count} sessions were refused for {@code reason}. */
	public void rejected(Path path, Rejection reason, long count) {
		this.rejected[path.ordinal()][reason.ordinal()].increment(count);
	}

	/**
	 * Scores the session with the pack, timed by the pack's {@code liveguard.scoring}
	 * timer; the card's findings are counted.
	 */
	public ScoreCard score(CompiledPack pack, LiveSession session, SellerHistory history, Instant scoredAt) {
		Timer timer = meter(this.scoring, pack.ref().id(),
				(id) -> Timer.builder("liveguard.scoring")
					.description("Time a rule pack takes to score one session (fact extraction, rules, findings table)")
					.tag("pack", id)
					.publishPercentileHistogram()
					.register(this.registry));
		long start = System.nanoTime();
		ScoreCard card = pack.score(session, history, scoredAt);
		timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		for (Finding finding : card.findings()) {
			meter(this.findings, finding.code(),
					(code) -> Counter.builder("liveguard.findings")
						.description("Findings in the score cards of sessions scored on arrival, by finding code")
						.tag("code", code)
						.register(this.registry))
				.increment();
		}
		return card;
	}

	private static <M> M meter(Map<String, M> meters, String value, Function<String, M> create) {
		M meter = meters.get(value);
		if (meter != null) {
			return meter;
		}
		String tag = (meters.size() < MAX_TAG_VALUES) ? value : OTHER;
		return meters.computeIfAbsent(tag, create);
	}

}
