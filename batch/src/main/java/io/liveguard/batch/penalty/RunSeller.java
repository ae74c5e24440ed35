package io.liveguard.batch.penalty;

/** A seller a run visits, with the market whose pack decides for it. */
record RunSeller(String sellerId, String market) {
}
