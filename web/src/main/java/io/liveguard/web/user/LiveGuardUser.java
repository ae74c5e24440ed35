package io.liveguard.web.user;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * The logged-in principal: a Spring Security user that also knows its role and, for
 * sellers, its seller. Equal by username (as {@link User}), which is how its web sessions
 * are found to end them.
 */
class LiveGuardUser extends User {

	private final String role;

	private final @Nullable String sellerId;

	private final int failedLogins;

	LiveGuardUser(String username, String password, boolean enabled, boolean locked, String role,
			@Nullable String sellerId, int failedLogins) {
		super(username, password, enabled, true, true, !locked, List.of(new SimpleGrantedAuthority("ROLE_" + role)));
		this.role = role;
		this.sellerId = sellerId;
		this.failedLogins = failedLogins;
	}

	public String role() {
		return this.role;
	}

	/** The seller a SELLER user acts for; null for other roles. */
	public @Nullable String sellerId() {
		return this.sellerId;
	}

	/**
	 * Failed logins in a row from the request's client address when the user was loaded;
	 * a success resets them only when there are some.
	 */
	int failedLogins() {
		return this.failedLogins;
	}

}
