package io.liveguard.engine.facts.live;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A penalty of the seller, passed in by the caller, that the go-live rules weigh against
 * the start.
 */
public final class SellerBan {

	private final String level;

	private final Instant startsAt;

	private final @Nullable Instant endsAt;

	private final boolean lifted;

	public SellerBan(String level, Instant startsAt, @Nullable Instant endsAt, boolean lifted) {
		this.level = level;
		this.startsAt = startsAt;
		this.endsAt = endsAt;
		this.lifted = lifted;
	}

	/** BAN_3D, BAN_7D, BAN_30D or PERMANENT. */
	public String getLevel() {
		return this.level;
	}

	public Instant getStartsAt() {
		return this.startsAt;
	}

	/** The exclusive end, null when permanent. */
	public @Nullable Instant getEndsAt() {
		return this.endsAt;
	}

	public boolean isLifted() {
		return this.lifted;
	}

	/** Whether it stops a live that starts at {@code at}. */
	public boolean covers(Instant at) {
		return !this.lifted && !at.isBefore(this.startsAt) && (this.endsAt == null || at.isBefore(this.endsAt));
	}

	/** For a refusal's detail: its level and its end. */
	public String getDescription() {
		return "penalty " + this.level + ((this.endsAt == null) ? ", permanent" : " until " + this.endsAt);
	}

}
