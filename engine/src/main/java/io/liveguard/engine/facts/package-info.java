/**
 * The facts rule packs reason over. Java condenses a session into a few compact facts
 * (totals, shares, keyword hits, one fact per product and flag) so rules stay simple and
 * cheap; classifying rules insert {@link io.liveguard.engine.facts.Detection}s, and the
 * pack's findings table decides what each detection is worth. These classes are the whole
 * vocabulary a DRL file may import.
 */
@NullMarked
package io.liveguard.engine.facts;

import org.jspecify.annotations.NullMarked;
