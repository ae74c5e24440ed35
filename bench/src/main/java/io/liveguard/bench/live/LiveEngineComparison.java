package io.liveguard.bench.live;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.facts.live.ActionLevel;
import io.liveguard.engine.generator.GeneratedLive;
import io.liveguard.engine.generator.LiveGenerator;
import io.liveguard.engine.live.Action;
import io.liveguard.engine.live.GoLiveAnswer;
import io.liveguard.engine.live.LiveDecider;
import io.liveguard.engine.live.LiveStatus;
import io.liveguard.engine.live.Lives;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.text.KeywordMatcher;

/**
 * The same generated lives decided in this JVM, on one thread, by the default pack's
 * Drools live rules ({@link LiveDecider}) and by {@link PlainJavaLive}, with no HTTP and
 * no storage: every live open at once, their requests sent round by round (request 1 of
 * every live, then request 2 of every live...), as a node interleaves them. Prints
 * signals/s, the thread's CPU time per signal, the heap each open live holds (used heap
 * after a GC with every live open, less before opening them, over the lives), and
 * requires that both decide identical actions.
 * <p>
 * Arguments ({@code name=value}, all optional): {@code lives} (10000), {@code seed}
 * (20261204, the seed {@link RunLiveBenchmark} streams by default), {@code warmup} (lives
 * of another seed each decider decides first, 2000).
 */
public final class LiveEngineComparison {

	private LiveEngineComparison() {
	}

	public static void main(String[] args) {
		Options options = Options.parse(args);
		int count = options.integer("lives", 10_000);
		long seed = options.number("seed", RunLiveBenchmark.DEFAULT_SEED);
		int warmup = options.integer("warmup", 2_000);

		CompiledPack pack = ScoringEngine.withClasspathPacks("default").registry().active("default").orElseThrow();
		Lives lives = new Lives(pack);
		KeywordMatcher keywords = new KeywordMatcher(pack.settings().keywordLists());

		System.out.println("== in-process comparison: " + count + " lives of seed " + seed + ", one thread");
		System.out.println("load:      " + Machine.loadAverage() + " before");
		List<Checked> checked = generate(lives, new LiveGenerator(seed), count);
		List<Checked> warm = generate(lives, new LiveGenerator(seed + 1), warmup);
		long signals = checked.stream().mapToLong((live) -> live.live().signalCount()).sum();
		long requests = checked.stream().mapToLong((live) -> live.live().requests().size()).sum();
		System.out.printf("lives:     %,d open at once (%,d refused by the go-live check), %,d requests, %,d signals%n",
				checked.size(), count - checked.size(), requests, signals);

		Engine<LiveDecider> drools = new Engine<>("Drools (default pack)",
				(live) -> lives.open(live.live().request(), live.answer()),
				(decider, request) -> decider.decide(request.signals(), request.viewers(), Instant.EPOCH)
					.actions()
					.stream()
					.map(LiveEngineComparison::decided)
					.toList(),
				LiveDecider::close);
		Engine<PlainJavaLive> plain = new Engine<>("plain Java (PlainJavaLive)",
				(live) -> new PlainJavaLive(live.live().request(), live.answer().blockedSkus(), keywords),
				(reading, request) -> {
					int before = reading.decided().size();
					reading.send(request);
					List<PlainJavaLive.Decided> decided = reading.decided();
					return List.copyOf(decided.subList(before, decided.size()));
				}, (reading) -> {
				});

		drools.run(warm);
		plain.run(warm);
		Result droolsResult = drools.run(checked);
		Result plainResult = plain.run(checked);

		int differ = 0;
		String first = null;
		for (int i = 0; i < checked.size(); i++) {
			if (!droolsResult.actions().get(i).equals(plainResult.actions().get(i))) {
				differ++;
				if (first == null) {
					first = checked.get(i).live().request().liveId() + "\n  drools " + droolsResult.actions().get(i)
							+ "\n  plain  " + plainResult.actions().get(i);
				}
			}
		}
		System.out.printf("%-28s %14s %14s %14s %16s %18s %s%n", "decider", "signals/s", "thread CPU/sig",
				"JVM CPU/sig", "heap/open live", "heap all open", "actions");
		for (Result result : List.of(droolsResult, plainResult)) {
			System.out.printf("%-28s %,14.0f %11.2f us %11.2f us %13.1f KB %15.1f MB %s%n", result.name(),
					signals / (result.wallNanos() / 1e9), result.threadCpuNanos() / 1e3 / signals,
					result.processCpuNanos() / 1e3 / signals, result.heapGrowth() / 1024.0 / checked.size(),
					result.heapGrowth() / 1024.0 / 1024.0, result.byLevel());
		}
		System.out.printf("ratio:     plain Java / Drools signals/s %.1f; by thread CPU %.1f%n",
				droolsResult.wallNanos() / (double) plainResult.wallNanos(),
				droolsResult.threadCpuNanos() / (double) plainResult.threadCpuNanos());
		System.out.println("load:      " + Machine.loadAverage() + " after");
		if (differ > 0) {
			System.out.println("FAILED: " + differ + " lives decided differently; the first: " + first);
			System.exit(1);
		}
		System.out.println("identical: the " + checked.size() + " lives got the same actions from both");
	}

