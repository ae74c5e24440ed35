package io.liveguard.engine.live.facts;

/** What a go-live outcome does: refuses the live, blocks one product, or asks for a notice. */
public enum OutcomeKind {

	REFUSAL, BLOCKED_PRODUCT, NOTICE

}
