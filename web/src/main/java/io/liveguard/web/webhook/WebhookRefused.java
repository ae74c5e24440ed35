package io.liveguard.web.webhook;

import io.liveguard.engine.DomainException;

/** Why a webhook request cannot be done, naming the field. */
abstract class WebhookRefused extends DomainException {

	WebhookRefused(Kind kind, String title, String detail) {
		super(kind, title, detail);
	}

	static final class EndpointNotFound extends WebhookRefused {

		EndpointNotFound(String id) {
			super(Kind.NOT_FOUND, "Not found", "id: no webhook endpoint '" + id + "' is known");
		}

	}

	static final class DeliveryNotFound extends WebhookRefused {

		DeliveryNotFound(String endpointId, String messageId) {
			super(Kind.NOT_FOUND, "Not found",
					"messageId: endpoint '" + endpointId + "' has no message '" + messageId + "'");
		}

	}

	/** A url or event list that events.md does not allow. */
	static final class InvalidEndpoint extends WebhookRefused {

		InvalidEndpoint(String detail) {
			super(Kind.INVALID, "Invalid webhook endpoint", detail);
		}

	}

	/** A DISABLED endpoint is sent nothing, its test included. */
	static final class EndpointDisabled extends WebhookRefused {

		EndpointDisabled(String id) {
			super(Kind.CONFLICT, "Conflict", "status: webhook endpoint '" + id
					+ "' is DISABLED and is sent nothing; enable it first (PUT with status ACTIVE)");
		}

	}

	/** Only a FAILED message is retried by hand; the others are on their way. */
	static final class NotFailed extends WebhookRefused {

		NotFailed(String messageId, String status) {
			super(Kind.CONFLICT, "Conflict",
					"status: message '" + messageId + "' is " + status + "; only a FAILED message is retried by hand");
		}

	}

	/** No key to encrypt and decrypt signing secrets is configured. */
	static final class NotConfigured extends WebhookRefused {

		NotConfigured() {
			super(Kind.UNAVAILABLE, "Webhooks are not configured",
					"set liveguard.webhooks.secret-key (env LIVEGUARD_WEBHOOKS_SECRET_KEY) to the base64 of 32 random "
							+ "bytes, e.g. `openssl rand -base64 32`, to register endpoints");
		}

	}

}
