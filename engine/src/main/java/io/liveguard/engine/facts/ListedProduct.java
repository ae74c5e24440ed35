package io.liveguard.engine.facts;

import java.util.List;

import io.liveguard.engine.scoring.Evidence;
import io.liveguard.engine.session.ProductCategory;
import org.jspecify.annotations.Nullable;

/**
 * A product listed in the session, with whether it was shown on camera and the seller's
 * earlier sales of it. Prior sales are not facts of their own: rules reach them with
 * {@code PriorSale( ... ) from $product.priorSales}, so a session pays for them only when
 * a rule looks.
 */
public final class ListedProduct {

	private final String sku;

	private final ProductCategory category;

	private final @Nullable String adConfirmationId;

	private final @Nullable String declaredOrigin;

	private final @Nullable String verifiedOrigin;

	private final long listPrice;

	private final long livePrice;

	private final List<Evidence> shownEvidence;

	private final Evidence evidence;

	private final List<PriorSale> priorSales;

	public ListedProduct(String sku, ProductCategory category, @Nullable String adConfirmationId,
			@Nullable String declaredOrigin, @Nullable String verifiedOrigin, long listPrice, long livePrice,
			List<Evidence> shownEvidence, Evidence evidence) {
		this(sku, category, adConfirmationId, declaredOrigin, verifiedOrigin, listPrice, livePrice, shownEvidence,
				evidence, List.of());
	}

	public ListedProduct(String sku, ProductCategory category, @Nullable String adConfirmationId,
			@Nullable String declaredOrigin, @Nullable String verifiedOrigin, long listPrice, long livePrice,
			List<Evidence> shownEvidence, Evidence evidence, List<PriorSale> priorSales) {
		this.sku = sku;
		this.category = category;
		this.adConfirmationId = adConfirmationId;
		this.declaredOrigin = declaredOrigin;
		this.verifiedOrigin = verifiedOrigin;
		this.listPrice = listPrice;
		this.livePrice = livePrice;
		this.shownEvidence = List.copyOf(shownEvidence);
		this.evidence = evidence;
		this.priorSales = List.copyOf(priorSales);
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

	public long getListPrice() {
		return this.listPrice;
	}

	public long getLivePrice() {
		return this.livePrice;
	}

	/** Whether a PRODUCT_SHOWN signal named this product. */
	public boolean isShown() {
		return !this.shownEvidence.isEmpty();
	}

	public List<Evidence> getShownEvidence() {
		return this.shownEvidence;
	}

	/** The listing itself: category, confirmation, origins and prices. */
	public Evidence getEvidence() {
		return this.evidence;
	}

	/** The seller's sales of this sku in the look-back window, oldest first. */
	public List<PriorSale> getPriorSales() {
		return this.priorSales;
	}

}
