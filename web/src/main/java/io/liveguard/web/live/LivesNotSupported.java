package io.liveguard.web.live;

import io.liveguard.engine.DomainException;
import io.liveguard.engine.scoring.RulePackRef;

/**
 * The market's active rule pack has no go-live or live rules, so it cannot check a live:
 * nothing is stored. A market's pack gets them by copying the default pack's
 * {@code golive/} and {@code live/} files.
 */
class LivesNotSupported extends DomainException {

	LivesNotSupported(String market, RulePackRef pack) {
		super(Kind.UNPROCESSABLE, "Lives not supported", "market: the active rule pack of " + market + " (" + pack.id()
				+ " version " + pack.version() + ") has no go-live and live rules");
	}

}
