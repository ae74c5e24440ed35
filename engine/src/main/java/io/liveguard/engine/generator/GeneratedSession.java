package io.liveguard.engine.generator;

import java.util.Set;

import io.liveguard.engine.scoring.SellerHistory;
import io.liveguard.engine.session.LiveSession;

/**
 * One generated session with what a scorer needs beside it.
 *
 * @param session the session record
 * @param history the seller's prior sales of the products this session lists, from
 * generated sessions with orders that started within the look-back window before this one
 * ({@link GeneratorSettings#historyDays()}); what a database would return for
 * {@link io.liveguard.engine.ScoringEngine#historyWindow}, narrowed to the listed skus
 * @param profile the kind of session the generator meant
 * @param plantedQuality the quality codes of policy section 1 the generator set up on
 * purpose
 * @param plantedViolations the violation codes of policy section 2 the generator set up
 * on purpose; a scorer of the default policy finds at least these
 */
public record GeneratedSession(LiveSession session, SellerHistory history, Profile profile, Set<String> plantedQuality,
		Set<String> plantedViolations) {

	public GeneratedSession {
		plantedQuality = Set.copyOf(plantedQuality);
		plantedViolations = Set.copyOf(plantedViolations);
	}

}
