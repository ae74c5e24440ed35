package io.liveguard.engine.facts.live;

import org.jspecify.annotations.Nullable;

/**
 * What a go-live rule decided: a refusal of the live, a blocked product or a notice for
 * one.
 */
public final class GoLiveOutcome {

	private final OutcomeKind kind;

	private final String code;

	private final @Nullable String sku;

	private final String detail;

	private final String rule;

	public GoLiveOutcome(OutcomeKind kind, String code, @Nullable String sku, String detail, String rule) {
		this.kind = kind;
		this.code = code;
		this.sku = sku;
		this.detail = detail;
		this.rule = rule;
	}

	public OutcomeKind getKind() {
		return this.kind;
	}

	public String getCode() {
		return this.code;
	}

	public @Nullable String getSku() {
		return this.sku;
	}

	public String getDetail() {
		return this.detail;
	}

	public String getRule() {
		return this.rule;
	}

}
