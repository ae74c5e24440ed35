package io.liveguard.engine.facts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.liveguard.engine.scoring.Evidence;
import org.jspecify.annotations.Nullable;

/** Totals and shares of one session, computed once in Java. One per scored session. */
public final class SessionSummary {

	private final String sessionId;

	private final String sellerId;

	private final String market;

	private final Instant startedAt;

	private final Instant endedAt;

	private final long durationSec;

	private final long durationMillis;

	private final @Nullable String hostId;

	private final boolean hostVerified;

	private final int peakViewers;

	private final int comments;

	private final int commentsAnswered;

	private final int viewerReports;

	private final long hostAbsentSec;

	private final long deadAirSec;

	private final long stallSec;

	private final int productsShown;

	private final List<Evidence> hostAbsentEvidence;

	private final List<Evidence> deadAirEvidence;

	private final List<Evidence> stallEvidence;

	private final List<Evidence> viewerReportEvidence;

	private final List<Evidence> productShownEvidence;

	private final List<StreamSample> streamSamples;

	private final int lowestResolutionP;

	SessionSummary(String sessionId, String sellerId, String market, Instant startedAt, Instant endedAt,
			@Nullable String hostId, boolean hostVerified, int peakViewers, int comments, int commentsAnswered,
			int viewerReports, long hostAbsentSec, long deadAirSec, long stallSec, int productsShown,
			List<Evidence> hostAbsentEvidence, List<Evidence> deadAirEvidence, List<Evidence> stallEvidence,
			List<Evidence> viewerReportEvidence, List<Evidence> productShownEvidence,
			List<StreamSample> streamSamples) {
		this.sessionId = sessionId;
		this.sellerId = sellerId;
		this.market = market;
		this.startedAt = startedAt;
		this.endedAt = endedAt;
		// shares and the length rule use the exact span: instants may carry fractions of
		// a second
		this.durationMillis = Duration.between(startedAt, endedAt).toMillis();
		this.durationSec = this.durationMillis / 1000;
		this.hostId = hostId;
		this.hostVerified = hostVerified;
		this.peakViewers = peakViewers;
		this.comments = comments;
		this.commentsAnswered = commentsAnswered;
		this.viewerReports = viewerReports;
		this.hostAbsentSec = hostAbsentSec;
		this.deadAirSec = deadAirSec;
		this.stallSec = stallSec;
		this.productsShown = productsShown;
		this.hostAbsentEvidence = hostAbsentEvidence;
		this.deadAirEvidence = deadAirEvidence;
		this.stallEvidence = stallEvidence;
		this.viewerReportEvidence = viewerReportEvidence;
		this.productShownEvidence = productShownEvidence;
		this.streamSamples = List.copyOf(streamSamples);
		int lowest = Integer.MAX_VALUE;
		for (StreamSample sample : this.streamSamples) {
			lowest = Math.min(lowest, sample.getResolutionP());
		}
		this.lowestResolutionP = lowest;
	}

	public String getSessionId() {
		return this.sessionId;
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

	public Instant getEndedAt() {
		return this.endedAt;
	}

	public long getDurationSec() {
		return this.durationSec;
	}

	public double getDurationMinutes() {
		return this.durationMillis / 60_000.0;
	}

	public @Nullable String getHostId() {
		return this.hostId;
	}

	public boolean isHostVerified() {
		return this.hostVerified;
	}

	public int getPeakViewers() {
		return this.peakViewers;
	}

	public int getComments() {
		return this.comments;
	}

	public int getCommentsAnswered() {
		return this.commentsAnswered;
	}

	/** Answered comments over comments; 1 when there were none. */
	public double getAnsweredShare() {
		return this.comments == 0 ? 1.0 : (double) this.commentsAnswered / this.comments;
	}

	public int getViewerReports() {
		return this.viewerReports;
	}

	/** Sum of HOST_ABSENT durations. */
	public long getHostAbsentSec() {
		return this.hostAbsentSec;
	}

	public double getHostAbsentShare() {
		return share(this.hostAbsentSec);
	}

	/** Sum of DEAD_AIR durations. */
	public long getDeadAirSec() {
		return this.deadAirSec;
	}

	public double getDeadAirShare() {
		return share(this.deadAirSec);
	}

	/** Sum of STREAM_QUALITY stall seconds. */
	public long getStallSec() {
		return this.stallSec;
	}

	public double getStallShare() {
		return share(this.stallSec);
	}

	/** How many PRODUCT_SHOWN signals name a listed product. */
	public int getProductsShown() {
		return this.productsShown;
	}

	public List<Evidence> getHostAbsentEvidence() {
		return this.hostAbsentEvidence;
	}

	public List<Evidence> getDeadAirEvidence() {
		return this.deadAirEvidence;
	}

	public List<Evidence> getStallEvidence() {
		return this.stallEvidence;
	}

	public List<Evidence> getViewerReportEvidence() {
		return this.viewerReportEvidence;
	}

	public List<Evidence> getProductShownEvidence() {
		return this.productShownEvidence;
	}

	/**
	 * The STREAM_QUALITY samples, in time order. Not facts of their own: rules reach them
	 * with {@code StreamSample( ... ) from $summary.streamSamples}.
	 */
	public List<StreamSample> getStreamSamples() {
		return this.streamSamples;
	}

	/**
	 * The lowest resolution of any sample; {@link Integer#MAX_VALUE} when there is none.
	 */
	public int getLowestResolutionP() {
		return this.lowestResolutionP;
	}

	/** The session's span, for findings about its length. */
	public Evidence getSpanEvidence() {
		return new Evidence(this.startedAt, "SESSION",
				"lasted " + (this.durationSec / 60) + " min " + (this.durationSec % 60) + " s");
	}

	/** The comment counters, for findings about interaction. */
	public Evidence getCommentsEvidence() {
		return new Evidence(this.endedAt, "STATS", this.comments + " comments, " + this.commentsAnswered + " answered ("
				+ Math.round(getAnsweredShare() * 100) + "%)");
	}

	/** The report counters, for findings about complaints. */
	public Evidence getReportsEvidence() {
		return new Evidence(this.endedAt, "STATS",
				this.viewerReports + " viewer reports, " + this.peakViewers + " peak viewers");
	}

	/** The host, for findings about identity. */
	public Evidence getHostEvidence() {
		return new Evidence(this.startedAt, "HOST", "host " + (this.hostId == null ? "(unknown)" : this.hostId)
				+ (this.hostVerified ? " identity verified" : " identity not verified"));
	}

	private double share(long seconds) {
		return this.durationMillis <= 0 ? 0.0 : seconds * 1000.0 / this.durationMillis;
	}

}
