package io.liveguard.bench;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.liveguard.engine.facts.Detection;
import io.liveguard.engine.facts.SessionFacts;
import io.liveguard.engine.generator.GeneratedSession;
import io.liveguard.engine.generator.GeneratorSettings;
import io.liveguard.engine.generator.SessionGenerator;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.rulepack.RulePackCompiler;
import io.liveguard.engine.rulepack.RulePackSource;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.scoring.SellerHistory;
import io.liveguard.engine.session.LiveSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Scoring throughput of the default pack in Drools against {@link HandWrittenScorer}. One
 * operation scores ONE session, so ops/s is sessions/s (JMH sums the threads). Each
 * thread cycles through the same pre-generated sessions (with histories), starting at its
 * own offset.
 * <ul>
 * <li>{@code drools}, {@code handWritten}: the whole {@code score} call, as callers make
 * it: fact extraction (sorting signals, keyword matching, totals), the rules, and the
 * findings table.</li>
 * <li>{@code droolsRulesOnly}, {@code handWrittenRulesOnly}: only {@code detect} on facts
 * extracted in set-up: the part where the two differ.</li>
 * </ul>
 * Warm-up differs on purpose: the hand-written path is at steady state after ~15 s here,
 * Drools only after 45-60 s on 2 busy cores (MVEL constraints are jitted after their
 * first evaluations, then C2 compiles a lot of engine code), so the Drools benchmarks
 * warm up for 60 s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Threads(2)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx2g" })
@Warmup(iterations = 8, time = 3)
@Measurement(iterations = 5, time = 4)
public class ScoringBenchmark {

	/** Sessions generated in set-up and cycled through. */
	@Param("10000")
	public int sessions;

	@Param("42")
	public long seed;

	private static final Instant SCORED_AT = Instant.parse("2026-12-01T00:00:00Z");

	private CompiledPack pack;

	private HandWrittenScorer handWritten;

	private LiveSession[] liveSessions;

	private SellerHistory[] histories;

	private SessionFacts[] facts;

	@Setup(Level.Trial)
	public void generate() {
		this.pack = new RulePackCompiler()
			.compile(RulePackSource.fromClasspath("default", 1, ScoringBenchmark.class.getClassLoader()));
		this.handWritten = new HandWrittenScorer(this.pack);
		GeneratorSettings settings = GeneratorSettings.defaults()
			.withCount(this.sessions)
			.withSellers(Math.max(10, this.sessions / 50))
			.withDays(30)
			.withSeed(this.seed)
			.withHistoryDays(this.pack.settings().historyDays());
		List<GeneratedSession> generated = new SessionGenerator(settings).list();
		this.liveSessions = new LiveSession[generated.size()];
		this.histories = new SellerHistory[generated.size()];
		this.facts = new SessionFacts[generated.size()];
		for (int i = 0; i < generated.size(); i++) {
			this.liveSessions[i] = generated.get(i).session();
			this.histories[i] = generated.get(i).history();
			this.facts[i] = this.handWritten.extract(this.liveSessions[i], this.histories[i]);
		}
	}

	@TearDown(Level.Trial)
	public void close() {
		this.pack.close();
	}

	/** Where a thread is in the session array. */
	@State(Scope.Thread)
	public static class Cursor {

		private int next;

		@Setup(Level.Trial)
		public void start(ThreadParams thread) {
			this.next = thread.getThreadIndex() * 4_999;
		}

		int next(int length) {
			int current = this.next % length;
			this.next = current + 1;
			return current;
		}

	}

	@Benchmark
	@Warmup(iterations = 20, time = 3)
	public ScoreCard drools(Cursor cursor) {
		int i = cursor.next(this.liveSessions.length);
		return this.pack.score(this.liveSessions[i], this.histories[i], SCORED_AT);
	}

	@Benchmark
	public ScoreCard handWritten(Cursor cursor) {
		int i = cursor.next(this.liveSessions.length);
		return this.handWritten.score(this.liveSessions[i], this.histories[i], SCORED_AT);
	}

	@Benchmark
	@Warmup(iterations = 20, time = 3)
	public List<Detection> droolsRulesOnly(Cursor cursor) {
		return this.pack.detect(this.facts[cursor.next(this.facts.length)]);
	}

	@Benchmark
	public List<Detection> handWrittenRulesOnly(Cursor cursor) {
		return this.handWritten.detect(this.facts[cursor.next(this.facts.length)]);
	}

}
