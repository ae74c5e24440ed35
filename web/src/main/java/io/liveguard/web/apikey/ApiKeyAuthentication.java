package io.liveguard.web.apikey;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An API key presented as a bearer token, and, once checked, the client it belongs to.
 * The name of an authenticated key is {@code api-key:<id>}, which is who it is in the
 * audit log and in {@code requested_by} columns.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

	private final @Nullable String key;

	private final @Nullable ApiKey apiKey;

	private ApiKeyAuthentication(@Nullable String key, @Nullable ApiKey apiKey) {
		super((apiKey == null) ? List.of() : List.of(new SimpleGrantedAuthority("ROLE_" + apiKey.role())));
		this.key = key;
		this.apiKey = apiKey;
		setAuthenticated(apiKey != null);
	}

	static ApiKeyAuthentication unauthenticated(String key) {
		return new ApiKeyAuthentication(key, null);
	}

	static ApiKeyAuthentication authenticated(ApiKey apiKey) {
		return new ApiKeyAuthentication(null, apiKey);
	}

	/** The presented key; erased once authenticated. */
	@Override
	public @Nullable Object getCredentials() {
		return this.key;
	}

	@Override
	public Object getPrincipal() {
		return (this.apiKey != null) ? this.apiKey : "api-key";
	}

	@Override
	public String getName() {
		return (this.apiKey != null) ? "api-key:" + this.apiKey.id()
				: "api-key:" + ((this.key == null) ? "" : this.key.substring(0, Math.min(this.key.length(), 10)));
	}

}
