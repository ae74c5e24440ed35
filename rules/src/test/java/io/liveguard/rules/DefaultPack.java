package io.liveguard.rules;

import java.util.List;

import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.scoring.Finding;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.scoring.SellerHistory;
import io.liveguard.engine.session.LiveSession;

/**
 * The default pack from the classpath, compiled once for every rule test class of this
 * JVM (a compile takes seconds), and small helpers to read score cards.
 */
final class DefaultPack {

	private static final ScoringEngine ENGINE = ScoringEngine.withClasspathPacks("default");

	private DefaultPack() {
	}

	static CompiledPack pack() {
		return ENGINE.registry().active("default").orElseThrow();
	}

	static ScoreCard score(Sessions session) {
		return score(session.build(), SellerHistory.NONE);
	}

	static ScoreCard score(LiveSession session, SellerHistory history) {
		return ENGINE.score(session, history);
	}

	static List<String> codes(ScoreCard card) {
		return card.findings().stream().map(Finding::code).toList();
	}

	/** The only finding of {@code code} on the card. */
	static Finding finding(ScoreCard card, String code) {
		List<Finding> findings = card.findings().stream().filter((finding) -> finding.code().equals(code)).toList();
		if (findings.size() != 1) {
			throw new AssertionError(
					"Expected one " + code + " finding, found " + findings.size() + " in " + codes(card));
		}
		return findings.get(0);
	}

}
