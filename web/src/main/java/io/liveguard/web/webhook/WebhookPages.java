package io.liveguard.web.webhook;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import io.liveguard.batch.webhook.EventTypes;
import io.liveguard.engine.DomainException;
import io.liveguard.web.page.Forms;
import io.liveguard.web.page.Notice;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The webhooks pages (ADMIN): every endpoint with its last delivery; add, edit, rotate,
 * delete (after a confirmation page) and test one; an endpoint's deliveries with their
 * attempts, and the retry of a FAILED one. The same {@link WebhookEndpoints} and
 * {@link WebhookDeliveries} as the API, so the same checks and audit events. A new or
 * rotated secret travels to the next page view as a flash attribute and is shown that
 * once.
 */
@Controller
class WebhookPages {

	static final String ISSUED = "issuedSecret";

	/** Messages a deliveries page shows at most. */
	static final int SHOWN = 100;

	private static final String LIST = "/admin/webhooks";

	// {id} is expanded from the request's own path variable, encoded
	private static final String EDIT = "/admin/webhooks/{id}/edit";

	private static final String DELIVERIES = "/admin/webhooks/{id}/deliveries";

	private final WebhookEndpoints endpoints;

	private final WebhookDeliveries deliveries;

	private final Validator validator;

	WebhookPages(WebhookEndpoints endpoints, WebhookDeliveries deliveries, Validator validator) {
		this.endpoints = endpoints;
		this.deliveries = deliveries;
		this.validator = validator;
	}

	@GetMapping("/admin/webhooks")
	String list(Model model) {
		model.addAttribute("rows",
				this.endpoints.all()
					.stream()
					.map((endpoint) -> new Row(endpoint,
							this.deliveries.of(endpoint.id(), null, 1).stream().findFirst().orElse(null)))
					.toList());
		model.addAttribute("eventTypes", EventTypes.TYPES);
		return "admin/webhooks";
	}

	@PostMapping("/admin/webhooks")
	String create(@RequestParam(required = false) @Nullable String url,
			@RequestParam(required = false) @Nullable List<String> events,
			@RequestParam(required = false) @Nullable String description, Authentication authentication,
			RedirectAttributes redirect) {
		return act(redirect, LIST, () -> {
			WebhookEndpoints.Created created = this.endpoints.create(
					Forms.check(this.validator, new WebhookEndpoints.NewEndpoint(url, events, description)),
					authentication.getName());
			redirect.addFlashAttribute(ISSUED, new Issued(created.id(), created.url(), created.secret(), null));
			return LIST;
		});
	}

	@GetMapping("/admin/webhooks/{id}/edit")
	String edit(@PathVariable String id, Model model) {
		model.addAttribute("endpoint", this.endpoints.get(id));
		model.addAttribute("eventTypes", EventTypes.TYPES);
		return "admin/webhook-edit";
	}

	/**
	 * The edit form sends every field: the url, the checked event types, the description
	 * and whether it is enabled (an unchecked box sends nothing, so absent means
	 * DISABLED).
	 */
	@PostMapping("/admin/webhooks/{id}")
	String update(@PathVariable String id, @RequestParam(required = false) @Nullable String url,
			@RequestParam(required = false) @Nullable List<String> events,
			@RequestParam(required = false) @Nullable String description,
			@RequestParam(required = false) @Nullable String enabled, Authentication authentication,
			RedirectAttributes redirect) {
		return act(redirect, EDIT, () -> {
			WebhookEndpoint.Status status = "true".equals(enabled) ? WebhookEndpoint.Status.ACTIVE
					: WebhookEndpoint.Status.DISABLED;
			WebhookEndpoint changed = this.endpoints.update(id,
					Forms.check(this.validator, new WebhookEndpoints.EndpointChange((url == null) ? "" : url,
							(events == null) ? List.of() : events, (description == null) ? "" : description, status)),
					authentication.getName());
			Notice.ok(redirect, "webhooks.updated", changed.url(), changed.status());
			return LIST;
		});
	}

