package io.liveguard.engine.scoring;

import java.time.Instant;
import java.util.List;

/**
 * Context from the seller's earlier sessions that some rules need, such as the prices the
 * seller sold at in the look-back window of {@code FAKE_DISCOUNT}. Callers load it for
 * the window the pack names ({@link io.liveguard.engine.ScoringEngine#historyWindow}).
 *
 * @param priorSales the seller's product prices in earlier sessions of the window
 */
public record SellerHistory(List<PriorSale> priorSales) {

	public static final SellerHistory NONE = new SellerHistory(List.of());

	public SellerHistory {
		priorSales = List.copyOf(priorSales);
	}

	/**
	 * A price at which the seller offered a product in an earlier session that had
	 * orders.
	 *
	 * @param sessionId the earlier session
	 * @param startedAt when it started
	 * @param sku the product
	 * @param livePrice the price during that session
	 */
	public record PriorSale(String sessionId, Instant startedAt, String sku, long livePrice) {
	}

}
