package io.liveguard.web.webhook;

import java.net.URI;
import java.util.List;
import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The webhooks API of events.md; ADMIN only. */
@RestController
@Validated
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Endpoints that receive LiveGuard's decisions as signed events (ADMIN)")
class WebhookController {

	private final WebhookEndpoints endpoints;

	private final WebhookDeliveries deliveries;

	WebhookController(WebhookEndpoints endpoints, WebhookDeliveries deliveries) {
		this.endpoints = endpoints;
		this.deliveries = deliveries;
	}

	@PostMapping
	@ApiResponse(responseCode = "201", description = "Registered; Location names the endpoint",
			useReturnTypeSchema = true)
	@Operation(summary = "Register an endpoint; the answer holds its signing secret, shown this once")
	ResponseEntity<WebhookEndpoints.Created> createWebhook(@Valid @RequestBody WebhookEndpoints.NewEndpoint request,
			Authentication authentication) {
		WebhookEndpoints.Created created = this.endpoints.create(request, authentication.getName());
		return ResponseEntity.created(URI.create("/api/v1/webhooks/" + created.id())).body(created);
	}

	@GetMapping
	@Operation(summary = "Every endpoint, without secrets")
	List<WebhookEndpoint> webhooks() {
		return this.endpoints.all();
	}

	@GetMapping("/{id}")
	@Operation(summary = "One endpoint, without its secret")
	WebhookEndpoint webhook(@PathVariable String id) {
		return this.endpoints.get(id);
	}

	@PutMapping("/{id}")
	@Operation(summary = "Change the url, events, description or status (ACTIVE or DISABLED) of an endpoint")
	WebhookEndpoint updateWebhook(@PathVariable String id, @Valid @RequestBody WebhookEndpoints.EndpointChange change,
			Authentication authentication) {
		return this.endpoints.update(id, change, authentication.getName());
	}

	@PostMapping("/{id}/rotate-secret")
	@Operation(summary = "A new signing secret, shown this once; the old one also signs for 24 hours")
	WebhookEndpoints.Rotated rotateWebhookSecret(@PathVariable String id, Authentication authentication) {
		return this.endpoints.rotate(id, authentication.getName());
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Remove an endpoint with its messages")
	void deleteWebhook(@PathVariable String id, Authentication authentication) {
		this.endpoints.delete(id, authentication.getName());
	}

	@PostMapping("/{id}/test")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Send a webhook.test event to this endpoint; 409 when it is DISABLED")
	TestSent testWebhook(@PathVariable String id, Authentication authentication) {
		return new TestSent(this.endpoints.test(id, authentication.getName()));
	}

	@GetMapping("/{id}/deliveries")
	@Operation(summary = "The endpoint's messages, the latest first, with their attempts")
	List<WebhookDeliveries.Delivery> webhookDeliveries(@PathVariable String id,
			@RequestParam(required = false) WebhookDeliveries.Delivery.@Nullable Status status,
			@RequestParam(defaultValue = "50") @Min(1) @Max(WebhookDeliveries.MAX_LIMIT) int limit) {
		return this.deliveries.of(id, status, limit);
	}

	@PostMapping("/{id}/deliveries/{messageId}/retry")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Send a FAILED message again now")
	WebhookDeliveries.Delivery retryWebhookDelivery(@PathVariable String id, @PathVariable String messageId,
			Authentication authentication) {
		return this.deliveries.retry(id, messageId, authentication.getName());
	}

	/** The test event's message, to find among the deliveries. */
	record TestSent(String messageId) {

		TestSent {
			Objects.requireNonNull(messageId);
		}

	}

}
