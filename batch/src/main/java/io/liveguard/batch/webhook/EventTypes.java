package io.liveguard.batch.webhook;

import java.util.List;

/** The event types of events.md, as the {@code type} of a message says them. */
public final class EventTypes {

	public static final String LIVE_REFUSED = "live.refused";

	public static final String LIVE_ACTION = "live.action";

	public static final String LIVE_ENDED = "live.ended";

	public static final String PENALTY_DECIDED = "penalty.decided";

	public static final String PENALTY_LIFTED = "penalty.lifted";

	public static final String WARNING_ISSUED = "warning.issued";

	public static final String APPEAL_DECIDED = "appeal.decided";

	public static final String RULEPACK_PUBLISHED = "rulepack.published";

	public static final String WEBHOOK_TEST = "webhook.test";

	/** An endpoint subscribed to this receives every type. */
	public static final String ALL = "*";

	/** Every type an endpoint may subscribe to. */
	public static final List<String> TYPES = List.of(LIVE_REFUSED, LIVE_ACTION, LIVE_ENDED, PENALTY_DECIDED,
			PENALTY_LIFTED, WARNING_ISSUED, APPEAL_DECIDED, RULEPACK_PUBLISHED, WEBHOOK_TEST);

	private EventTypes() {
	}

}
