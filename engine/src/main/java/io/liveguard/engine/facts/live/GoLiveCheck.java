package io.liveguard.engine.facts.live;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The go-live request, as the go-live rules see it; its products are
 * {@link GoLiveProduct} facts.
 */
public final class GoLiveCheck {

	private final String liveId;

	private final String sellerId;

	private final String market;

	private final Instant startedAt;

	private final @Nullable String hostId;

	private final boolean hostVerified;

	public GoLiveCheck(String liveId, String sellerId, String market, Instant startedAt, @Nullable String hostId,
			boolean hostVerified) {
		this.liveId = liveId;
		this.sellerId = sellerId;
		this.market = market;
		this.startedAt = startedAt;
		this.hostId = hostId;
		this.hostVerified = hostVerified;
	}

	public String getLiveId() {
		return this.liveId;
	}

	public String getSellerId() {
		return this.sellerId;
	}

	public String getMarket() {
		return this.market;
	}

	public Instant getStartedAt() {
		return this.startedAt;
	}

	public @Nullable String getHostId() {
		return this.hostId;
	}

	public boolean isHostVerified() {
		return this.hostVerified;
	}

	/** For a detail: the host and whether the platform verified their identity. */
	public String getHostDescription() {
		return "host " + ((this.hostId == null) ? "(no id)" : this.hostId)
				+ (this.hostVerified ? ", identity verified" : ", identity not verified");
	}

}