	private static List<Checked> generate(Lives lives, LiveGenerator generator, int count) {
		List<Checked> checked = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			GeneratedLive live = generator.live(i);
			GoLiveAnswer answer = lives.check(live.request(), List.of());
			if (answer.status() == LiveStatus.OPEN) {
				checked.add(new Checked(live, answer));
			}
		}
		return checked;
	}

	private static PlainJavaLive.Decided decided(Action action) {
		return new PlainJavaLive.Decided(action.actionId(), action.level(), action.code(), action.severity(),
				action.strikes(), action.at());
	}

	/** A generated live and its go-live answer. */
	record Checked(GeneratedLive live, GoLiveAnswer answer) {
	}

	/** What one decider did with the lives. */
	record Result(String name, long wallNanos, long threadCpuNanos, long processCpuNanos, long heapGrowth,
			List<List<PlainJavaLive.Decided>> actions, Map<ActionLevel, Integer> byLevel) {
	}

	/** One way of deciding lives: open one, send it a request, close it. */
	private record Engine<D>(String name, Function<Checked, D> open,
			BiFunction<D, GeneratedLive.Request, List<PlainJavaLive.Decided>> send,
			java.util.function.Consumer<D> close) {

		Result run(List<Checked> lives) {
			MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			long heapBefore = Machine.usedHeapAfterGc(memory);
			List<D> open = new ArrayList<>(lives.size());
			List<List<PlainJavaLive.Decided>> actions = new ArrayList<>(lives.size());
			for (Checked live : lives) {
				open.add(this.open.apply(live));
				actions.add(new ArrayList<>());
			}
			int rounds = lives.stream().mapToInt((live) -> live.live().requests().size()).max().orElse(0);
			long wall = System.nanoTime();
			long thread = threads.getCurrentThreadCpuTime();
			long process = Machine.processCpuNanos();
			for (int round = 0; round < rounds; round++) {
				for (int i = 0; i < lives.size(); i++) {
					List<GeneratedLive.Request> requests = lives.get(i).live().requests();
					if (round < requests.size()) {
						actions.get(i).addAll(this.send.apply(open.get(i), requests.get(round)));
					}
				}
			}
			wall = System.nanoTime() - wall;
			thread = threads.getCurrentThreadCpuTime() - thread;
			process = Machine.processCpuNanos() - process;
			long heapGrowth = Machine.usedHeapAfterGc(memory) - heapBefore;
			open.forEach(this.close);
			Map<ActionLevel, Integer> byLevel = new EnumMap<>(ActionLevel.class);
			actions.forEach((decided) -> decided.forEach((action) -> byLevel.merge(action.level(), 1, Integer::sum)));
			return new Result(this.name, wall, thread, process, heapGrowth, actions, byLevel);
		}

	}

}
