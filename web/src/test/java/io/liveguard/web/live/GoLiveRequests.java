package io.liveguard.web.live;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Go-live requests for tests (live.md, "Go-live check"). */
public final class GoLiveRequests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private GoLiveRequests() {
	}

	/**
	 * A live in VN from 2026-11-22 12:00 UTC, by a verified host, selling one general
	 * product below its list price: nothing in it is refused.
	 */
	public static String clean(String liveId, String sellerId) {
		ObjectNode request = json.createObjectNode();
		request.put("liveId", liveId);
		request.put("sellerId", sellerId);
		request.put("market", "VN");
		request.put("startedAt", "2026-11-22T12:00:00Z");
		request.putObject("host").put("hostId", "kol-1").put("identityVerified", true);
		request.putArray("products")
			.addObject()
			.put("sku", "p-1")
			.put("category", "GENERAL")
			.put("declaredOrigin", "VN")
			.put("listPrice", 100000)
			.put("livePrice", 90000);
		return json.writeValueAsString(request);
	}

}
