package io.liveguard.engine.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A product listed during a session. Prices are in the market's minor currency unit.
 *
 * @param sku the seller's stock keeping unit
 * @param category the regulatory category
 * @param adConfirmationId the regulator's confirmation of the advertising content, if any
 * @param declaredOrigin the origin the listing or host claims
 * @param verifiedOrigin the origin the platform verified, when known
 * @param listPrice the regular price
 * @param livePrice the price offered during the stream
 */
public record Product(@JsonProperty(required = true) @NotBlank @Size(max = 128) String sku,
		@JsonProperty(required = true) @NotNull ProductCategory category, @Nullable String adConfirmationId,
		@Nullable String declaredOrigin, @Nullable String verifiedOrigin,
		@JsonProperty(required = true) @PositiveOrZero long listPrice,
		@JsonProperty(required = true) @PositiveOrZero long livePrice) {
}
