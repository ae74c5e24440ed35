package io.liveguard.web.webhook;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.liveguard.batch.SyntheticSellers;
import io.liveguard.batch.penalty.PenaltyRuns;
import io.liveguard.batch.webhook.EventTypes;
import io.liveguard.batch.webhook.WebhookOutbox;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A measurement, not a check (run it on purpose, on a quiet machine):
 * {@code -Dliveguard.bench.webhooks.penalty-run=true}. The issue's bound: "a penalty run
 * deciding 30,000 penalties sends them all without slowing the run by more than 10%".
 * <p>
 * Synthetic sellers (the fixture the partitioning and restart tests use: sessions,
 * current score cards and violation findings written straight to the tables) are stored
 * once; then penalty runs over all of them alternate, each from no decisions (the
 * decision tables and the outbox emptied before it): (a) with no webhook endpoint
 * registered; (b) with one endpoint subscribed to {@code penalty.decided},
 * {@code penalty.lifted} and {@code warning.issued} and a receiver on loopback (the
 * tests' {@link Receiver}, which checks every signature and drops repeated ids), this
 * node's dispatcher yielding to the run as it does by default (making and sending
 * {@code liveguard.webhooks.bulk-rate} of the run's messages a second while it decides,
 * the rest after); (c) the same endpoint, but the dispatcher stopped during the run and
 * started at its end, which separates what writing the outbox costs the chunk
 * transactions from what sending alongside the run costs (on the same cores). For each
 * run it prints the run time, the time the chunk writers spent in
 * {@link WebhookOutbox#record} (the outbox's share of the chunk transactions), and with
 * an endpoint the messages recorded, the distinct ids received, duplicates, and how long
 * after the run's end the last message arrived; then the median of each side and the
 * slowdowns. The receiver runs in the same JVM, so its work counts against the run too.
 * <p>
 * One node, H2 in memory, in the test JVM, the penalty run's and the dispatcher's
 * defaults. Sizes: {@code -Dliveguard.bench.webhooks.sellers} (default 61,000: about
 * 30,000 penalties, as 10,000 sellers decide 4,920) and
 * {@code -Dliveguard.bench.webhooks.runs} (runs of each side, default 3), after one
 * untimed warm-up run of each side.
 */
@EnabledIfSystemProperty(named = "liveguard.bench.webhooks.penalty-run", matches = "true")
@SpringBootTest(properties = "liveguard.bootstrap.admin-password=webhook-penalty-benchmark-password")
class WebhookPenaltyRunBenchmarkIntegrationTests {

	private static final LocalDate FROM = LocalDate.of(2026, 10, 1);

	private static final LocalDate RUN_DATE = LocalDate.of(2026, 11, 22);

	private static final String PATH = "/penalties";

	/** Nanoseconds spent in {@link WebhookOutbox#record(java.util.Collection)}. */
	static final AtomicLong outboxNanos = new AtomicLong();

	static final AtomicLong outboxCalls = new AtomicLong();

	/** CPU time the calling threads spent in {@link WebhookOutbox#record}. */
	static final AtomicLong outboxCpuNanos = new AtomicLong();

	@Autowired
	private PenaltyRuns runs;

	@Autowired
	private WebhookEndpoints endpoints;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private WebhookDispatcher dispatcher;

	@Test
	void penaltyRunWithAndWithoutAnEndpoint() throws Exception {
		int sellers = Integer.getInteger("liveguard.bench.webhooks.sellers", 61_000);
		int runsEach = Integer.getInteger("liveguard.bench.webhooks.runs", 3);
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		long started = System.nanoTime();
		SyntheticSellers.write(jdbc, "whbench", sellers, 4, FROM, RUN_DATE, 20261204);
		System.out.printf("webhooks x penalty run: %,d synthetic sellers stored in %.1f s%n", sellers,
				(System.nanoTime() - started) / 1e9);
		List<Result> results = new ArrayList<>();
		try (Receiver receiver = new Receiver()) {
			// warm-up, untimed: one run of each side
			for (Side side : Side.values()) {
				run(jdbc, receiver, side);
			}
			for (int i = 0; i < runsEach; i++) {
				for (Side side : Side.values()) {
					results.add(run(jdbc, receiver, side));
				}
			}
		}
		System.out.println();
		System.out.printf(
				"Penalty run with and without a webhook endpoint: H2 in memory, %d cores, %,d sellers, Java %s%n",
				Runtime.getRuntime().availableProcessors(), sellers, System.getProperty("java.version"));
		System.out.println("| run | endpoint | penalties | warnings | lifts | run time | JVM CPU during the run "
				+ "| in outbox.record (CPU) | messages | received (distinct) | duplicates "
				+ "| last received after the run's end | load before / after |");
		System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
		for (int i = 0; i < results.size(); i++) {
			Result r = results.get(i);
			System.out.printf(
					"| %d | %s | %,d | %,d | %,d | %.2f s | %.2f s | %.2f s (%.2f s) in %d calls | %s | %s | %s | %s "
							+ "| %.2f / %.2f |%n",
					i + 1, r.side().label, r.penalties(), r.warnings(), r.lifts(), r.seconds(), r.cpuSeconds(),
					r.outboxSeconds(), r.outboxCpuSeconds(), r.outboxCalls(),
					r.endpoint() ? String.format("%,d", r.messages()) : "-",
					r.endpoint() ? String.format("%,d", r.received()) : "-",
					r.endpoint() ? Integer.toString(r.duplicates()) : "-",
					r.endpoint() ? String.format("%.2f s", r.lastAfterEnd().toMillis() / 1000.0) : "-", r.loadBefore(),
					r.loadAfter());
		}
		double without = median(results, Side.NONE, Result::seconds);
		double with = median(results, Side.SENDING, Result::seconds);
		double paused = median(results, Side.PAUSED, Result::seconds);
		System.out.printf(
				"median run time: %.2f s without an endpoint, %.2f s with one (dispatcher yielding): %+.1f%%; "
						+ "%.2f s with one (dispatcher stopped during the run): %+.1f%%%n",
				without, with, (with / without - 1) * 100, paused, (paused / without - 1) * 100);
		// CPU time moves less than wall time with what else runs on the machine
		double cpuWithout = median(results, Side.NONE, Result::cpuSeconds);
		double cpuWith = median(results, Side.SENDING, Result::cpuSeconds);
		double cpuPaused = median(results, Side.PAUSED, Result::cpuSeconds);
		System.out.printf(
				"median JVM CPU during the run: %.2f s without an endpoint, %.2f s with the dispatcher yielding (receiver "
						+ "included): %+.1f%%, %.2f s with the dispatcher stopped: %+.1f%%%n",
				cpuWithout, cpuWith, (cpuWith / cpuWithout - 1) * 100, cpuPaused, (cpuPaused / cpuWithout - 1) * 100);
		for (Result r : results) {
			if (r.endpoint()) {
				assertThat(r.received()).isEqualTo(r.messages());
				assertThat(r.duplicates()).isZero();
				assertThat(r.badSignatures()).isZero();
			}
		}
	}

	private Result run(JdbcTemplate jdbc, Receiver receiver, Side side) {
		boolean withEndpoint = side != Side.NONE;
		// from no decisions, and no endpoint or messages left by the previous run
		for (String table : List.of("webhook_attempt", "webhook_message", "webhook_fanout", "webhook_event",
				"webhook_endpoint", "penalty_reason", "penalty", "seller_state", "seller_warning", "penalty_run_seller",
				"quarantine", "appeal")) {
			jdbc.update("delete from " + table);
		}
		receiver.requests.clear();
		receiver.accepted.clear();
		receiver.duplicates.set(0);
		String endpointId = null;
		if (withEndpoint) {
			WebhookEndpoints.Created endpoint = this.endpoints
				.create(new WebhookEndpoints.NewEndpoint(receiver.url(PATH),
						List.of(EventTypes.PENALTY_DECIDED, EventTypes.PENALTY_LIFTED, EventTypes.WARNING_ISSUED),
						"penalty run benchmark"), "bench");
			receiver.secrets(PATH, endpoint.secret());
			endpointId = endpoint.id();
		}
		System.gc();
		double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		outboxNanos.set(0);
		outboxCalls.set(0);
		outboxCpuNanos.set(0);
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		if (side == Side.PAUSED) {
			this.dispatcher.stop();
		}
		long cpuBegin = os.getProcessCpuTime();
		long begin = System.nanoTime();
		PenaltyRuns.RunStatus run = this.runs.runAndWait(RUN_DATE, null, "benchmark");
		double seconds = (System.nanoTime() - begin) / 1e9;
		double cpuSeconds = (os.getProcessCpuTime() - cpuBegin) / 1e9;
		Instant ended = Instant.now();
		if (side == Side.PAUSED) {
			this.dispatcher.start();
			this.dispatcher.wake();
		}
		double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		assertThat(run.status()).isEqualTo("COMPLETED");
		double inOutbox = outboxNanos.get() / 1e9;
		long calls = outboxCalls.get();
		int messages = 0;
		int received = 0;
		Duration lastAfterEnd = Duration.ZERO;
		if (withEndpoint) {
			// the run's messages are made by the dispatcher (at bulk-rate during the run)
			await().atMost(Duration.ofMinutes(30))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> jdbc.queryForObject("select count(*) from webhook_fanout", Integer.class) == 0);
			messages = jdbc.queryForObject("select count(*) from webhook_message where endpoint_id = ?", Integer.class,
					endpointId);
			int expected = messages;
			await().atMost(Duration.ofMinutes(30))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> receiver.accepted.size() >= expected);
			Set<String> ids = receiver.accepted.keySet();
			Set<String> recorded = jdbc
				.queryForList("select message_id from webhook_message where endpoint_id = ?", String.class, endpointId)
				.stream()
				.collect(Collectors.toSet());
			assertThat(ids).isEqualTo(recorded);
			received = ids.size();
			Instant last = receiver.accepted.values()
				.stream()
				.map(Receiver.Received::receivedAt)
				.max(Comparator.naturalOrder())
				.orElse(ended);
			lastAfterEnd = Duration.between(ended, last);
		}
		Result result = new Result(side, run.penaltiesDecided(), run.warnings(), run.lifts(), seconds, cpuSeconds,
				inOutbox, outboxCpuNanos.get() / 1e9, calls, messages, received, receiver.duplicates.get(),
				receiver.badSignatures.get(), lastAfterEnd, loadBefore, loadAfter);
		System.out.printf(
				"webhooks x penalty run: endpoint %s, %,d penalties, %,d warnings in %.2f s (JVM CPU %.2f s), %.2f s "
						+ "in outbox.record; %,d messages, %,d received, last %d ms after the run's end%n",
				side.label, run.penaltiesDecided(), run.warnings(), seconds, cpuSeconds, inOutbox, messages, received,
				lastAfterEnd.toMillis());
		return result;
	}

	private static double median(List<Result> results, Side side, java.util.function.ToDoubleFunction<Result> measure) {
		List<Double> sorted = results.stream()
			.filter((result) -> result.side() == side)
			.map(measure::applyAsDouble)
			.sorted()
			.toList();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private enum Side {

		NONE("none"), SENDING("yes, dispatcher yielding to the run (bulk-rate)"),
		PAUSED("yes, dispatcher stopped until the run's end");

		final String label;

		Side(String label) {
			this.label = label;
		}

	}

	private record Result(Side side, long penalties, long warnings, long lifts, double seconds, double cpuSeconds,
			double outboxSeconds, double outboxCpuSeconds, long outboxCalls, int messages, int received, int duplicates,
			int badSignatures, Duration lastAfterEnd, double loadBefore, double loadAfter) {

		boolean endpoint() {
			return this.side != Side.NONE;
		}

	}

	/** Times the chunk writers' calls of {@link WebhookOutbox#record}. */
	@TestConfiguration(proxyBeanMethods = false)
	static class OutboxTiming {

		@Bean
		static BeanPostProcessor outboxTimer() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (!(bean instanceof WebhookOutbox)) {
						return bean;
					}
					ProxyFactory proxy = new ProxyFactory(bean);
					proxy.setProxyTargetClass(true);
					proxy.addAdvice((MethodInterceptor) (invocation) -> {
						if (!invocation.getMethod().getName().equals("record")) {
							return invocation.proceed();
						}
						java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
						long cpu = threads.getCurrentThreadCpuTime();
						long start = System.nanoTime();
						try {
							return invocation.proceed();
						}
						finally {
							outboxNanos.addAndGet(System.nanoTime() - start);
							outboxCpuNanos.addAndGet(threads.getCurrentThreadCpuTime() - cpu);
							outboxCalls.incrementAndGet();
						}
					});
					return proxy.getProxy();
				}
			};
		}

	}

}
