package io.liveguard.engine.live;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.liveguard.engine.scoring.RulePackRef;

/**
 * What the go-live check decided (live.md): whether the live may start, the products it
 * may not sell, and what the host must tell viewers.
 *
 * @param liveId the live
 * @param status OPEN or REFUSED
 * @param refusals why it may not start, empty when it may
 * @param blockedProducts products that may not be sold in it
 * @param notices what the host must show viewers
 * @param rulePack the pack version that decided
 */
public record GoLiveAnswer(String liveId, LiveStatus status, List<Refusal> refusals, List<ProductNote> blockedProducts,
		List<ProductNote> notices, RulePackRef rulePack) {

	public GoLiveAnswer {
		refusals = List.copyOf(refusals);
		blockedProducts = List.copyOf(blockedProducts);
		notices = List.copyOf(notices);
	}

	/** The skus of the blocked products. */
	public Set<String> blockedSkus() {
		return this.blockedProducts.stream().map(ProductNote::sku).collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * A reason the live may not start.
	 *
	 * @param code SELLER_BANNED, UNVERIFIED_HOST, PROHIBITED_PRODUCT (default pack)
	 * @param detail for people
	 */
	public record Refusal(String code, String detail) {
	}

	/**
	 * A blocked product or a notice about one.
	 *
	 * @param sku the product
	 * @param code MISSING_AD_CONFIRMATION, FALSE_ORIGIN or HEALTH_WARNING (default pack)
	 * @param detail for people
	 */
	public record ProductNote(String sku, String code, String detail) {
	}

}
