package io.liveguard.web.webhook;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * An endpoint's messages with their attempts, and the manual retry of a FAILED one.
 */
class WebhookDeliveries {

	static final String RETRIED = "WEBHOOK_DELIVERY_RETRIED";

	static final int MAX_LIMIT = 1000;

	private final JdbcClient jdbc;

	private final WebhookEndpoints endpoints;

	private final WebhookDispatcher dispatcher;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	WebhookDeliveries(JdbcClient jdbc, WebhookEndpoints endpoints, WebhookDispatcher dispatcher,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.endpoints = endpoints;
		this.dispatcher = dispatcher;
		this.events = events;
		this.clock = clock;
	}

	/** The endpoint's messages, the latest first, at most {@code limit}. */
	List<Delivery> of(String endpointId, Delivery.@Nullable Status status, int limit) {
		this.endpoints.get(endpointId);
		String select = """
				select seq, message_id, event_id, event_type, status, attempts, next_attempt_at, created_at, delivered_at
				from webhook_message where endpoint_id = ?
				""";
		List<Object> params = new ArrayList<>(List.of(endpointId));
		if (status != null) {
			select += " and status = ?";
			params.add(status.name());
		}
		params.add(limit);
		Map<Long, Delivery> bySeq = new LinkedHashMap<>();
		this.jdbc.sql(select + " order by seq desc limit ?").params(params).query((rs, row) -> {
			Delivery.Status read = Delivery.Status.valueOf(rs.getString("status"));
			OffsetDateTime delivered = rs.getObject("delivered_at", OffsetDateTime.class);
			return bySeq.put(rs.getLong("seq"),
					new Delivery(rs.getString("message_id"), rs.getString("event_id"), rs.getString("event_type"), read,
							rs.getObject("created_at", OffsetDateTime.class).toInstant(),
							(read == Delivery.Status.PENDING)
									? rs.getObject("next_attempt_at", OffsetDateTime.class).toInstant() : null,
							(delivered == null) ? null : delivered.toInstant(), new ArrayList<>()));
		}).list();
		if (!bySeq.isEmpty()) {
			String in = String.join(",", bySeq.keySet().stream().map((seq) -> "?").toList());
			this.jdbc
				.sql("select message_seq, attempt, attempted_at, http_status, error, duration_ms, answer "
						+ "from webhook_attempt where message_seq in (" + in + ") order by message_seq, attempt")
				.params(new ArrayList<>(bySeq.keySet()))
				.query((rs, row) -> {
					Integer http = (Integer) rs.getObject("http_status");
					return bySeq.get(rs.getLong("message_seq"))
						.attempts()
						.add(new Delivery.Attempt(rs.getInt("attempt"),
								rs.getObject("attempted_at", OffsetDateTime.class).toInstant(), http,
								rs.getString("error"), rs.getLong("duration_ms"), rs.getString("answer")));
				})
				.list();
		}
		return new ArrayList<>(bySeq.values());
	}

	/** Sends a FAILED message again now (once; if it fails, it is FAILED again). */
	@Transactional
	Delivery retry(String endpointId, String messageId, String admin) {
		WebhookEndpoint endpoint = this.endpoints.get(endpointId);
		String status = this.jdbc
			.sql("select status from webhook_message where endpoint_id = ? and message_id = ? for update")
			.params(endpointId, messageId)
			.query(String.class)
			.optional()
			.orElseThrow(() -> new WebhookRefused.DeliveryNotFound(endpointId, messageId));
		if (!status.equals(Delivery.Status.FAILED.name())) {
			throw new WebhookRefused.NotFailed(messageId, status);
		}
		if (endpoint.status() != WebhookEndpoint.Status.ACTIVE) {
			throw new WebhookRefused.EndpointDisabled(endpointId);
		}
		this.jdbc.sql("""
				update webhook_message set status = 'PENDING', next_attempt_at = ?, claim = null
				where endpoint_id = ? and message_id = ?
				""")
			.params(OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC), endpointId, messageId)
			.update();
		this.events.publishEvent(
				new AuditApplicationEvent(admin, RETRIED, Map.of("endpointId", endpointId, "messageId", messageId)));
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				WebhookDeliveries.this.dispatcher.wake();
			}
		});
		return of(endpointId, null, MAX_LIMIT).stream()
			.filter((delivery) -> delivery.messageId().equals(messageId))
			.findFirst()
			.orElseThrow(() -> new WebhookRefused.DeliveryNotFound(endpointId, messageId));
	}

	/**
	 * A message of an event to an endpoint.
	 *
	 * @param messageId the {@code webhook-id} it is sent with, on every attempt
	 * @param eventId the event's id (the same for every endpoint)
	 * @param type the event's type
	 * @param status PENDING, DELIVERED or FAILED
	 * @param createdAt when its decision recorded it
	 * @param nextAttemptAt when a PENDING message is due
	 * @param deliveredAt when a 2xx answer came
	 * @param attempts every attempt, the first first
	 */
	record Delivery(String messageId, String eventId, String type, Status status, Instant createdAt,
			@Nullable Instant nextAttemptAt, @Nullable Instant deliveredAt, List<Attempt> attempts) {

		enum Status {

			PENDING, DELIVERED, FAILED

		}

		/**
		 * @param attempt its number, from 1
		 * @param at when it was sent
		 * @param httpStatus the answer's status, or null without an answer
		 * @param error why it failed, or null for a 2xx
		 * @param durationMs how long it took
		 * @param answer the first KB of the answer's body, as text, or null without one
		 */
		record Attempt(int attempt, Instant at, @Nullable Integer httpStatus, @Nullable String error, long durationMs,
				@Nullable String answer) {
		}

	}

}
