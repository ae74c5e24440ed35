package io.liveguard.engine.session;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Something upstream systems observed at an instant of the stream. The JSON {@code type}
 * property selects the kind; each kind carries only its own fields.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = Signal.Transcript.class, name = "TRANSCRIPT"),
		@JsonSubTypes.Type(value = Signal.ModerationFlag.class, name = "MODERATION_FLAG"),
		@JsonSubTypes.Type(value = Signal.HostAbsent.class, name = "HOST_ABSENT"),
		@JsonSubTypes.Type(value = Signal.DeadAir.class, name = "DEAD_AIR"),
		@JsonSubTypes.Type(value = Signal.ProductShown.class, name = "PRODUCT_SHOWN"),
		@JsonSubTypes.Type(value = Signal.ViewerReport.class, name = "VIEWER_REPORT"),
		@JsonSubTypes.Type(value = Signal.StreamQuality.class, name = "STREAM_QUALITY") })
public sealed interface Signal {

	Instant at();

	/** The signal's type as named in the session format. */
	String type();

	/** A speech-to-text segment, any language, with or without diacritics. */
	record Transcript(@JsonProperty(required = true) @NotNull Instant at,
			@JsonProperty(required = true) @NotNull String text) implements Signal {
		@Override
		public String type() {
			return "TRANSCRIPT";
		}
	}

	/**
	 * A classifier's or a moderator's finding, with its confidence in 0..1. The range
	 * message is spelled out: the default one is an EL expression the parameter-only
	 * interpolator prints verbatim.
	 */
	record ModerationFlag(@JsonProperty(required = true) @NotNull Instant at,
			@JsonProperty(required = true) @NotNull ModerationCode code,
			@JsonProperty(required = true) @DecimalMin(value = "0", message = "must be between 0 and 1") @DecimalMax(
					value = "1", message = "must be between 0 and 1") double confidence)
			implements
				Signal {
		@Override
		public String type() {
			return "MODERATION_FLAG";
		}
	}

	/** No host on camera for that long. */
	record HostAbsent(@JsonProperty(required = true) @NotNull Instant at,
			@JsonProperty(required = true) @PositiveOrZero long durationSec) implements Signal {
		@Override
		public String type() {
			return "HOST_ABSENT";
		}
	}

	/** No speech for that long. */
	record DeadAir(@JsonProperty(required = true) @NotNull Instant at,
			@JsonProperty(required = true) @PositiveOrZero long durationSec) implements Signal {
		@Override
		public String type() {
			return "DEAD_AIR";
		}
	}

	/** The host presented that product on camera. */
	record ProductShown(@JsonProperty(required = true) @NotNull Instant at,
			@JsonProperty(required = true) @NotBlank String sku) implements Signal {
		@Override
		public String type() {
			return "PRODUCT_SHOWN";
		}
	}

	/** A viewer's complaint. */
	record ViewerReport(@JsonProperty(required = true) @NotNull Instant at,
			@JsonProperty(required = true) @NotNull ReportCode code) implements Signal {
		@Override
		public String type() {
			return "VIEWER_REPORT";
		}
	}

	/** Video resolution and total buffering, as measured. */
	record StreamQuality(@JsonProperty(required = true) @NotNull Instant at,
			@JsonProperty(required = true) @Positive int resolutionP,
			@JsonProperty(required = true) @PositiveOrZero long stallSec) implements Signal {
		@Override
		public String type() {
			return "STREAM_QUALITY";
		}
	}

}
