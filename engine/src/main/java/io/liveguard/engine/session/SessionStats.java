package io.liveguard.engine.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.PositiveOrZero;

/** Audience and interaction counters of a session; all non-negative. */
public record SessionStats(@JsonProperty(required = true) @PositiveOrZero int peakViewers,
		@JsonProperty(required = true) @PositiveOrZero int avgViewers,
		@JsonProperty(required = true) @PositiveOrZero int comments,
		@JsonProperty(required = true) @PositiveOrZero int commentsAnswered,
		@JsonProperty(required = true) @PositiveOrZero int orders,
		@JsonProperty(required = true) @PositiveOrZero int viewerReports) {
}
