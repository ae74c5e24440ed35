package io.liveguard.web.session;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.session.LiveSession;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A stored session: its record and its current score card, both served exactly as stored.
 *
 * @param record the canonical session record
 * @param scoreCard the current score card
 */
record SessionView(@Schema(implementation = LiveSession.class) @JsonRawValue String record,
		@Schema(implementation = ScoreCard.class) @JsonRawValue String scoreCard) {

	static SessionView of(StoredSession stored) {
		return new SessionView(stored.record(), stored.scoreCard());
	}

}
