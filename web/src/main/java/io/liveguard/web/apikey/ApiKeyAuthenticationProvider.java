package io.liveguard.web.apikey;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks a presented API key against the stored hashes. Not a bean: it serves only the
 * API's bearer filter, so Spring Security keeps building its user-and-password
 * authentication from the user table.
 */
public class ApiKeyAuthenticationProvider implements AuthenticationProvider {

	private final ApiKeys keys;

	public ApiKeyAuthenticationProvider(ApiKeys keys) {
		this.keys = keys;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String key = (String) authentication.getCredentials();
		return this.keys.authenticate((key == null) ? "" : key)
			.map(ApiKeyAuthentication::authenticated)
			.orElseThrow(() -> new BadCredentialsException("The API key is unknown or was revoked"));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return ApiKeyAuthentication.class.isAssignableFrom(authentication);
	}

	/**
	 * Reads {@code Authorization: Bearer <key>}; null when the request carries no bearer
	 * token.
	 */
	public static org.springframework.security.web.authentication.AuthenticationConverter bearerConverter() {
		return (request) -> {
			String header = request.getHeader("Authorization");
			if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
				return null;
			}
			ApiKeyAuthentication presented = ApiKeyAuthentication.unauthenticated(header.substring(7).strip());
			// the client address, for the throttle and the audit log of a bad key
			presented.setDetails(new WebAuthenticationDetails(request));
			return presented;
		};
	}

}
