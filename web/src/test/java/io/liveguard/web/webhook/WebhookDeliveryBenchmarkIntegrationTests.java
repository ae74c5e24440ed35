package io.liveguard.web.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import io.liveguard.batch.webhook.WebhookOutbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A measurement, not a check (run it on purpose, on a quiet machine):
 * {@code -Dliveguard.bench.webhooks=true}. Events decided at a steady 500 a second, one
 * per transaction, for 10 seconds, and the time from each decision (its event's
 * {@code timestamp}) to its receipt by a receiver on loopback; then a burst of 5,000
 * events and the rate at which they are delivered. One node, H2 in memory, the
 * dispatcher's defaults (4 sending threads, batches of 100).
 */
@EnabledIfSystemProperty(named = "liveguard.bench.webhooks", matches = "true")
@SpringBootTest(properties = "liveguard.bootstrap.admin-password=webhook-benchmark-password")
class WebhookDeliveryBenchmarkIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private WebhookOutbox outbox;

	@Autowired
	private WebhookEndpoints endpoints;

	@Autowired
	private TransactionTemplate transactions;

	@Test
	void steadyRateAndBurst() throws Exception {
		try (Receiver receiver = new Receiver()) {
			WebhookEndpoints.Created endpoint = this.endpoints
				.create(new WebhookEndpoints.NewEndpoint(receiver.url("/bench"), List.of("*"), "benchmark"), "bench");
			receiver.secrets("/bench", endpoint.secret());
			// warm-up
			decide(1000, 0);
			await().atMost(Duration.ofMinutes(2)).until(() -> receiver.accepted.size() == 1000);

			// steady: 500 a second for 10 s
			receiver.requests.clear();
			receiver.accepted.clear();
			decide(5000, 500);
			await().atMost(Duration.ofMinutes(2)).until(() -> receiver.accepted.size() == 5000);
			List<Long> latencies = new ArrayList<>();
			for (Receiver.Received received : receiver.accepted.values()) {
				Instant decided = Instant.parse(json.readTree(received.body()).get("timestamp").asString());
				latencies.add(Duration.between(decided, received.receivedAt()).toMillis());
			}
			latencies.sort(Comparator.naturalOrder());
			System.out.printf("webhooks steady 500/s: %d events, latency p50 %d ms, p99 %d ms, max %d ms%n",
					latencies.size(), percentile(latencies, 0.50), percentile(latencies, 0.99),
					latencies.get(latencies.size() - 1));

			// burst: 5,000 at once, 100 to a transaction
			receiver.requests.clear();
			receiver.accepted.clear();
			long started = System.nanoTime();
			decide(5000, 0);
			long recorded = System.nanoTime();
			await().atMost(Duration.ofMinutes(5)).until(() -> receiver.accepted.size() == 5000);
			double seconds = (System.nanoTime() - started) / 1e9;
			System.out.printf("webhooks burst: 5000 events recorded in %.2f s, delivered in %.2f s: %.0f events/s%n",
					(recorded - started) / 1e9, seconds, 5000 / seconds);
			assertThat(receiver.duplicates.get()).isZero();
			assertThat(receiver.badSignatures.get()).isZero();
		}
	}

	/** {@code count} events, one per transaction at {@code perSecond}, or 100 to one. */
	private void decide(int count, int perSecond) {
		long start = System.nanoTime();
		if (perSecond == 0) {
			for (int from = 0; from < count; from += 100) {
				int first = from;
				this.transactions.executeWithoutResult((status) -> {
					List<WebhookOutbox.Event> events = new ArrayList<>();
					for (int i = first; i < Math.min(first + 100, count); i++) {
						events.add(new WebhookOutbox.Event("appeal.decided", Map.of("appealId", "bench-" + i)));
					}
					this.outbox.record(events);
				});
			}
			return;
		}
		for (int i = 0; i < count; i++) {
			long due = start + i * 1_000_000_000L / perSecond;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			int n = i;
			this.transactions.executeWithoutResult(
					(status) -> this.outbox.record("appeal.decided", Map.of("appealId", "bench-" + n)));
		}
	}

	private static long percentile(List<Long> sorted, double p) {
		return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
	}

}
