package io.liveguard.web.webhook;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhooks are signed and sent.
 *
 * @param secretKey the key that encrypts the endpoints' signing secrets in the database:
 * the base64 of 16, 24 or 32 random bytes (AES); without it endpoints cannot be created
 * or signed for (503), and the rest of LiveGuard runs as before
 * @param retrySchedule the waits after each failed attempt (the Standard Webhooks
 * schedule); after the last one the message is FAILED
 * @param poll how often the dispatcher looks for due messages when nothing woke it (a
 * commit on this node wakes it at once)
 * @param batchSize messages claimed at a time
 * @param threads messages sent at once by this node
 * @param connectTimeout the longest wait for a connection
 * @param timeout the longest wait for the answer: anything later is a failed attempt
 * @param lease how long a claimed message belongs to the node that claimed it; longer
 * than any attempt, so no other node sends it meanwhile
 * @param rotationOverlap how long the previous secret still signs after a rotation
 * @param enabled whether this node sends (false: it only records)
 * @param allowHttp whether an endpoint's URL may be plain http (otherwise https only)
 * @param allowPrivateDestinations whether an endpoint's host may resolve to a loopback,
 * link-local, private, unspecified or multicast address (otherwise only public ones)
 * @param retention how long a DELIVERED message, and a FAILED one nobody retried, is kept
 * after its last attempt; the purge then deletes it with its attempts (and its event,
 * once no message refers to it)
 * @param purgeBatch messages deleted per transaction by the purge
 * @param bulkRate while a bulk writer (a penalty run) records on this node, how many of
 * its messages a second the dispatcher makes and sends meanwhile: 0 (the default) holds
 * them all until it is done, then sends them at full speed; other decisions' messages are
 * sent at once either way
 */
@ConfigurationProperties("liveguard.webhooks")
record WebhookProperties(@Nullable String secretKey, @DefaultValue( {
		"5s", "5m", "30m", "2h", "5h", "10h", "14h", "20h", "24h" }) List<Duration> retrySchedule,
		@DefaultValue("10s") Duration poll, @DefaultValue("100") int batchSize, @DefaultValue("4") int threads,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("15s") Duration timeout,
		@DefaultValue("2m") Duration lease, @DefaultValue("24h") Duration rotationOverlap,
		@DefaultValue("true") boolean enabled, @DefaultValue("false") boolean allowHttp,
		@DefaultValue("false") boolean allowPrivateDestinations, @DefaultValue("30d") Duration retention,
		@DefaultValue("1000") int purgeBatch, @DefaultValue("0") int bulkRate){

	WebhookProperties {
		retrySchedule = List.copyOf(retrySchedule);
		if (batchSize < 1 || threads < 1 || purgeBatch < 1) {
			throw new IllegalArgumentException(
					"liveguard.webhooks.batch-size, threads and purge-batch must be at least 1");
		}
		if (bulkRate < 0) {
			throw new IllegalArgumentException("liveguard.webhooks.bulk-rate (" + bulkRate + ") must not be negative");
		}
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException("liveguard.webhooks.retention (" + retention + ") must be positive");
		}
		if (lease.compareTo(timeout.plus(connectTimeout)) <= 0) {
			throw new IllegalArgumentException("liveguard.webhooks.lease (" + lease
					+ ") must be longer than an attempt can take (timeout plus connect-timeout)");
		}
	}

}
