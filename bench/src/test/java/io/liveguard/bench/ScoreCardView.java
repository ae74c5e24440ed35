package io.liveguard.bench;

import java.time.LocalDate;
import java.util.List;

import io.liveguard.engine.scoring.Evidence;
import io.liveguard.engine.scoring.Finding;
import io.liveguard.engine.scoring.FindingKind;
import io.liveguard.engine.scoring.RulePackRef;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.scoring.Severity;

/**
 * A score card without what legitimately differs between two scorers: rule names and the
 * scoring instant.
 */
record ScoreCardView(String sessionId, String sellerId, String market, LocalDate businessDate, RulePackRef rulePack,
		int contentScore, int violationPoints, List<FindingView> findings) {

	static ScoreCardView of(ScoreCard card) {
		return new ScoreCardView(card.sessionId(), card.sellerId(), card.market(), card.businessDate(), card.rulePack(),
				card.contentScore(), card.violationPoints(), card.findings().stream().map(FindingView::of).toList());
	}

	record FindingView(String code, FindingKind kind, Severity severity, int points, int scoreDelta,
			List<Evidence> evidence) {

		static FindingView of(Finding finding) {
			return new FindingView(finding.code(), finding.kind(), finding.severity(), finding.points(),
					finding.scoreDelta(), finding.evidence());
		}

	}

}
