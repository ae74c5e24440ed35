package io.liveguard.web.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nightly purge: DELIVERED messages, and FAILED ones nobody retried, go with their
 * attempts once their last attempt is older than the retention; PENDING ones stay, and so
 * does an event while any message still refers to it.
 */
@SpringBootTest
class WebhookRetentionIntegrationTests {

	private static final Duration RETENTION = Duration.ofDays(30);

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private WebhookProperties properties;

	@Autowired
	private WebhookRetention scheduled;

	@Test
	void purgesDeliveredAndFailedMessagesPastTheRetentionInBatches() {
		// given: an endpoint DISABLED, so that the dispatcher leaves its messages alone
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		String endpoint = "wh_retention_" + UUID.randomUUID().toString().substring(0, 8);
		this.jdbc.sql("""
				insert into webhook_endpoint (endpoint_id, url, events, description, status, secret, created_by,
				                              created_at, updated_at)
				values (?, 'https://93.184.215.14/hooks', '*', '', 'DISABLED', 'x', 'test', ?, ?)
				""").params(endpoint, utc(now), utc(now)).update();
		Instant old = now.minus(RETENTION).minus(Duration.ofDays(1));
		Instant recent = now.minus(RETENTION).plus(Duration.ofDays(1));
		// five old DELIVERED messages (more than a batch of 2), each of its own event
		for (int i = 0; i < 5; i++) {
			message(endpoint, "old-delivered-" + i, event(endpoint + "-e-old-" + i, old), "DELIVERED", old, old);
		}
		message(endpoint, "recent-delivered", event(endpoint + "-e-recent", recent), "DELIVERED", recent, recent);
		// recorded long ago, but delivered recently (by a manual retry): kept
		message(endpoint, "retried-delivered", event(endpoint + "-e-retried", old), "DELIVERED", recent, recent);
		String shared = event(endpoint + "-e-shared", old);
		message(endpoint, "old-failed", shared, "FAILED", old, null);
		message(endpoint, "recent-failed", shared, "FAILED", recent, null);
		// pending for long (its endpoint is disabled): never purged
		message(endpoint, "old-pending", event(endpoint + "-e-pending", old), "PENDING", old, null);
		WebhookRetention retention = new WebhookRetention(this.jdbc, this.transactions, properties(2),
				Clock.fixed(now, ZoneOffset.UTC));

		// when
		WebhookRetention.Purged purged = retention.purge();

		// then
		assertThat(messages(endpoint)).containsExactlyInAnyOrder(endpoint + "-recent-delivered",
				endpoint + "-retried-delivered", endpoint + "-recent-failed", endpoint + "-old-pending");
		assertThat(purged.messages()).isGreaterThanOrEqualTo(6);
		assertThat(this.jdbc.sql("""
				select count(*) from webhook_attempt a join webhook_message m on m.seq = a.message_seq
				where m.endpoint_id = ?
				""").param(endpoint).query(Integer.class).single()).isEqualTo(3);
		assertThat(this.jdbc.sql("select event_id from webhook_event where event_id like ? order by event_id")
			.param(endpoint + "-e-%")
			.query(String.class)
			.list()).containsExactly(endpoint + "-e-pending", endpoint + "-e-recent", endpoint + "-e-retried",
					endpoint + "-e-shared");
		assertThat(purged.events()).isGreaterThanOrEqualTo(5);
		// and a second purge finds nothing of these left
		retention.purge();
		assertThat(messages(endpoint)).hasSize(4);
		// the application schedules its own (liveguard.webhooks.purge-cron)
		assertThat(this.scheduled).isNotNull();
		assertThat(this.properties.retention()).isEqualTo(RETENTION);
	}

	private String event(String id, Instant at) {
		this.jdbc.sql(
				"insert into webhook_event (event_id, event_type, occurred_at, body) values (?, 'webhook.test', ?, '{}')")
			.params(id, utc(at))
			.update();
		return id;
	}

	/** A message with one attempt at {@code last}, unless PENDING. */
	private void message(String endpoint, String name, String event, String status, Instant last, Instant deliveredAt) {
		this.jdbc.sql("""
				insert into webhook_message (message_id, endpoint_id, event_id, event_type, status, attempts,
				                             next_attempt_at, created_at, delivered_at)
				values (?, ?, ?, 'webhook.test', ?, ?, ?, ?, ?)
				""")
			.params(endpoint + "-" + name, endpoint, event, status, status.equals("PENDING") ? 0 : 1, utc(last),
					utc(last), (deliveredAt != null) ? utc(deliveredAt) : null)
			.update();
		if (!status.equals("PENDING")) {
			this.jdbc.sql("""
					insert into webhook_attempt (message_seq, attempt, attempted_at, http_status, error, duration_ms)
					select seq, 1, ?, 500, 'HTTP 500', 3 from webhook_message where message_id = ?
					""").params(utc(last), endpoint + "-" + name).update();
		}
	}

	private List<String> messages(String endpoint) {
		return this.jdbc.sql("select message_id from webhook_message where endpoint_id = ?")
			.param(endpoint)
			.query(String.class)
			.list();
	}

	private WebhookProperties properties(int purgeBatch) {
		WebhookProperties p = this.properties;
		return new WebhookProperties(p.secretKey(), p.retrySchedule(), p.poll(), p.batchSize(), p.threads(),
				p.connectTimeout(), p.timeout(), p.lease(), p.rotationOverlap(), p.enabled(), p.allowHttp(),
				p.allowPrivateDestinations(), RETENTION, purgeBatch, p.bulkRate());
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
