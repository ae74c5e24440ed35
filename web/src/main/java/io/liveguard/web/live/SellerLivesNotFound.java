package io.liveguard.web.live;

import io.liveguard.engine.DomainException;

/**
 * Another seller's lives, asked for by a SELLER: 404 as for an unknown seller, so one
 * seller cannot tell which others stream.
 */
class SellerLivesNotFound extends DomainException {

	SellerLivesNotFound(String sellerId) {
		super(Kind.NOT_FOUND, "Seller not found", "sellerId: no seller '" + sellerId + "' is known");
	}

}
