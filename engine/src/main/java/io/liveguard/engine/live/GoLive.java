package io.liveguard.engine.live;

import java.time.Instant;
import java.util.List;

import io.liveguard.engine.session.Host;
import io.liveguard.engine.session.Product;

/**
 * A go-live request (live.md), already validated by the caller as a session record's
 * fields are.
 *
 * @param liveId the live's id, unique across lives and sessions
 * @param sellerId the seller
 * @param market the market, which chooses the rule pack
 * @param startedAt when the live starts; no signal may be earlier
 * @param host the streamer
 * @param products the products on sale
 */
public record GoLive(String liveId, String sellerId, String market, Instant startedAt, Host host,
		List<Product> products) {

	public GoLive {
		products = List.copyOf(products);
	}

}
