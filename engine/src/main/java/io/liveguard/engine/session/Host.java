package io.liveguard.engine.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The streamer.
 *
 * @param hostId the platform's id of the streamer, when known
 * @param identityVerified whether the platform verified the streamer's identity before
 * the stream
 */
public record Host(@Nullable String hostId, @JsonProperty(required = true) boolean identityVerified) {
}
