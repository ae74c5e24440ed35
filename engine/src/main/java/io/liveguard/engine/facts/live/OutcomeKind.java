package io.liveguard.engine.facts.live;

/**
 * What a go-live outcome does: refuses the live, blocks one product, or asks for a
 * notice.
 */
public enum OutcomeKind {

	REFUSAL, BLOCKED_PRODUCT, NOTICE

}
