package io.liveguard.engine.facts.live;

import io.liveguard.engine.session.ProductCategory;
import org.jspecify.annotations.Nullable;

/** A product of the go-live request. */
public final class GoLiveProduct {

	private final String sku;

	private final ProductCategory category;

	private final @Nullable String adConfirmationId;

	private final @Nullable String declaredOrigin;

	private final @Nullable String verifiedOrigin;

	public GoLiveProduct(String sku, ProductCategory category, @Nullable String adConfirmationId,
			@Nullable String declaredOrigin, @Nullable String verifiedOrigin) {
		this.sku = sku;
		this.category = category;
		this.adConfirmationId = adConfirmationId;
		this.declaredOrigin = declaredOrigin;
		this.verifiedOrigin = verifiedOrigin;
	}

	public String getSku() {
		return this.sku;
	}

	public ProductCategory getCategory() {
		return this.category;
	}

	public @Nullable String getAdConfirmationId() {
		return this.adConfirmationId;
	}

	public @Nullable String getDeclaredOrigin() {
		return this.declaredOrigin;
	}

	public @Nullable String getVerifiedOrigin() {
		return this.verifiedOrigin;
	}

	/** For a detail: the product, its category, ad confirmation and origins. */
	public String getDescription() {
		return this.sku + " (" + this.category + "), ad confirmation "
				+ ((this.adConfirmationId == null) ? "none" : this.adConfirmationId) + ", declared origin "
				+ ((this.declaredOrigin == null) ? "unknown" : this.declaredOrigin) + ", verified origin "
				+ ((this.verifiedOrigin == null) ? "unknown" : this.verifiedOrigin);
	}

}
