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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
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
 * <p>
 * A bulk writer (a penalty run, {@link #bulk()}) records thousands of events in
 * transactions whose time counts: it stores them with their recipients, fifty to a row of
 * {@code webhook_fanout}, and their event and message rows are made later by
 * {@link #fanOut(int)}, on a dispatcher's thread, which takes that up at a capped rate
 * while a bulk writer records on its node.
 */
public class WebhookOutbox {

	/** The prefix of a message id (the {@code webhook-id} header). */
	public static final String MESSAGE_PREFIX = "msg_";

	private static final String EVENT_PREFIX = "evt_";

	private static final SecureRandom random = new SecureRandom();

	/** Events a row of {@code webhook_fanout} holds at most. */
	static final int BULK_ROW_EVENTS = 50;

	private static final TypeReference<List<Deferred>> DEFERRED_LIST = new TypeReference<>() {
	};

	private static final String INSERT_EVENT = "insert into webhook_event (event_id, event_type, occurred_at, body) "
			+ "values (?, ?, ?, ?)";

	private static final String INSERT_MESSAGE = """
			insert into webhook_message (message_id, endpoint_id, event_id, event_type, status, attempts,
			                             next_attempt_at, created_at)
			values (?, ?, ?, ?, 'PENDING', 0, ?, ?)
			""";

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

	/** The bulk writers recording in this JVM now. */
	private final Set<Bulk> bulkWriters = ConcurrentHashMap.newKeySet();

	public WebhookOutbox(JdbcTemplate jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Runs {@code listener} after a transaction that recorded messages commits, and when
	 * a bulk writer is done.
	 */
	public void onRecorded(Runnable listener) {
		this.listeners.add(listener);
	}

	/**
	 * Declares a writer that records many events in this JVM (a penalty run's partition),
	 * until the returned handle is closed; it records with
	 * {@link #record(Collection, Bulk)}.
	 */
	public Bulk bulk() {
		Bulk bulk = new Bulk();
		this.bulkWriters.add(bulk);
		return bulk;
	}

	/** Whether a bulk writer records in this JVM now. */
	public boolean bulkWriting() {
		return !this.bulkWriters.isEmpty();
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
		return record(events, null);
	}

	/**
	 * Records the events as {@link #record(Collection)} does, or, for a bulk writer, with
	 * their recipients, their event and message rows to be made by {@link #fanOut(int)}.
	 * @param bulk the bulk writer recording them, or null
	 * @return how many messages were recorded, or will be made
	 */
	public int record(Collection<Event> events, @Nullable Bulk bulk) {
		if (events.isEmpty()) {
			return 0;
		}
		List<Subscriber> subscribers = this.jdbc.query(
				"select endpoint_id, events from webhook_endpoint where status = 'ACTIVE' order by created_at, endpoint_id",
				(rs, row) -> new Subscriber(rs.getString(1), Set.of(rs.getString(2).split(","))));
		if (subscribers.isEmpty()) {
			return 0;
		}
		Function<Event, List<String>> recipients = (event) -> subscribers.stream()
			.filter((subscriber) -> subscriber.wants(event.type()))
			.map(Subscriber::endpointId)
			.toList();
		if (bulk != null) {
			// nobody to wake: the bulk writer's end wakes the dispatcher
			return storeDeferred(events, recipients);
		}
		int messages = store(events, recipients, new ArrayList<>());
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
	 * Makes the events and messages of what bulk writers recorded, the oldest first, in
	 * the caller's transaction: rows of {@code webhook_fanout} until at least
	 * {@code messages} messages are made (at least one row, if any waits). Each event
	 * keeps its id and time; its messages go to the recipients that still exist, as if
	 * recorded with it (the event's time is their {@code created_at} and first due time).
	 * Rows another node is fanning out at the same time are skipped; each row is fanned
	 * out once.
	 * @return how many messages it made
	 */
	public int fanOut(int messages) {
		List<Waiting> waiting = this.jdbc.query(
				"select seq, occurred_at, messages, events from webhook_fanout order by seq limit ? for update skip locked",
				(rs, row) -> new Waiting(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getInt(3),
						rs.getString(4)),
				Math.max(1, messages / BULK_ROW_EVENTS + 1));
		if (waiting.isEmpty()) {
			return 0;
		}
		Set<String> endpoints = new HashSet<>(
				this.jdbc.queryForList("select endpoint_id from webhook_endpoint", String.class));
		List<Object[]> eventRows = new ArrayList<>();
		List<Object[]> messageRows = new ArrayList<>();
		List<Object[]> done = new ArrayList<>();
		int planned = 0;
		for (Waiting row : waiting) {
			if (!done.isEmpty() && planned + row.messages() > messages) {
				break;
			}
			planned += row.messages();
			done.add(new Object[] { row.seq() });
			for (Deferred event : this.json.readValue(row.events(), DEFERRED_LIST)) {
				List<String> recipients = event.recipients().stream().filter(endpoints::contains).toList();
				// an endpoint deleted since the decision gets no message, and an event
				// nobody receives is not stored
				if (recipients.isEmpty()) {
					continue;
				}
				eventRows.add(new Object[] { event.id(), event.type(), row.occurredAt(), event.body() });
				for (String endpointId : recipients) {
					messageRows.add(new Object[] { id(MESSAGE_PREFIX), endpointId, event.id(), event.type(),
							row.occurredAt(), row.occurredAt() });
				}
			}
		}
		if (!eventRows.isEmpty()) {
			this.jdbc.batchUpdate(INSERT_EVENT, eventRows);
			this.jdbc.batchUpdate(INSERT_MESSAGE, messageRows);
		}
		this.jdbc.batchUpdate("delete from webhook_fanout where seq = ?", done);
		return messageRows.size();
	}

	/**
	 * Inserts the events that have recipients and their messages, in order, in two JDBC
	 * batches.
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
			String eventId = id(EVENT_PREFIX);
			eventRows.add(new Object[] { eventId, event.type(), at, body(event, now) });
			for (String endpointId : endpointIds) {
				String messageId = id(MESSAGE_PREFIX);
				messageRows.add(new Object[] { messageId, endpointId, eventId, event.type(), at, at });
				messageIds.add(messageId);
			}
		}
		if (messageRows.isEmpty()) {
			return 0;
		}
		this.jdbc.batchUpdate(INSERT_EVENT, eventRows);
		this.jdbc.batchUpdate(INSERT_MESSAGE, messageRows);
		return messageRows.size();
	}

	/**
	 * A bulk writer's events, each with its id, body and recipients (the endpoints
	 * subscribed now), {@value #BULK_ROW_EVENTS} to a row of {@code webhook_fanout}: a
	 * chunk of a penalty run writes a few rows instead of a row and five index entries
	 * per event and endpoint.
	 */
	private int storeDeferred(Collection<Event> events, Function<Event, List<String>> recipients) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
		List<Object[]> rows = new ArrayList<>();
		List<Deferred> row = new ArrayList<>();
		int rowMessages = 0;
		int messages = 0;
		for (Event event : events) {
			List<String> endpointIds = recipients.apply(event);
			if (endpointIds.isEmpty()) {
				continue;
			}
			row.add(new Deferred(id(EVENT_PREFIX), event.type(), body(event, now), endpointIds));
			rowMessages += endpointIds.size();
			messages += endpointIds.size();
			if (row.size() == BULK_ROW_EVENTS) {
				rows.add(new Object[] { at, row.size(), rowMessages, this.json.writeValueAsString(row) });
				row = new ArrayList<>();
				rowMessages = 0;
			}
		}
		if (!row.isEmpty()) {
			rows.add(new Object[] { at, row.size(), rowMessages, this.json.writeValueAsString(row) });
		}
		if (!rows.isEmpty()) {
			this.jdbc.batchUpdate(
					"insert into webhook_fanout (occurred_at, event_count, messages, events) values (?, ?, ?, ?)",
					rows);
		}
		return messages;
	}

	private String body(Event event, Instant now) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", event.type());
		body.put("timestamp", now.toString());
		body.put("data", event.data());
		return this.json.writeValueAsString(body);
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

	/**
	 * A bulk writer's handle: it records with it while it runs, and closes it when it is
	 * done.
	 */
	public final class Bulk implements AutoCloseable {

		private Bulk() {
		}

		/** Done: the dispatcher takes up what is left at full speed. */
		@Override
		public void close() {
			if (WebhookOutbox.this.bulkWriters.remove(this)) {
				notifyListeners();
			}
		}

	}

	/** An event to record: its type (events.md) and its {@code data}. */
	public record Event(String type, Object data) {
	}

	private record Subscriber(String endpointId, Set<String> events) {

		boolean wants(String type) {
			return this.events.contains(EventTypes.ALL) || this.events.contains(type);
		}

	}

	private record Waiting(long seq, OffsetDateTime occurredAt, int messages, String events) {
	}

	/** An event a bulk writer recorded, as a row of {@code webhook_fanout} holds it. */
	record Deferred(String id, String type, String body, List<String> recipients) {
	}

}
