package io.liveguard.web.live;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.liveguard.engine.live.GoLive;
import io.liveguard.engine.live.SequencedSignal;
import io.liveguard.engine.session.FieldError;
import io.liveguard.engine.session.InvalidSessionException;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.SessionCodec;
import io.liveguard.engine.session.Signal;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Reads live requests with the session record's rules (live.md: "fields follow the
 * session record's rules"): each request is made into a session record and read by the
 * engine's {@link SessionCodec}, so a live accepts and rejects exactly what
 * {@code POST /api/v1/sessions} does, and names the same fields ({@code liveId} for
 * {@code sessionId}).
 */
@Component
class LiveRequests {

	private static final List<String> STATS = List.of("peakViewers", "avgViewers", "comments", "commentsAnswered",
			"orders", "viewerReports");

	private final SessionCodec codec;

	private final ObjectMapper mapper;

	LiveRequests(SessionCodec codec) {
		this.codec = codec;
		this.mapper = codec.mapper();
	}

	/**
	 * A go-live request.
	 * @throws InvalidLive naming the field at fault
	 */
	GoLive goLive(String body) {
		ObjectNode request = object(body);
		ObjectNode record = this.mapper.createObjectNode();
		copy(request, "liveId", record, "sessionId");
		for (String field : List.of("sellerId", "market", "startedAt", "host", "products")) {
			copy(request, field, record, field);
		}
		// a record needs an end after its start: the longest span a live may have
		JsonNode startedAt = request.get("startedAt");
		if (startedAt != null && startedAt.isString()) {
			try {
				record.put("endedAt", Instant.parse(startedAt.asString()).plus(LiveSession.MAX_LENGTH).toString());
			}
			catch (DateTimeException | ArithmeticException ex) {
				record.set("endedAt", startedAt);
			}
		}
		record.set("stats", zeroStats());
		record.set("signals", this.mapper.createArrayNode());
		LiveSession session = read(record);
		return new GoLive(session.sessionId(), session.sellerId(), session.market(), session.startedAt(),
				session.host(), session.products());
	}

	/**
	 * The canonical JSON of a go-live request: what is stored and what a repeat is
	 * compared with.
	 */
	String canonical(GoLive live) {
		return this.mapper.writeValueAsString(live);
	}

	/**
	 * A request of signals for {@code live}: each signal read as a session record's
	 * signal within the live's longest possible span, with its {@code seq}.
	 * @throws InvalidLive naming the field at fault
	 */
	Signals signals(GoLive live, String body) {
		ObjectNode request = object(body);
		List<FieldError> errors = new ArrayList<>();
		JsonNode given = request.get("signals");
		ArrayNode signals = this.mapper.createArrayNode();
		List<Long> seqs = new ArrayList<>();
		if (given == null || !given.isArray()) {
			errors.add(new FieldError("signals", "must be an array of signals"));
		}
		else {
			for (int i = 0; i < given.size(); i++) {
				JsonNode signal = given.get(i);
				if (!signal.isObject()) {
					errors.add(new FieldError("signals[" + i + "]", "must be a signal object"));
					continue;
				}
				JsonNode seq = signal.get("seq");
				if (seq == null || !seq.isIntegralNumber() || !seq.canConvertToLong() || seq.longValue() <= 0) {
					errors.add(new FieldError("signals[" + i + "].seq", "must be a positive integer"));
					continue;
				}
				seqs.add(seq.longValue());
				ObjectNode copy = ((ObjectNode) signal).deepCopy();
				copy.remove("seq");
				signals.add(copy);
			}
		}
		@Nullable Long viewers = null;
		JsonNode sent = request.get("viewers");
		if (sent != null && !sent.isNull()) {
			if (!sent.isIntegralNumber() || !sent.canConvertToLong() || sent.longValue() < 0) {
				errors.add(new FieldError("viewers", "must be a non-negative integer"));
			}
			else {
				viewers = sent.longValue();
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidLive(errors);
		}
		ObjectNode record = (ObjectNode) this.mapper.readTree(canonical(live));
		record.set("sessionId", record.remove("liveId"));
		record.put("endedAt", live.startedAt().plus(LiveSession.MAX_LENGTH).toString());
		record.set("stats", zeroStats());
		record.set("signals", signals);
		List<Signal> read = read(record).signals();
		List<SequencedSignal> sequenced = new ArrayList<>();
		for (int i = 0; i < read.size(); i++) {
			sequenced.add(new SequencedSignal(seqs.get(i), read.get(i)));
		}
		return new Signals(sequenced, viewers);
	}

	/**
	 * The session record a live becomes (live.md, "End a live"): its host and products
	 * from the go-live check, every accepted signal in arrival order, and {@code endedAt}
	 * and {@code stats} as the end request sent them (unchecked here: the sessions
	 * feature checks the record).
	 */
	String sessionRecord(GoLive live, List<String> signals, String endBody) {
		ObjectNode end = object(endBody);
		ObjectNode record = (ObjectNode) this.mapper.readTree(canonical(live));
		record.set("sessionId", record.remove("liveId"));
		copy(end, "endedAt", record, "endedAt");
		copy(end, "stats", record, "stats");
		ArrayNode array = record.putArray("signals");
		for (String signal : signals) {
			array.add(this.mapper.readTree(signal));
		}
		return this.mapper.writeValueAsString(record);
	}

	/** When a session record that was read before ends. */
	Instant endedAt(String record) {
		return this.codec.read(record).endedAt();
	}

	/** The JSON of a signal as a session record holds it. */
	String json(Signal signal) {
		return this.mapper.writeValueAsString(signal);
	}

	private ObjectNode object(String body) {
		JsonNode node;
		try {
			node = this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidLive(List.of(SessionCodec.describe(ex)));
		}
		if (node == null || !node.isObject()) {
			throw new InvalidLive(List.of(new FieldError("", "expected a JSON object")));
		}
		return (ObjectNode) node;
	}

	private LiveSession read(ObjectNode record) {
		try {
			return this.codec.read(this.mapper.writeValueAsString(record));
		}
		catch (InvalidSessionException ex) {
			List<FieldError> errors = new ArrayList<>();
			for (FieldError error : ex.errors()) {
				// endedAt is made up here (the longest span after startedAt): its
				// errors are startedAt's
				if (error.field().equals("endedAt")) {
					continue;
				}
				errors.add(error.field().equals("sessionId") ? new FieldError("liveId", error.message()) : error);
			}
			throw new InvalidLive(errors.isEmpty() ? ex.errors() : errors);
		}
	}

	private ObjectNode zeroStats() {
		ObjectNode stats = this.mapper.createObjectNode();
		STATS.forEach((name) -> stats.put(name, 0));
		return stats;
	}

	private static void copy(ObjectNode from, String name, ObjectNode to, String as) {
		JsonNode value = from.get(name);
		if (value != null) {
			to.set(as, value);
		}
	}

	/**
	 * A request's signals as sent (not yet in {@code at} order).
	 *
	 * @param signals the signals with their seqs
	 * @param viewers the current number of viewers, if sent
	 */
	record Signals(List<SequencedSignal> signals, @Nullable Long viewers) {

		/**
		 * Whether the request is stored as one of the live's requests (it sent signals or
		 * viewers); one that sent neither changes nothing.
		 */
		boolean stored() {
			return !this.signals.isEmpty() || this.viewers != null;
		}

	}

}
