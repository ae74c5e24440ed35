package io.liveguard.web.live;

import io.liveguard.engine.generator.GeneratedLive;
import io.liveguard.engine.live.SequencedSignal;
import io.liveguard.engine.session.SessionCodec;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bodies of {@code POST /api/v1/lives/{liveId}/signals} for tests (live.md, "Signals"),
 * and the go-live request of the scripted lives that start at {@link #START}.
 */
final class SignalBatches {

	/** When the scripted lives start; {@link #signal} counts from it. */
	static final String START = "2026-12-03T12:00:00Z";

	private static final ObjectMapper json = new SessionCodec().mapper();

	private SignalBatches() {
	}

	/**
	 * A live of {@code sellerId} in VN from {@link #START}, by a verified host, selling
	 * one general product of verified origin below its list price: nothing in it is
	 * refused.
	 */
	static String goLive(String liveId, String sellerId) {
		return """
				{"liveId":"%s","sellerId":"%s","market":"VN","startedAt":"%s",
				 "host":{"hostId":"kol-1","identityVerified":true},
				 "products":[{"sku":"p-1","category":"GENERAL","adConfirmationId":null,"declaredOrigin":"VN",
				              "verifiedOrigin":"VN","listPrice":100000,"livePrice":90000}]}
				""".formatted(liveId, sellerId, START);
	}

	/** A request of the given signals ({@link #signal}, comma-separated). */
	static String batch(String signals) {
		return "{\"signals\":[" + signals + "]}";
	}

	/** Signal {@code seq} at {@code minuteSecond} ("mm:ss") into the live's hour. */
	static String signal(long seq, String minuteSecond, String fields) {
		return "{\"seq\":" + seq + ",\"at\":\"2026-12-03T12:" + minuteSecond + "Z\"," + fields + "}";
	}

	/** The fields of a moderation flag of {@code code} at confidence 0.9. */
	static String flag(String code) {
		return "\"type\":\"MODERATION_FLAG\",\"code\":\"" + code + "\",\"confidence\":0.9";
	}

	/** A generated live's request as the platform sends it. */
	static String body(GeneratedLive.Request request) {
		ObjectNode body = json.createObjectNode();
		ArrayNode signals = body.putArray("signals");
		for (SequencedSignal signal : request.signals()) {
			ObjectNode node = (ObjectNode) json.readTree(json.writeValueAsString(signal.signal()));
			node.put("seq", signal.seq());
			signals.add(node);
		}
		if (request.viewers() != null) {
			body.put("viewers", request.viewers());
		}
		return body.toString();
	}

}
