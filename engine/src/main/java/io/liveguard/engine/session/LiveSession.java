package io.liveguard.engine.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * One finished livestream session, as described by {@code session-format.md}.
 *
 * @param sessionId the platform's unique id of the session
 * @param sellerId the seller (shop) that ran the stream
 * @param market ISO 3166 alpha-2 market code; selects the rule pack and the business-day time zone
 * @param startedAt when the stream started
 * @param endedAt when the stream ended, after {@code startedAt}
 * @param host who presented the stream
 * @param stats audience and interaction counters
 * @param products the products listed during the stream
 * @param signals what upstream systems observed in the stream, in any order
 */
public record LiveSession(
		@JsonProperty(required = true) @NotBlank @Size(max = 128) String sessionId,
		@JsonProperty(required = true) @NotBlank @Size(max = 128) String sellerId,
		@JsonProperty(required = true) @NotNull String market,
		@JsonProperty(required = true) @NotNull Instant startedAt,
		@JsonProperty(required = true) @NotNull Instant endedAt,
		@JsonProperty(required = true) @NotNull @Valid Host host,
		@JsonProperty(required = true) @NotNull @Valid SessionStats stats,
		@JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) @NotNull List<@NotNull @Valid Product> products,
		@JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) @NotNull List<@NotNull @Valid Signal> signals) {

	/** The longest session the format allows. */
	public static final Duration MAX_LENGTH = Duration.ofHours(24);

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
