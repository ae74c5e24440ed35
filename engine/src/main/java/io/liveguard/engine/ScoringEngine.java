package io.liveguard.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.rulepack.RulePackCompiler;
import io.liveguard.engine.rulepack.RulePackRegistry;
import io.liveguard.engine.rulepack.RulePackSource;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.scoring.SellerHistory;
import io.liveguard.engine.session.LiveSession;

/**
 * The engine's facade: scores sessions with the active rule pack of their market. Thread
 * safe; one instance serves the whole application.
 */
public final class ScoringEngine {

	private final RulePackRegistry registry;

	private final RulePackCompiler compiler;

	private final Clock clock;

	public ScoringEngine(RulePackRegistry registry, RulePackCompiler compiler, Clock clock) {
		this.registry = registry;
		this.compiler = compiler;
		this.clock = clock;
	}

	/**
	 * An engine with the packs shipped on the classpath under {@code packs/<id>/}, each
	 * as version 1.
	 */
	public static ScoringEngine withClasspathPacks(String... packIds) {
		RulePackRegistry registry = new RulePackRegistry();
		RulePackCompiler compiler = new RulePackCompiler();
		for (String id : packIds) {
			registry
				.activate(compiler.compile(RulePackSource.fromClasspath(id, 1, ScoringEngine.class.getClassLoader())));
		}
		return new ScoringEngine(registry, compiler, Clock.systemUTC());
	}

	public RulePackRegistry registry() {
		return this.registry;
	}

	public RulePackCompiler compiler() {
		return this.compiler;
	}

	/**
	 * The active pack for the session's market: take it once and use it for the whole
	 * unit of work.
	 */
	public CompiledPack packFor(LiveSession session) {
		return this.registry.forMarket(session.market());
	}

	/** Scores a session with its market's active pack. */
	public ScoreCard score(LiveSession session, SellerHistory history) {
		return packFor(session).score(session, history, this.clock.instant());
	}

	/**
	 * The span of the seller's earlier sessions a pack wants as {@link SellerHistory}:
	 * from {@code startedAt} minus the pack's look-back days (inclusive) to
	 * {@code startedAt} (exclusive).
	 */
	public static HistoryWindow historyWindow(CompiledPack pack, LiveSession session) {
		Instant to = session.startedAt();
		return new HistoryWindow(to.minus(Duration.ofDays(pack.settings().historyDays())), to);
	}

	/** A half-open span of time, {@code [from, to)}. */
	public record HistoryWindow(Instant from, Instant to) {

		public boolean isEmpty() {
			return !this.from.isBefore(this.to);
		}

	}

}
