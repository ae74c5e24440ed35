package io.liveguard.batch.penalty;

import io.liveguard.engine.penalty.SellerDecision;

/** A decision with the market it was decided in. */
record SellerOutcome(String market, SellerDecision decision) {
}
