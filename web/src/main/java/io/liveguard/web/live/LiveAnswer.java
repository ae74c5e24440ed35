package io.liveguard.web.live;

import java.util.List;

import io.liveguard.engine.live.GoLiveAnswer;
import io.liveguard.engine.live.LiveStatus;
import io.liveguard.engine.scoring.RulePackRef;

/**
 * The go-live answer as live.md serves it, and as it is stored.
 *
 * @param liveId the live
 * @param sellerId its seller
 * @param market its market
 * @param status OPEN or REFUSED
 * @param refusals why it may not start
 * @param blockedProducts products it may not sell
 * @param notices what the host must show viewers
 * @param rulePack the pack version that decided
 */
record LiveAnswer(String liveId, String sellerId, String market, LiveStatus status, List<GoLiveAnswer.Refusal> refusals,
		List<GoLiveAnswer.ProductNote> blockedProducts, List<GoLiveAnswer.ProductNote> notices, RulePackRef rulePack) {

	static LiveAnswer of(String sellerId, String market, GoLiveAnswer answer) {
		return new LiveAnswer(answer.liveId(), sellerId, market, answer.status(), answer.refusals(),
				answer.blockedProducts(), answer.notices(), answer.rulePack());
	}

	/** The engine's answer, to open the live's decider with. */
	GoLiveAnswer engine() {
		return new GoLiveAnswer(this.liveId, this.status, this.refusals, this.blockedProducts, this.notices,
				this.rulePack);
	}

}
