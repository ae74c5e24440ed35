package io.liveguard.batch.webhook;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records events in the caller's transaction: the event's body once, and a message for
 * every ACTIVE endpoint subscribed to its type. Nothing is sent here: once the
 * transaction commits, the listeners ({@link #onRecorded}, the dispatcher) are told, and
 * a rolled-back decision leaves neither event nor message. An event no endpoint
 * subscribes to is not stored.
 */
public class WebhookOutbox {

	/** The prefix of a message id (the {@code webhook-id} header). */
	public static final String MESSAGE_PREFIX = "msg_";

	private static final String EVENT_PREFIX = "evt_";

	private static final SecureRandom random = new SecureRandom();

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

	public WebhookOutbox(JdbcTemplate jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/** Runs {@code listener} after a transaction that recorded messages commits. */
	public void onRecorded(Runnable listener) {
		this.listeners.add(listener);
	}

	/** Records one event for its subscribers; see {@link #record(Collection)}. */
	public void record(String type, Object data) {
		record(List.of(new Event(type, data)));
	}

	/**
	 * Records the events, in this order, for every ACTIVE endpoint subscribed to their
	 * type, in the caller's transaction.
	 * @return how many messages were recorded
	 */
	public int record(Collection<Event> events) {
		if (events.isEmpty()) {
			return 0;
		}
		List<Subscriber> subscribers = this.jdbc.query(
				"select endpoint_id, events from webhook_endpoint where status = 'ACTIVE' order by created_at, endpoint_id",
				(rs, row) -> new Subscriber(rs.getString(1), Set.of(rs.getString(2).split(","))));
		if (subscribers.isEmpty()) {
			return 0;
		}
		int messages = store(events,
				(event) -> subscribers.stream()
					.filter((subscriber) -> subscriber.wants(event.type()))
					.map(Subscriber::endpointId)
					.toList(),
				new ArrayList<>());
		if (messages > 0) {
			afterCommit();
		}
		return messages;
	}

	/**
	 * Records an event for one endpoint only, whatever it subscribed to (the test event).
	 * @return the message's id
	 */
	public String recordFor(String endpointId, String type, Object data) {
		List<String> ids = new ArrayList<>();
		store(List.of(new Event(type, data)), (event) -> List.of(endpointId), ids);
		afterCommit();
		return ids.get(0);
	}

	/**
	 * Inserts the events that have recipients and their messages, in order, in two JDBC
	 * batches (a penalty run's chunk records hundreds at once).
	 */
	private int store(Collection<Event> events, Function<Event, List<String>> recipients, List<String> messageIds) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
		List<Object[]> eventRows = new ArrayList<>();
		List<Object[]> messageRows = new ArrayList<>();
		for (Event event : events) {
			List<String> endpointIds = recipients.apply(event);
			if (endpointIds.isEmpty()) {
				continue;
			}
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("type", event.type());
			body.put("timestamp", now.toString());
			body.put("data", event.data());
			String eventId = id(EVENT_PREFIX);
			eventRows.add(new Object[] { eventId, event.type(), at, this.json.writeValueAsString(body) });
			for (String endpointId : endpointIds) {
				String messageId = id(MESSAGE_PREFIX);
				messageRows.add(new Object[] { messageId, endpointId, eventId, event.type(), at, at });
				messageIds.add(messageId);
			}
		}
		if (messageRows.isEmpty()) {
			return 0;
		}
		this.jdbc.batchUpdate("insert into webhook_event (event_id, event_type, occurred_at, body) values (?, ?, ?, ?)",
				eventRows);
		this.jdbc.batchUpdate("""
				insert into webhook_message (message_id, endpoint_id, event_id, event_type, status, attempts,
				                             next_attempt_at, created_at)
				values (?, ?, ?, ?, 'PENDING', 0, ?, ?)
				""", messageRows);
		return messageRows.size();
	}

	private void afterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					notifyListeners();
				}
			});
		}
		else {
			notifyListeners();
		}
	}

	private void notifyListeners() {
		this.listeners.forEach(Runnable::run);
	}

	/** A new random id: the prefix and 128 random bits, URL-safe base64. */
	static String id(String prefix) {
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** An event to record: its type (events.md) and its {@code data}. */
	public record Event(String type, Object data) {
	}

	private record Subscriber(String endpointId, Set<String> events) {

		boolean wants(String type) {
			return this.events.contains(EventTypes.ALL) || this.events.contains(type);
		}

	}

}
