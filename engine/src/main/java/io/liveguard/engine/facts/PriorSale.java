package io.liveguard.engine.facts;

import io.liveguard.engine.scoring.Evidence;

/**
 * A price at which the seller sold a product in an earlier session of the look-back
 * window.
 */
public final class PriorSale {

	private final String sku;

	private final long price;

	private final String sessionId;

	private final Evidence evidence;

	public PriorSale(String sku, long price, String sessionId, Evidence evidence) {
		this.sku = sku;
		this.price = price;
		this.sessionId = sessionId;
		this.evidence = evidence;
	}

	public String getSku() {
		return this.sku;
	}

	public long getPrice() {
		return this.price;
	}

	public String getSessionId() {
		return this.sessionId;
	}

	public Evidence getEvidence() {
		return this.evidence;
	}

}
