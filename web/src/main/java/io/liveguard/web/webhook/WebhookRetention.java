package io.liveguard.web.webhook;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes what the outbox no longer needs, every night at
 * {@code liveguard.webhooks.purge-cron}: DELIVERED messages delivered more than
 * {@code liveguard.webhooks.retention} (30 days) ago, and FAILED messages whose last
 * attempt is that old and that nobody retried, each with its attempts; then the events no
 * message refers to any more. PENDING messages are never purged. It deletes in
 * transactions of {@code liveguard.webhooks.purge-batch} messages, so it never holds many
 * locks at once; every node runs it, and a second node's purge finds nothing left.
 */
class WebhookRetention {

	private static final Logger log = LoggerFactory.getLogger(WebhookRetention.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final WebhookProperties properties;

	private final Clock clock;

	WebhookRetention(JdbcClient jdbc, TransactionTemplate transactions, WebhookProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(cron = "${liveguard.webhooks.purge-cron:0 45 3 * * *}")
	void scheduled() {
		purge();
	}

	/**
	 * Purges now.
	 * @return the messages and the events deleted
	 */
	Purged purge() {
		OffsetDateTime before = OffsetDateTime.ofInstant(this.clock.instant().minus(this.properties.retention()),
				ZoneOffset.UTC);
		int batch = this.properties.purgeBatch();
		// once a message is DELIVERED or FAILED, its next_attempt_at is when its last
		// attempt ended (and the due index finds them)
		int messages = deleteInBatches("""
				select seq from webhook_message
				where status in ('DELIVERED', 'FAILED') and next_attempt_at < ?
				order by seq
				limit ?
				""", List.of(before, batch), "delete from webhook_message where seq in (%s)");
		int events = deleteInBatches("""
				select e.event_id from webhook_event e
				where e.occurred_at < ?
				  and not exists (select 1 from webhook_message m where m.event_id = e.event_id)
				limit ?
				""", List.of(before, batch), "delete from webhook_event where event_id in (%s)");
		if (messages > 0 || events > 0) {
			log.info("Purged {} webhook messages and {} events from before {}", messages, events, before.toInstant());
		}
		return new Purged(messages, events);
	}

	private int deleteInBatches(String select, List<Object> params, String delete) {
		int deleted = 0;
		while (true) {
			Integer count = this.transactions.execute((status) -> {
				List<Object> keys = this.jdbc.sql(select).params(params).query((rs, row) -> rs.getObject(1)).list();
				if (keys.isEmpty()) {
					return 0;
				}
				String in = String.join(",", keys.stream().map((key) -> "?").toList());
				return this.jdbc.sql(delete.formatted(in)).params(keys).update();
			});
			if (count == null || count == 0) {
				return deleted;
			}
			deleted += count;
		}
	}

	/** What a purge deleted. */
	record Purged(int messages, int events) {
	}

}
