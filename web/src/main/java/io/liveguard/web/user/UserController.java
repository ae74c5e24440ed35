package io.liveguard.web.user;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The users API ({@code api.md}, "Users and API keys"); ADMIN only. */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users", description = "People who log in: sellers, analysts and admins (ADMIN)")
class UserController {

	private final UserAdministration administration;

	UserController(UserAdministration administration) {
		this.administration = administration;
	}

	@PostMapping
	@ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
	@Operation(summary = "Create a user; passwords under 12 characters are refused")
	ResponseEntity<UserAdministration.UserView> create(@Valid @RequestBody UserAdministration.NewUser user,
			Authentication authentication) {
		UserAdministration.UserView created = this.administration.create(user, authentication.getName());
		return ResponseEntity.created(URI.create("/api/v1/users/" + created.username())).body(created);
	}

	@GetMapping
	@Operation(summary = "Every user, without password hashes")
	List<UserAdministration.UserView> all() {
		return this.administration.all();
	}

	@GetMapping("/{username}")
	@Operation(summary = "One user")
	UserAdministration.UserView one(@PathVariable String username) {
		return this.administration.find(username);
	}

	@PostMapping("/{username}/disable")
	@Operation(summary = "Disable a user: its logins are refused and its web sessions end")
	UserAdministration.UserView disable(@PathVariable String username, Authentication authentication) {
		return this.administration.disable(username, authentication.getName());
	}

	@PostMapping("/{username}/enable")
	@Operation(summary = "Enable a user again; also lifts a lockout after failed logins")
	UserAdministration.UserView enable(@PathVariable String username, Authentication authentication) {
		return this.administration.enable(username, authentication.getName());
	}

	@PostMapping("/{username}/password")
	@Operation(summary = "Set a new password (at least 12 characters); the user's web sessions end")
	UserAdministration.UserView resetPassword(@PathVariable String username,
			@Valid @RequestBody UserAdministration.NewPassword request, Authentication authentication) {
		return this.administration.resetPassword(username, request, authentication.getName());
	}

}
