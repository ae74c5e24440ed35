package io.liveguard.engine.scoring;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a rule pack made of one session.
 *
 * @param sessionId the session scored
 * @param sellerId its seller
 * @param market its market
 * @param businessDate the calendar date of its start in the market's time zone
 * @param rulePack the pack version that scored it
 * @param contentScore 0..100
 * @param violationPoints the sum of the violation findings' points
 * @param findings quality findings first, then violations, in the pack's table order
 * @param scoredAt when it was scored
 */
public record ScoreCard(String sessionId, String sellerId, String market, LocalDate businessDate, RulePackRef rulePack,
		int contentScore, int violationPoints, List<Finding> findings, Instant scoredAt) {

	public ScoreCard {
		findings = List.copyOf(findings);
	}

	public List<Finding> violations() {
		return this.findings.stream().filter(Finding::isViolation).toList();
	}

	public boolean hasFinding(String code) {
		return this.findings.stream().anyMatch((finding) -> finding.code().equals(code));
	}

}
