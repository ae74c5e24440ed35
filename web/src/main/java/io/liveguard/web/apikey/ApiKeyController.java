package io.liveguard.web.apikey;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The API keys API ({@code api.md}, "Users and API keys"); ADMIN only. */
@RestController
@RequestMapping("/api/v1/api-keys")
@Tag(name = "API keys", description = "Keys of marketplace clients (PLATFORM), shown once (ADMIN)")
class ApiKeyController {

	private final ApiKeys keys;

	ApiKeyController(ApiKeys keys) {
		this.keys = keys;
	}

	@PostMapping
	@ApiResponse(responseCode = "201", description = "Issued: the key is shown this once", useReturnTypeSchema = true)
	@Operation(summary = "Create a key; the answer holds the key, shown this once")
	ResponseEntity<IssuedKey> create(@Valid @RequestBody ApiKeys.NewKey request, Authentication authentication) {
		ApiKeys.Issued issued = this.keys.create(request, authentication.getName());
		return ResponseEntity.created(URI.create("/api/v1/api-keys/" + issued.apiKey().id()))
			.body(IssuedKey.of(issued));
	}

	@GetMapping
	@Operation(summary = "Every key, working or revoked, without the keys themselves")
	List<ApiKey> all() {
		return this.keys.all();
	}

	@GetMapping("/{id}")
	@Operation(summary = "One key's record")
	ApiKey one(@PathVariable String id) {
		return this.keys.find(id).orElseThrow(() -> new ApiKeys.ApiKeyNotFound(id));
	}

	@PostMapping("/{id}/rotate")
	@Operation(summary = "Replace the key: the answer holds the new one, the old one stops working")
	IssuedKey rotate(@PathVariable String id, Authentication authentication) {
		return IssuedKey.of(this.keys.rotate(id, authentication.getName()));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Revoke the key for good")
	ApiKey revoke(@PathVariable String id, Authentication authentication) {
		return this.keys.revoke(id, authentication.getName());
	}

	/** {@code {id, key}} as api.md gives it, with the name and prefix for people. */
	record IssuedKey(String id, String key, String name, String prefix) {

		static IssuedKey of(ApiKeys.Issued issued) {
			return new IssuedKey(issued.apiKey().id(), issued.key(), issued.apiKey().name(), issued.apiKey().prefix());
		}

	}

}
