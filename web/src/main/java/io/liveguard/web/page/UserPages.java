package io.liveguard.web.page;

import io.liveguard.engine.DomainException;
import io.liveguard.web.user.UserAdministration;
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
 * The users page (ADMIN): every user with its role, seller and state; create one, disable
 * or enable it, set a new password. The same {@link UserAdministration} as the API, so
 * the same checks and audit events. (In this package because the user package must not
 * depend on the pages.)
 */
@Controller
class UserPages {

	private static final String PAGE = "redirect:/admin/users";

	private final UserAdministration administration;

	private final Validator validator;

	UserPages(UserAdministration administration, Validator validator) {
		this.administration = administration;
		this.validator = validator;
	}

	@GetMapping("/admin/users")
	String list(Model model) {
		model.addAttribute("users", this.administration.all());
		return "admin/users";
	}

	@PostMapping("/admin/users")
	String create(@RequestParam(required = false) @Nullable String username,
			@RequestParam(required = false) @Nullable String password,
			@RequestParam(required = false) @Nullable String role,
			@RequestParam(required = false) @Nullable String sellerId, Authentication authentication,
			RedirectAttributes redirect) {
		return act(redirect, () -> {
			UserAdministration.UserView user = this.administration.create(
					Forms.check(this.validator,
							new UserAdministration.NewUser(username, password, role, blankToNull(sellerId))),
					authentication.getName());
			Notice.ok(redirect, "users.created", user.username(), user.role());
		});
	}

	@PostMapping("/admin/users/{username}/disable")
	String disable(@PathVariable String username, Authentication authentication, RedirectAttributes redirect) {
		return act(redirect, () -> {
			this.administration.disable(username, authentication.getName());
			Notice.ok(redirect, "users.disabled", username);
		});
	}

	@PostMapping("/admin/users/{username}/enable")
	String enable(@PathVariable String username, Authentication authentication, RedirectAttributes redirect) {
		return act(redirect, () -> {
			this.administration.enable(username, authentication.getName());
			Notice.ok(redirect, "users.enabled", username);
		});
	}

	@PostMapping("/admin/users/{username}/password")
	String password(@PathVariable String username, @RequestParam(required = false) @Nullable String password,
			Authentication authentication, RedirectAttributes redirect) {
		return act(redirect, () -> {
			this.administration.resetPassword(username,
					Forms.check(this.validator, new UserAdministration.NewPassword(password)),
					authentication.getName());
			Notice.ok(redirect, "users.passwordSet", username);
		});
	}

	/**
	 * Runs a change; a refusal (invalid, not found, conflict) becomes the page's error
	 * notice with its detail.
	 */
	private static String act(RedirectAttributes redirect, Runnable change) {
		try {
			change.run();
		}
		catch (DomainException ex) {
			Notice.error(redirect, "admin.refused", ex.detail());
		}
		return PAGE;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
