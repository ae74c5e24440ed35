package io.liveguard.web.apikey;

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
 * The API keys page (ADMIN): every key with its prefix and state; create, rotate, revoke.
 * A new or rotated key travels to the next page view as a flash attribute and is shown
 * that once.
 */
@Controller
class ApiKeyPages {

	static final String ISSUED = "issuedKey";

	private static final String PAGE = "redirect:/admin/api-keys";

	private final ApiKeys keys;

	private final Validator validator;

	ApiKeyPages(ApiKeys keys, Validator validator) {
		this.keys = keys;
		this.validator = validator;
	}

	@GetMapping("/admin/api-keys")
	String list(Model model) {
		model.addAttribute("keys", this.keys.all());
		return "admin/api-keys";
	}

	@PostMapping("/admin/api-keys")
	String create(@RequestParam(required = false) @Nullable String name, Authentication authentication,
			RedirectAttributes redirect) {
		try {
			redirect.addFlashAttribute(ISSUED, this.keys
				.create(Forms.check(this.validator, new ApiKeys.NewKey(name, "PLATFORM")), authentication.getName()));
		}
		catch (DomainException ex) {
			Notice.error(redirect, "admin.refused", ex.detail());
		}
		return PAGE;
	}

	@PostMapping("/admin/api-keys/{id}/rotate")
	String rotate(@PathVariable String id, Authentication authentication, RedirectAttributes redirect) {
		try {
			redirect.addFlashAttribute(ISSUED, this.keys.rotate(id, authentication.getName()));
		}
		catch (DomainException ex) {
			Notice.error(redirect, "admin.refused", ex.detail());
		}
		return PAGE;
	}

	@PostMapping("/admin/api-keys/{id}/revoke")
	String revoke(@PathVariable String id, Authentication authentication, RedirectAttributes redirect) {
		try {
			ApiKey revoked = this.keys.revoke(id, authentication.getName());
			Notice.ok(redirect, "keys.revoked", revoked.name());
		}
		catch (DomainException ex) {
			Notice.error(redirect, "admin.refused", ex.detail());
		}
		return PAGE;
	}

}
