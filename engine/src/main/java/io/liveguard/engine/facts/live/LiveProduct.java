package io.liveguard.engine.facts.live;

import io.liveguard.engine.session.ProductCategory;

/**
 * A product of the live, whether the go-live check blocked it and whether it was shown in
 * time.
 */
public final class LiveProduct {

	private final String sku;

	private final ProductCategory category;

	private final boolean blocked;

	private boolean shown;

	public LiveProduct(String sku, ProductCategory category, boolean blocked) {
		this.sku = sku;
		this.category = category;
		this.blocked = blocked;
	}

	public String getSku() {
		return this.sku;
	}

	public ProductCategory getCategory() {
		return this.category;
	}

	public boolean isBlocked() {
		return this.blocked;
	}

	/** Whether a PRODUCT_SHOWN named it by the deadline the pack sets. */
	public boolean isShown() {
		return this.shown;
	}

	/** A deciding fact: the product was shown in time. */
	public void markShown() {
		this.shown = true;
	}

}
