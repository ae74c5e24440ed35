package io.liveguard.engine.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * One finished livestream session, as described by {@code session-format.md}.
 *
 * @param sessionId the platform's unique id of the session ({@link Ids})
 * @param sellerId the seller (shop) that ran the stream ({@link Ids})
 * @param market ISO 3166 alpha-2 market code; selects the rule pack and the business-day
 * time zone
 * @param startedAt when the stream started
 * @param endedAt when the stream ended, after {@code startedAt}
 * @param host who presented the stream
 * @param stats audience and interaction counters
 * @param products the products listed during the stream
 * @param signals what upstream systems observed in the stream, in any order
 */
public record LiveSession(
		@JsonProperty(required = true) @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.RULE) String sessionId,
		@JsonProperty(required = true) @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.RULE) String sellerId,
		@JsonProperty(required = true) @NotNull String market,
		@JsonProperty(required = true) @NotNull Instant startedAt,
		@JsonProperty(required = true) @NotNull Instant endedAt,
		@JsonProperty(required = true) @NotNull @Valid Host host,
		@JsonProperty(required = true) @NotNull @Valid SessionStats stats,
		@JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) @NotNull List<@NotNull @Valid Product> products,
		@JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) @NotNull List<@NotNull @Valid Signal> signals) {

	/** The longest session the format allows. */
	public static final Duration MAX_LENGTH = Duration.ofHours(24);

	/**
	 * The first instant the format allows (years 1970-9999: every database and page can
	 * hold them).
	 */
	public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

	/** The last instant the format allows. */
	public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

	public LiveSession {
		products = products == null ? List.of() : List.copyOf(products);
		signals = signals == null ? List.of() : List.copyOf(signals);
	}

	public Duration length() {
		return Duration.between(this.startedAt, this.endedAt);
	}

	public boolean covers(Instant at) {
		return !at.isBefore(this.startedAt) && !at.isAfter(this.endedAt);
	}

}
