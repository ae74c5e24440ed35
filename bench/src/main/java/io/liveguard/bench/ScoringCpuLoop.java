package io.liveguard.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;

import io.liveguard.engine.facts.SessionFacts;
import io.liveguard.engine.generator.GeneratedSession;
import io.liveguard.engine.generator.GeneratorSettings;
import io.liveguard.engine.generator.SessionGenerator;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.rulepack.RulePackCompiler;
import io.liveguard.engine.rulepack.RulePackSource;
import io.liveguard.engine.scoring.SellerHistory;
import io.liveguard.engine.session.LiveSession;

/**
 * The CPU time per session of a single-threaded warm loop over the sessions of
 * {@link ScoringBenchmark} (10,000, seed 42), for the four benchmarks, measured pass by
 * pass and interleaved so that all four see the same machine. Thread CPU time is what the
 * scoring thread itself spent; process CPU time adds every other thread of the JVM (GC,
 * JIT, and any thread the scorer wakes, such as a watchdog). Both are robust to other
 * processes on the machine, unlike sessions/s. Arguments: warm-up passes (default 40),
 * measured passes (default 10).
 *
 * <pre>
 * java -cp ... io.liveguard.bench.ScoringCpuLoop 40 10 all 2
 * </pre>
 */
public final class ScoringCpuLoop {

	private static final Instant SCORED_AT = Instant.parse("2026-12-01T00:00:00Z");

	private static final String[] NAMES = { "drools", "handWritten", "droolsRulesOnly", "handWrittenRulesOnly" };

	private ScoringCpuLoop() {
	}

	public static void main(String[] args) {
		int warmup = (args.length > 0) ? Integer.parseInt(args[0]) : 40;
		int passes = (args.length > 1) ? Integer.parseInt(args[1]) : 10;
		List<String> only = (args.length > 2 && !args[2].equals("all")) ? List.of(args[2].split(",")) : List.of(NAMES);
		int threadCount = (args.length > 3) ? Integer.parseInt(args[3]) : 1;
		CompiledPack pack = new RulePackCompiler()
			.compile(RulePackSource.fromClasspath("default", 1, ScoringCpuLoop.class.getClassLoader()));
		HandWrittenScorer handWritten = new HandWrittenScorer(pack);
		GeneratorSettings settings = GeneratorSettings.defaults()
			.withCount(10_000)
			.withSellers(200)
			.withDays(30)
			.withSeed(42)
			.withHistoryDays(pack.settings().historyDays());
		List<GeneratedSession> generated = new SessionGenerator(settings).list();
		int n = generated.size();
		LiveSession[] sessions = new LiveSession[n];
		SellerHistory[] histories = new SellerHistory[n];
		SessionFacts[] facts = new SessionFacts[n];
		for (int i = 0; i < n; i++) {
			sessions[i] = generated.get(i).session();
			histories[i] = generated.get(i).history();
			facts[i] = handWritten.extract(sessions[i], histories[i]);
		}
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		double[][] thread = new double[4][passes];
		double[][] process = new double[4][passes];
		// every thread starts a benchmark's pass together and ends it together, so the
		// JVM's CPU time between the two barriers is that pass's; {bench, measured pass,
		// process CPU at the start} of the pass under way
		long[] pass = new long[3];
		CyclicBarrier passStart = new CyclicBarrier(threadCount, () -> pass[2] = os.getProcessCpuTime());
		CyclicBarrier passEnd = new CyclicBarrier(threadCount, () -> {
			if (pass[1] >= 0) {
				process[(int) pass[0]][(int) pass[1]] = (os.getProcessCpuTime() - pass[2]) / 1e3 / n / threadCount;
			}
		});
		AtomicLong sink = new AtomicLong();
		long started = System.nanoTime();
		Thread[] workers = new Thread[threadCount];
		for (int t = 0; t < threadCount; t++) {
			int offset = t * 4_999;
			workers[t] = new Thread(() -> {
				long mine = 0;
				for (int p = 0; p < warmup + passes; p++) {
					for (int b = 0; b < 4; b++) {
						if (!only.contains(NAMES[b])) {
							continue;
						}
						if (offset == 0) {
							pass[0] = b;
							pass[1] = p - warmup;
						}
						await(passStart);
						long cpu = threads.getCurrentThreadCpuTime();
						for (int k = 0; k < n; k++) {
							int i = (k + offset) % n;
							mine += switch (b) {
								case 0 -> pack.score(sessions[i], histories[i], SCORED_AT).contentScore();
								case 1 -> handWritten.score(sessions[i], histories[i], SCORED_AT).contentScore();
								case 2 -> pack.detect(facts[i]).size();
								default -> handWritten.detect(facts[i]).size();
							};
						}
						double spent = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / n / threadCount;
						if (p >= warmup) {
							synchronized (thread) {
								thread[b][p - warmup] += spent;
							}
						}
						await(passEnd);
					}
				}
				sink.addAndGet(mine);
			}, "scoring-" + t);
			workers[t].start();
		}
		for (Thread worker : workers) {
			try {
				worker.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		pack.close();
		System.out.printf(Locale.ROOT,
				"%d sessions, %d thread(s), %d warm-up + %d measured passes in %.0f s, load %.2f (sink %d)%n", n,
				threadCount, warmup, passes, (System.nanoTime() - started) / 1e9, os.getSystemLoadAverage(),
				sink.get());
		System.out.printf(Locale.ROOT, "%-22s %12s %12s %12s%n", "us per session", "thread med", "thread min",
				"process med");
		double[] threadMedian = new double[4];
		double[] processMedian = new double[4];
		for (int b = 0; b < 4; b++) {
			threadMedian[b] = median(thread[b]);
			processMedian[b] = median(process[b]);
			System.out.printf(Locale.ROOT, "%-22s %12.1f %12.1f %12.1f%n", NAMES[b], threadMedian[b],
					Arrays.stream(thread[b]).min().orElse(0), processMedian[b]);
		}
		System.out.printf(Locale.ROOT, "ratio drools/handWritten (speed): thread %.3f, process %.3f%n",
				threadMedian[1] / threadMedian[0], processMedian[1] / processMedian[0]);
		System.out.printf(Locale.ROOT, "ratio rules only (speed): thread %.3f, process %.3f%n",
				threadMedian[3] / threadMedian[2], processMedian[3] / processMedian[2]);
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await();
		}
		catch (InterruptedException | BrokenBarrierException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

}
