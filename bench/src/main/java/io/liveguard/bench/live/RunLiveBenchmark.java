package io.liveguard.bench.live;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.facts.live.ActionLevel;
import io.liveguard.engine.generator.GeneratedLive;
import io.liveguard.engine.generator.LiveGenerator;
import io.liveguard.engine.live.GoLive;
import io.liveguard.engine.live.SequencedSignal;
import io.liveguard.engine.session.SessionCodec;
import io.liveguard.engine.text.KeywordMatcher;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The lives benchmark's load driver (bench/lives/run.sh starts the node and runs it):
 * keeps {@code lives} generated lives open at once on a running node and streams their
 * signal requests to {@code POST /api/v1/lives/{id}/signals} on a fixed-rate, open-loop
 * schedule: live {@code s} of {@code n} sends its next request at {@code s/n} of every
 * {@code period}, whatever the answers before took. A request's latency is measured from
 * when the schedule meant to send it, so a node that falls behind shows it (no
 * coordinated omission); a live's requests are still sent one after the other, in order,
 * as live.md requires. When a live has sent all its requests it is ended and the next
 * generated live takes its place, so the number of open lives stays the same.
 * <p>
 * Every answer's actions are checked against {@link PlainJavaLive}, the plain-Java
 * reading of policy section 4, fed the same requests: at the end the driver reports the
 * lives where that reading expects a STOP and whether the node decided it, the clean
 * lives (nothing planted) that got a STOP, and any live answered other actions.
 * <p>
 * Phases: opening (go-live for every live, closed loop), warm-up and measurement at
 * {@code lives / period} requests/s, then (unless {@code max-step=0s}) one step per rate
 * of {@code max-rates} until p99 passes {@code target-p99} or a request fails, then every
 * live is ended. A phase starts without the backlog of the one before: a request still
 * waiting behind its live's earlier ones when the next phase (or the end) begins is not
 * sent, and counted as skipped. With the node's {@code pid}, a thread samples the node's
 * heap after a full GC ({@code jcmd <pid> GC.run}) every {@code heap-every}.
 * <p>
 * Arguments, {@code name=value}: {@code url} and {@code key} (a PLATFORM API key)
 * required; {@code pid}, {@code lives} (10000), {@code period} (5s), {@code warmup}
 * (120s), {@code duration} (10m), {@code seed}, {@code max-rates}
 * (2500,3000,4000,5000,6000,8000), {@code max-step} (60s), {@code target-p99} (50 ms),
 * {@code heap-every} (30s), {@code in-flight} (256 requests at most), {@code prefix} (of
 * the live ids; a fresh one per run by default).
 */
public final class RunLiveBenchmark {

	/** The seed of the generated lives unless told otherwise. */
	static final long DEFAULT_SEED = 20261204L;

	private static final ObjectMapper JSON = new SessionCodec().mapper();

	/** The last line of {@code jcmd <pid> GC.class_histogram}: instances and bytes. */
	private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("Total\\s+(\\d+)\\s+(\\d+)");

	private final HttpClient http;

	private final URI base;

	private final String key;

	private final long pid;

	private final int liveCount;

	private final long seed;

	private final String prefix;

	private final KeywordMatcher keywords;

	private final Slot[] slots;

	private final Limiter limiter;

	private final Tally tally = new Tally();

	private final Histogram openLatency = new ConcurrentHistogram(60_000_000L, 3);

	private final Histogram endLatency = new ConcurrentHistogram(60_000_000L, 3);

	private final long startedNanos = System.nanoTime();

	private volatile String phaseName = "opening";

	/**
	 * The phase whose schedule is being sent, or null once the lives are being ended: a
	 * request still waiting behind its live's earlier ones when a new phase (or the end)
	 * begins is not sent then, so a node that fell behind starts each phase without the
	 * backlog of the one before (its live sends its next request at its next turn).
	 */
	private volatile @Nullable Phase sending;

	/** Every phase driven so far, in order. */
	private final List<Phase> driven = new ArrayList<>();

	private long baselineHeap = -1;

	private long cursor;

