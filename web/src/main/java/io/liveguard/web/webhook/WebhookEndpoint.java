package io.liveguard.web.webhook;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A registered endpoint, as the API shows it: never with its secret.
 *
 * @param id its id
 * @param url where messages are posted
 * @param events the event types it receives, or {@code ["*"]} for all
 * @param description what it is for
 * @param status ACTIVE, or DISABLED (by an admin, or by a 410 answer)
 * @param disabledReason why it is DISABLED
 * @param previousSecretValidUntil until when the secret before the last rotation also
 * signs, or null
 * @param createdBy the admin who registered it
 * @param createdAt when
 * @param updatedAt when it last changed
 */
record WebhookEndpoint(String id, String url, List<String> events, String description, Status status,
		@Nullable String disabledReason, @Nullable Instant previousSecretValidUntil, String createdBy,
		Instant createdAt, Instant updatedAt) {

	enum Status {

		ACTIVE, DISABLED

	}

}
