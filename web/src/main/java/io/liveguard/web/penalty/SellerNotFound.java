package io.liveguard.web.penalty;

import io.liveguard.engine.DomainException;

/**
 * A seller LiveGuard has no session of, or one the caller may not see (not found either
 * way, so ids cannot be probed).
 */
class SellerNotFound extends DomainException {

	SellerNotFound(String sellerId) {
		super(Kind.NOT_FOUND, "Seller not found", "sellerId: no seller '" + sellerId + "' is known");
	}

}
