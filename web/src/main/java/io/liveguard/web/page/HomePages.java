package io.liveguard.web.page;

import io.liveguard.web.user.Caller;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The login page, and the home page that sends each role to its own page. A PLATFORM user
 * is an API client of the marketplace with no page of its own: it is sent to the API's
 * browsable description.
 */
@Controller
class HomePages {

	@GetMapping("/login")
	String login(@Nullable Authentication authentication) {
		return loggedIn(authentication) ? "redirect:/" : "login";
	}

	@GetMapping("/")
	String home(@Nullable Authentication authentication) {
		if (!loggedIn(authentication)) {
			return "redirect:/login";
		}
		return "redirect:" + switch (Caller.of(authentication).role()) {
			case "SELLER" -> "/seller";
			case "ANALYST" -> "/analyst/appeals";
			case "ADMIN" -> "/admin/penalty-runs";
			default -> "/swagger-ui.html";
		};
	}

	private static boolean loggedIn(@Nullable Authentication authentication) {
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
	}

}