	private RunLiveBenchmark(Options options) {
		this.base = URI.create(options.text("url", "http://127.0.0.1:8080"));
		this.key = options.text("key", "");
		this.pid = options.number("pid", 0);
		this.liveCount = options.integer("lives", 10_000);
		this.seed = options.number("seed", DEFAULT_SEED);
		this.prefix = options.text("prefix", "bench-" + Long.toString(System.currentTimeMillis() / 1000, 36));
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.executor(Executors.newFixedThreadPool(4))
			.build();
		this.limiter = new Limiter(options.integer("in-flight", 256));
		this.keywords = new KeywordMatcher(ScoringEngine.withClasspathPacks("default")
			.registry()
			.active("default")
			.orElseThrow()
			.settings()
			.keywordLists());
		this.slots = new Slot[this.liveCount];
		for (int i = 0; i < this.liveCount; i++) {
			this.slots[i] = new Slot(i);
		}
	}

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		if (options.text("key", "").isEmpty()) {
			throw new IllegalArgumentException("key=<a PLATFORM API key> is required");
		}
		RunLiveBenchmark benchmark = new RunLiveBenchmark(options);
		int failures = benchmark.run(options);
		System.exit(failures == 0 ? 0 : 1);
	}

	private int run(Options options) throws Exception {
		Duration period = options.duration("period", Duration.ofSeconds(5));
		Duration warmup = options.duration("warmup", Duration.ofSeconds(120));
		Duration duration = options.duration("duration", Duration.ofMinutes(10));
		Duration maxStep = options.duration("max-step", Duration.ofSeconds(60));
		Duration heapEvery = options.duration("heap-every", Duration.ofSeconds(30));
		double targetP99 = options.decimal("target-p99", 50);
		double rate = this.liveCount / (period.toNanos() / 1e9);
		List<Double> maxRates = new ArrayList<>();
		for (String value : options.text("max-rates", "2500,3000,4000,5000,6000,8000").split(",")) {
			if (!value.isBlank()) {
				maxRates.add(Double.parseDouble(value.trim()));
			}
		}

		System.out.println("== lives benchmark");
		System.out.printf("node:      %s (pid %s)%n", this.base, (this.pid > 0) ? this.pid : "not given: no heap");
		System.out.printf("load:      %s before%n", Machine.loadAverage());
		System.out.printf(
				"plan:      %,d lives open at once (seed %d, ids %s-*), a request of signals from each every %s"
						+ " = %,.0f requests/s; warm-up %s, measured %s%n",
				this.liveCount, this.seed, this.prefix, period, rate, warmup, duration);

		if (this.pid > 0) {
			this.baselineHeap = heapAfterGc();
			System.out.printf("heap:      %.1f MB used after a full GC with no live open%n", this.baselineHeap / 1e6);
		}

		// opening: every live's go-live check, as fast as the in-flight limit lets it
		long opening = System.nanoTime();
		List<CompletableFuture<Void>> opened = new ArrayList<>();
		for (Slot slot : this.slots) {
			opened.add(openNext(slot));
		}
		CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).join();
		double openSeconds = (System.nanoTime() - opening) / 1e9;
		System.out.printf(
				"opened:    %,d lives in %.1f s (%,.0f go-live/s, closed loop, %d in flight at most);"
						+ " go-live p50 %s p99 %s%n",
				this.liveCount, openSeconds, this.liveCount / openSeconds, this.limiter.max,
				ms(this.openLatency.getValueAtPercentile(50)), ms(this.openLatency.getValueAtPercentile(99)));
		if (this.pid > 0) {
			long heap = heapAfterGc();
			System.out.printf(
					"heap:      %.1f MB used after a full GC with %,d lives open, no signal yet (%.1f KB a live)%n",
					heap / 1e6, this.liveCount, (heap - this.baselineHeap) / 1024.0 / this.liveCount);
		}

		Thread sampler = null;
		if (this.pid > 0 && !heapEvery.isZero()) {
			sampler = heapSampler(heapEvery);
		}

		Phase warm = new Phase("warm-up", rate);
		drive(warm, warmup);
		report("warm-up", List.of(warm), targetP99);
		Phase main = new Phase("measured", rate);
		long serverCpu = serverCpuNanos();
		long driverCpu = Machine.processCpuNanos();
		drive(main, duration);
		main.awaitAll();
		serverCpu = serverCpuNanos() - serverCpu;
		driverCpu = Machine.processCpuNanos() - driverCpu;
		report("measured", List.of(main), targetP99);
		if (this.pid > 0) {
			System.out.printf(
					"cpu:       node %.0f us a request, this driver %.0f us a request (CPU time / requests)%n",
					serverCpu / 1e3 / main.completed.get(), driverCpu / 1e3 / main.completed.get());
		}
		System.out.printf("load:      %s after the measured phase%n", Machine.loadAverage());

		if (!maxStep.isZero() && !maxRates.isEmpty()) {
			System.out.printf("== max signals/s: steps of %s, until p99 > %.0f ms or a request fails%n", maxStep,
					targetP99);
			List<Phase> steps = new ArrayList<>();
			Phase sustained = main.sustains(targetP99) ? main : null;
			for (double stepRate : maxRates) {
				Phase step = new Phase(String.format("%,.0f/s", stepRate), stepRate);
				drive(step, maxStep);
				step.awaitAll();
				steps.add(step);
				report(null, List.of(step), targetP99);
				if (!step.sustains(targetP99)) {
					break;
				}
				sustained = step;
			}
			if (sustained == null) {
				System.out.println("max:       not even the base rate was sustained");
			}
			else {
				System.out.printf(
						"max:       %,.0f requests/s, %,.0f signals/s sustained (%s step, p99 %s, no error)%n",
						sustained.achievedRequests(), sustained.achievedSignals(), sustained.name,
						ms(sustained.latency.getValueAtPercentile(99)));
			}
		}
		if (sampler != null) {
			sampler.interrupt();
			sampler.join();
		}
		if (this.pid > 0) {
			long heap = heapAfterGc();
			System.out.printf(
					"heap:      %.1f MB used after a full GC with %,d lives open at the end (%.1f KB a live)%n",
					heap / 1e6, this.liveCount, (heap - this.baselineHeap) / 1024.0 / this.liveCount);
		}

		// every live still open is ended, as a platform would
		this.phaseName = "ending";
		this.sending = null;
		long ending = System.nanoTime();
		List<CompletableFuture<Void>> ended = new ArrayList<>();
		for (Slot slot : this.slots) {
			ended.add(slot.tail.thenCompose((ignored) -> end(slot.current)));
		}
		CompletableFuture.allOf(ended.toArray(CompletableFuture[]::new)).join();
		double endSeconds = (System.nanoTime() - ending) / 1e9;
		System.out.printf(
				"ended:     %,d open lives in %.1f s; end (scored as POST /api/v1/sessions) p50 %s p99 %s,"
						+ " over %,d ends%n",
				this.liveCount, endSeconds, ms(this.endLatency.getValueAtPercentile(50)),
				ms(this.endLatency.getValueAtPercentile(99)), this.endLatency.getTotalCount());
		System.out.printf("load:      %s at the end%n", Machine.loadAverage());
		System.out.printf(
				"skipped:   %s (requests still behind their live's earlier ones when the next phase or"
						+ " the end began, not sent)%n",
				this.driven.stream()
					.map((phase) -> String.format("%s %,d of %,d", phase.name, phase.skipped.get(),
							phase.dispatched.get()))
					.collect(Collectors.joining(", ")));
		return this.tally.print();
	}

	/** Sends requests at {@code phase.rate} for {@code length}, open loop. */
	private void drive(Phase phase, Duration length) {
		this.phaseName = phase.name;
		this.sending = phase;
		this.driven.add(phase);
		long interval = (long) (1e9 / phase.rate);
		long start = System.nanoTime();
		phase.startNanos = start;
		long end = start + length.toNanos();
		for (long j = 0;; j++) {
			long intended = start + j * interval;
			if (intended >= end) {
				break;
			}
			long wait = intended - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			Slot slot = this.slots[(int) (this.cursor++ % this.liveCount)];
			phase.dispatched.incrementAndGet();
			slot.tail = slot.tail.thenCompose((ignored) -> tick(slot, phase, intended)).exceptionally((ex) -> {
				phase.failed(ex);
				return null;
			});
		}
		phase.endNanos = end;
	}

	/**
	 * A live's scheduled request: its next signals or, when it sent them all, its end,
	 * the next live's go-live and that live's first signals.
	 */
	private CompletableFuture<Void> tick(Slot slot, Phase phase, long intended) {
		if (phase != this.sending) {
			phase.skipped.incrementAndGet();
			return CompletableFuture.completedFuture(null);
		}
		Streamed live = slot.current;
		if (live.next < live.generated.requests().size()) {
			return signals(live, phase, intended);
		}
		return end(live).thenCompose((ignored) -> openNext(slot))
			.thenCompose((ignored) -> signals(slot.current, phase, System.nanoTime()));
	}

	private CompletableFuture<Void> openNext(Slot slot) {
		int index = slot.generation++ * this.liveCount + slot.index;
		GeneratedLive generated = new LiveGenerator(this.seed).live(index);
		GoLive original = generated.request();
		GoLive request = new GoLive(this.prefix + "-" + index, original.sellerId(), original.market(),
				original.startedAt(), original.host(), original.products());
		Streamed live = new Streamed(request, generated);
		slot.current = live;
		long sent = System.nanoTime();
		return send("/api/v1/lives", JSON.writeValueAsString(request)).thenAccept((response) -> {
			this.openLatency.recordValue(micros(System.nanoTime() - sent));
			if (response.statusCode() != 201) {
				this.tally.error("go-live " + response.statusCode() + " " + response.body());
				live.refused = true;
				return;
			}
			JsonNode answer = JSON.readTree(response.body());
			if (!"OPEN".equals(answer.get("status").asString())) {
				live.refused = true;
				return;
			}
			Set<String> blocked = new HashSet<>();
			answer.get("blockedProducts").forEach((product) -> blocked.add(product.get("sku").asString()));
			live.expect(new PlainJavaLive(request, blocked, this.keywords));
		});
	}

	private CompletableFuture<Void> signals(Streamed live, Phase phase, long intended) {
		if (live.refused) {
			live.next = live.generated.requests().size();
			return CompletableFuture.completedFuture(null);
		}
		int index = live.next++;
		GeneratedLive.Request request = live.generated.requests().get(index);
		return send("/api/v1/lives/" + live.request.liveId() + "/signals", body(request)).handle((response, ex) -> {
			long latency = System.nanoTime() - intended;
			if (ex != null || response.statusCode() != 200) {
				phase.failed(
						(ex != null) ? ex : new IllegalStateException(response.statusCode() + " " + response.body()));
				live.uncertain = true;
				return null;
			}
			phase.latency.recordValue(Math.min(micros(latency), 60_000_000L));
			phase.completed.incrementAndGet();
			phase.signals.addAndGet(request.signals().size());
			phase.lastCompletion = Math.max(phase.lastCompletion, System.nanoTime());
			live.received(index, JSON.readTree(response.body()).get("actions"), this.tally);
			return null;
		});
	}

	private CompletableFuture<Void> end(Streamed live) {
		if (live.refused || live.ended) {
			return CompletableFuture.completedFuture(null);
		}
		live.ended = true;
		this.tally.count(live);
		Instant last = live.request.startedAt();
		for (int i = 0; i < live.next; i++) {
			for (SequencedSignal signal : live.generated.requests().get(i).signals()) {
				if (signal.signal().at().isAfter(last)) {
					last = signal.signal().at();
				}
			}
		}
		String body = """
				{"endedAt":"%s","stats":{"peakViewers":500,"avgViewers":300,"comments":200,"commentsAnswered":120,\
				"orders":30,"viewerReports":0}}""".formatted(last.plusSeconds(60));
		long sent = System.nanoTime();
		return send("/api/v1/lives/" + live.request.liveId() + "/end", body).thenAccept((response) -> {
			this.endLatency.recordValue(micros(System.nanoTime() - sent));
			if (response.statusCode() != 200) {
				this.tally.error("end " + response.statusCode() + " " + response.body());
			}
		});
	}

	private CompletableFuture<HttpResponse<String>> send(String path, String body) {
		HttpRequest request = HttpRequest.newBuilder(this.base.resolve(path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + this.key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.limiter.submit(() -> this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
	}

	private static String body(GeneratedLive.Request request) {
		ObjectNode body = JSON.createObjectNode();
		ArrayNode signals = body.putArray("signals");
		for (SequencedSignal signal : request.signals()) {
			ObjectNode node = JSON.valueToTree(signal.signal());
			node.put("seq", signal.seq());
			signals.add(node);
		}
		if (request.viewers() != null) {
			body.put("viewers", request.viewers());
		}
		return body.toString();
	}

	private void report(@Nullable String title, List<Phase> phases, double targetP99) {
		if (title != null) {
			System.out.printf("== %s%n", title);
		}
		System.out.printf("%-10s %11s %11s %11s %9s %9s %9s %9s %9s %7s  %s%n", "phase", "target/s", "requests/s",
				"signals/s", "p50", "p90", "p99", "p99.9", "max", "errors", "load");
		for (Phase phase : phases) {
			Histogram h = phase.latency;
			System.out.printf("%-10s %,11.0f %,11.0f %,11.0f %9s %9s %9s %9s %9s %7d  %s%n", phase.name, phase.rate,
					phase.achievedRequests(), phase.achievedSignals(), ms(h.getValueAtPercentile(50)),
					ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)),
					ms(h.getMaxValue()), phase.errors.get(), Machine.loadAverage().replace(" (1, 5, 15 min)", ""));
			phase.firstErrors.forEach((error) -> System.out.println("           error: " + error));
		}
	}

	private Thread heapSampler(Duration every) {
		Thread thread = new Thread(() -> {
			System.out.printf("%-10s %9s %12s %14s   (the node's heap after a full GC, every %s)%n", "heap", "elapsed",
					"used", "per open live", every);
			while (!Thread.currentThread().isInterrupted()) {
				try {
					Thread.sleep(every.toMillis());
				}
				catch (InterruptedException ex) {
					return;
				}
				long used = heapAfterGc();
				System.out.printf("%-10s %8.0fs %9.1f MB %11.1f KB%n", this.phaseName,
						(System.nanoTime() - this.startedNanos) / 1e9, used / 1e6,
						(used - this.baselineHeap) / 1024.0 / this.liveCount);
			}
		}, "heap-sampler");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/**
	 * The node's live heap: the bytes of every object a full GC left, as
	 * {@code jcmd <pid> GC.class_histogram} counts them (it collects first, and counts in
	 * the same pause, so what the node allocates meanwhile does not count); -1 when
	 * unknown.
	 */
	private long heapAfterGc() {
		try {
			Matcher matcher = HISTOGRAM_TOTAL.matcher(jcmd("GC.class_histogram"));
			long total = -1;
			while (matcher.find()) {
				total = Long.parseLong(matcher.group(2));
			}
			return total;
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private String jcmd(String command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("jcmd", Long.toString(this.pid), command).redirectErrorStream(true)
			.start();
		String out = new String(process.getInputStream().readAllBytes());
		process.waitFor(60, TimeUnit.SECONDS);
		return out;
	}

	/** The node's CPU time (user + system), from /proc; 0 when unknown. */
	private long serverCpuNanos() {
		if (this.pid <= 0) {
			return 0;
		}
		try {
			String stat = Files.readString(Path.of("/proc/" + this.pid + "/stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// fields 14 and 15 of stat, counted from the state (field 3); clock ticks of
			// 10 ms
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	private static long micros(long nanos) {
		return Math.max(1, nanos / 1_000);
	}

	private static String ms(long micros) {
		return String.format("%.1f ms", micros / 1e3);
	}

	/**
	 * A place for one open live: when its live ends, the next generated one opens in it.
	 */
	private static final class Slot {

		final int index;

		int generation;

		Streamed current;

		CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

		Slot(int index) {
			this.index = index;
		}

	}

	/** A live being streamed, and what the plain-Java reading expects of it. */
	private static final class Streamed {

		final GoLive request;

		final GeneratedLive generated;

		/** Requests sent (or being sent). */
		volatile int next;

		volatile boolean refused;

		boolean ended;

		/** A request failed: what the node decided is not known. */
		volatile boolean uncertain;

		List<PlainJavaLive.Decided> expected = List.of();

		int[] expectedAfter = new int[0];

		int received;

		boolean stopReceived;

		boolean differs;

		@Nullable String firstDifference;

		Streamed(GoLive request, GeneratedLive generated) {
			this.request = request;
			this.generated = generated;
		}

		void expect(PlainJavaLive reading) {
			List<GeneratedLive.Request> requests = this.generated.requests();
			this.expectedAfter = new int[requests.size()];
			for (int i = 0; i < requests.size(); i++) {
				reading.send(requests.get(i));
				this.expectedAfter[i] = reading.decided().size();
			}
			this.expected = reading.decided();
		}

		synchronized void received(int index, JsonNode actions, Tally tally) {
			for (JsonNode action : actions) {
				String level = action.get("level").asString();
				tally.action(level);
				if (ActionLevel.STOP.name().equals(level)) {
					this.stopReceived = true;
				}
				PlainJavaLive.Decided expected = (this.received < this.expected.size())
						? this.expected.get(this.received) : null;
				this.received++;
				if (expected == null || !expected.actionId().equals(action.get("actionId").asString())
						|| !expected.level().name().equals(level)
						|| !expected.code().equals(action.get("code").asString())
						|| expected.strikes() != action.get("strikes").asInt()
						|| !expected.at().equals(Instant.parse(action.get("at").asString()))) {
					difference(
							"request " + (index + 1) + " answered " + action + ", the plain-Java reading " + expected);
				}
			}
			if (this.received != this.expectedAfter[index]) {
				difference("after request " + (index + 1) + " " + this.received + " actions, the plain-Java reading "
						+ this.expectedAfter[index]);
				this.received = this.expectedAfter[index];
			}
		}

		private void difference(String what) {
			this.differs = true;
			if (this.firstDifference == null) {
				this.firstDifference = this.request.liveId() + ": " + what;
			}
		}

		/** Whether the plain-Java reading decides a STOP within the requests sent. */
		boolean stopExpected() {
			int sent = Math.min(this.next, this.expectedAfter.length);
			int decided = (sent == 0) ? 0 : this.expectedAfter[sent - 1];
			return this.expected.subList(0, decided).stream().anyMatch((action) -> action.level() == ActionLevel.STOP);
		}

	}

	/** Requests sent at one rate: their latencies, counts and failures. */
	private static final class Phase {

		final String name;

		final double rate;

		final Histogram latency = new ConcurrentHistogram(60_000_000L, 3);

		final AtomicLong dispatched = new AtomicLong();

		final AtomicLong completed = new AtomicLong();

		/**
		 * Requests of the phase not sent: still behind their live's earlier ones when the
		 * next phase or the end began.
		 */
		final AtomicLong skipped = new AtomicLong();

		final AtomicLong signals = new AtomicLong();

		final AtomicLong errors = new AtomicLong();

		final ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();

		volatile long startNanos;

		volatile long endNanos;

		volatile long lastCompletion;

		Phase(String name, double rate) {
			this.name = name;
			this.rate = rate;
		}

		void failed(Throwable ex) {
			if (this.errors.incrementAndGet() <= 3) {
				this.firstErrors.add(String.valueOf(ex));
			}
		}

		/** Waits until every request of the phase was answered (or failed). */
		void awaitAll() {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			while (this.completed.get() + this.errors.get() + this.skipped.get() < this.dispatched.get()
					&& System.nanoTime() < deadline) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
			}
		}

		private double seconds() {
			long end = Math.max(this.endNanos, this.lastCompletion);
			return (end - this.startNanos) / 1e9;
		}

		double achievedRequests() {
			return this.completed.get() / seconds();
		}

		double achievedSignals() {
			return this.signals.get() / seconds();
		}

		boolean sustains(double targetP99) {
			return this.errors.get() == 0 && this.latency.getValueAtPercentile(99) <= targetP99 * 1_000
					&& achievedRequests() >= this.rate * 0.95;
		}

	}

	/** What the node decided, against the plain-Java reading, over the lives streamed. */
	private static final class Tally {

		private final Map<String, AtomicLong> actions = new TreeMap<>();

		private final AtomicInteger lives = new AtomicInteger();

		private final AtomicInteger clean = new AtomicInteger();

		private final AtomicInteger cleanStopped = new AtomicInteger();

		private final AtomicInteger stopExpected = new AtomicInteger();

		private final AtomicInteger stopDecided = new AtomicInteger();

		private final AtomicInteger stopUnexpected = new AtomicInteger();

		private final AtomicInteger differ = new AtomicInteger();

		private final AtomicInteger uncertain = new AtomicInteger();

		private final AtomicLong errors = new AtomicLong();

		private final ConcurrentLinkedQueue<String> firstDifferences = new ConcurrentLinkedQueue<>();

		private final ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();

		void action(String level) {
			synchronized (this.actions) {
				this.actions.computeIfAbsent(level, (ignored) -> new AtomicLong()).incrementAndGet();
			}
		}

		void error(String what) {
			if (this.errors.incrementAndGet() <= 3) {
				this.firstErrors.add(what);
			}
		}

		synchronized void count(Streamed live) {
			if (live.next == 0) {
				return;
			}
			this.lives.incrementAndGet();
			if (live.uncertain) {
				this.uncertain.incrementAndGet();
				return;
			}
			boolean expected = live.stopExpected();
			if (live.generated.planted().isEmpty()) {
				this.clean.incrementAndGet();
				if (live.stopReceived) {
					this.cleanStopped.incrementAndGet();
				}
			}
			if (expected) {
				this.stopExpected.incrementAndGet();
				if (live.stopReceived) {
					this.stopDecided.incrementAndGet();
				}
			}
			else if (live.stopReceived) {
				this.stopUnexpected.incrementAndGet();
			}
			if (live.differs) {
				this.differ.incrementAndGet();
				if (this.firstDifferences.size() < 3) {
					this.firstDifferences.add(live.firstDifference);
				}
			}
		}

		/** Prints the tally; answers how many checks failed. */
		int print() {
			System.out.println("== decisions, against the plain-Java reading of section 4 fed the same requests");
			System.out.printf(
					"lives:     %,d streamed (%,d clean, %,d planted with violations or reminders); %,d with a"
							+ " failed request, not judged%n",
					this.lives.get(), this.clean.get(), this.lives.get() - this.clean.get() - this.uncertain.get(),
					this.uncertain.get());
			System.out.printf("actions:   %s answered%n", this.actions);
			System.out.printf(
					"STOP:      %,d of the %,d lives the reading stops were stopped by the node; %,d stopped"
							+ " that it does not stop; %,d clean lives stopped%n",
					this.stopDecided.get(), this.stopExpected.get(), this.stopUnexpected.get(),
					this.cleanStopped.get());
			System.out.printf("same:      %,d lives answered other actions than the reading%n", this.differ.get());
			this.firstDifferences.forEach((difference) -> System.out.println("           " + difference));
			System.out.printf("errors:    %,d go-live or end requests failed%n", this.errors.get());
			this.firstErrors.forEach((error) -> System.out.println("           " + error));
			int failures = (this.stopDecided.get() != this.stopExpected.get() ? 1 : 0)
					+ (this.stopUnexpected.get() + this.cleanStopped.get() + this.differ.get() > 0 ? 1 : 0);
			System.out.println((failures == 0) ? "checks:    passed" : "checks:    FAILED");
			return failures;
		}

	}

	/** At most {@code max} requests in flight; the others wait in order. */
	private static final class Limiter {

		final int max;

		private final AtomicInteger inFlight = new AtomicInteger();

		private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();

		Limiter(int max) {
			this.max = max;
		}

		<T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> work) {
			CompletableFuture<T> result = new CompletableFuture<>();
			this.waiting.add(() -> work.get().whenComplete((value, ex) -> {
				this.inFlight.decrementAndGet();
				if (ex != null) {
					result.completeExceptionally(ex);
				}
				else {
					result.complete(value);
				}
				drain();
			}));
			drain();
			return result;
		}

		private void drain() {
			while (true) {
				int current = this.inFlight.get();
				if (current >= this.max || this.waiting.isEmpty()) {
					return;
				}
				if (this.inFlight.compareAndSet(current, current + 1)) {
					Runnable next = this.waiting.poll();
					if (next == null) {
						this.inFlight.decrementAndGet();
						continue;
					}
					next.run();
				}
			}
		}

	}

}
