package io.liveguard.web.user;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** The logged-in principal: a Spring Security user that also knows its role and, for sellers, its seller. */
public class LiveGuardUser extends User {

	private final String role;

	private final @Nullable String sellerId;

	LiveGuardUser(String username, String password, boolean enabled, String role, @Nullable String sellerId) {
		super(username, password, enabled, true, true, true, List.of(new SimpleGrantedAuthority("ROLE_" + role)));
		this.role = role;
		this.sellerId = sellerId;
	}

	public String role() {
		return this.role;
	}

	/** The seller a SELLER user acts for; null for other roles. */
	public @Nullable String sellerId() {
		return this.sellerId;
	}

}