	@PostMapping("/admin/webhooks/{id}/rotate")
	String rotate(@PathVariable String id, Authentication authentication, RedirectAttributes redirect) {
		return act(redirect, LIST, () -> {
			WebhookEndpoint endpoint = this.endpoints.get(id);
			WebhookEndpoints.Rotated rotated = this.endpoints.rotate(id, authentication.getName());
			redirect.addFlashAttribute(ISSUED,
					new Issued(id, endpoint.url(), rotated.secret(), rotated.previousSecretValidUntil()));
			return LIST;
		});
	}

	/** Asks before deleting: the form of this page does it. */
	@GetMapping("/admin/webhooks/{id}/delete")
	String confirmDelete(@PathVariable String id, Model model) {
		model.addAttribute("endpoint", this.endpoints.get(id));
		return "admin/webhook-delete";
	}

	@PostMapping("/admin/webhooks/{id}/delete")
	String delete(@PathVariable String id, Authentication authentication, RedirectAttributes redirect) {
		return act(redirect, LIST, () -> {
			WebhookEndpoint endpoint = this.endpoints.get(id);
			this.endpoints.delete(id, authentication.getName());
			Notice.ok(redirect, "webhooks.deleted", endpoint.url());
			return LIST;
		});
	}

	/** Sends a {@code webhook.test} event and shows the endpoint's deliveries. */
	@PostMapping("/admin/webhooks/{id}/test")
	String test(@PathVariable String id, Authentication authentication, RedirectAttributes redirect) {
		return act(redirect, LIST, () -> {
			String messageId = this.endpoints.test(id, authentication.getName());
			Notice.ok(redirect, "webhooks.testSent", messageId);
			return DELIVERIES;
		});
	}

	@GetMapping("/admin/webhooks/{id}/deliveries")
	String deliveries(@PathVariable String id,
			@RequestParam(required = false) WebhookDeliveries.Delivery.@Nullable Status status, Model model) {
		model.addAttribute("endpoint", this.endpoints.get(id));
		model.addAttribute("deliveries", this.deliveries.of(id, status, SHOWN));
		model.addAttribute("status", status);
		model.addAttribute("statuses", WebhookDeliveries.Delivery.Status.values());
		model.addAttribute("shown", SHOWN);
		return "admin/webhook-deliveries";
	}

	@PostMapping("/admin/webhooks/{id}/deliveries/{messageId}/retry")
	String retry(@PathVariable String id, @PathVariable String messageId, Authentication authentication,
			RedirectAttributes redirect) {
		return act(redirect, DELIVERIES, () -> {
			this.deliveries.retry(id, messageId, authentication.getName());
			Notice.ok(redirect, "webhooks.retried", messageId);
			return DELIVERIES;
		});
	}

	/**
	 * Runs a change and redirects where it says; a refusal (invalid, not found, conflict,
	 * not configured) becomes the error notice of {@code onRefusal} with its detail.
	 */
	private static String act(RedirectAttributes redirect, String onRefusal, Supplier<String> change) {
		try {
			return "redirect:" + change.get();
		}
		catch (DomainException ex) {
			Notice.error(redirect, "admin.refused", ex.detail());
			return "redirect:" + onRefusal;
		}
	}

	private static String deliveriesOf(String id) {
		return LIST + "/" + id + "/deliveries";
	}

	/**
	 * An endpoint and its latest message.
	 *
	 * @param endpoint the endpoint
	 * @param last its latest message, or null before the first
	 */
	record Row(WebhookEndpoint endpoint, WebhookDeliveries.@Nullable Delivery last) {
	}

	/**
	 * A secret to show once.
	 *
	 * @param id the endpoint's id
	 * @param url the endpoint's url
	 * @param secret the new secret
	 * @param previousValidUntil after a rotation, until when the old secret still signs
	 */
	record Issued(String id, String url, String secret, @Nullable Instant previousValidUntil) {
	}

}
