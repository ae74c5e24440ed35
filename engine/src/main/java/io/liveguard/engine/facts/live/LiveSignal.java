package io.liveguard.engine.facts.live;

import java.util.Set;

import io.liveguard.engine.scoring.Evidence;
import io.liveguard.engine.session.ModerationCode;
import org.jspecify.annotations.Nullable;

/**
 * One signal of a live, inserted as a Drools event whose timestamp is its {@code at}
 * (epoch milliseconds; the live DRL declares {@code @role(event) @timestamp(at)}). It
 * carries only what rules read: a transcript becomes the names of the keyword lists it
 * hits, not its text (the evidence keeps an account for the host).
 */
public final class LiveSignal {

	private final long seq;

	private final long at;

	private final String type;

	private final @Nullable ModerationCode flag;

	private final double confidence;

	private final long durationSec;

	private final int resolutionP;

	private final @Nullable String sku;

	private final Set<String> keywordLists;

	private final Evidence evidence;

	public LiveSignal(long seq, long at, String type, @Nullable ModerationCode flag, double confidence,
			long durationSec, int resolutionP, @Nullable String sku, Set<String> keywordLists, Evidence evidence) {
		this.seq = seq;
		this.at = at;
		this.type = type;
		this.flag = flag;
		this.confidence = confidence;
		this.durationSec = durationSec;
		this.resolutionP = resolutionP;
		this.sku = sku;
		this.keywordLists = Set.copyOf(keywordLists);
		this.evidence = evidence;
	}

	public long getSeq() {
		return this.seq;
	}

	/** When it happened, epoch milliseconds: the event's timestamp. */
	public long getAt() {
		return this.at;
	}

	/**
	 * The session format's signal type: TRANSCRIPT, MODERATION_FLAG, VIEWER_REPORT, ...
	 */
	public String getType() {
		return this.type;
	}

	/** For a MODERATION_FLAG its code, otherwise null. */
	public @Nullable ModerationCode getFlag() {
		return this.flag;
	}

	/** For a MODERATION_FLAG its confidence, otherwise 0. */
	public double getConfidence() {
		return this.confidence;
	}

	/** For HOST_ABSENT and DEAD_AIR how long it lasted, otherwise 0. */
	public long getDurationSec() {
		return this.durationSec;
	}

	/** For STREAM_QUALITY the resolution, otherwise 0. */
	public int getResolutionP() {
		return this.resolutionP;
	}

	/** For PRODUCT_SHOWN the product, otherwise null. */
	public @Nullable String getSku() {
		return this.sku;
	}

	/**
	 * For a TRANSCRIPT the pack's keyword lists it hits ({@code off-platform},
	 * {@code cure-claims}, ...).
	 */
	public Set<String> getKeywordLists() {
		return this.keywordLists;
	}

	public Evidence getEvidence() {
		return this.evidence;
	}

	@Override
	public String toString() {
		return "LiveSignal[" + this.seq + " " + this.type + " at " + this.at + "]";
	}

}
