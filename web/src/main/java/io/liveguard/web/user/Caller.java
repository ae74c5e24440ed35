package io.liveguard.web.user;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;

/**
 * Who is calling, for object-level checks: a SELLER sees only its own seller's data;
 * every other role reads across sellers (which endpoints a role may call at all is the
 * security configuration's job).
 *
 * @param username the login
 * @param role PLATFORM, SELLER, ANALYST or ADMIN
 * @param sellerId the seller a SELLER acts for
 */
public record Caller(String username, String role, @Nullable String sellerId) {

	public static Caller of(Authentication authentication) {
		if (authentication.getPrincipal() instanceof LiveGuardUser user) {
			return new Caller(user.getUsername(), user.role(), user.sellerId());
		}
		String role = authentication.getAuthorities()
			.stream()
			.map((authority) -> authority.getAuthority())
			.filter((authority) -> authority.startsWith("ROLE_"))
			.map((authority) -> authority.substring("ROLE_".length()))
			.findFirst()
			.orElse("");
		return new Caller(authentication.getName(), role, null);
	}

	public boolean isSeller() {
		return "SELLER".equals(this.role);
	}

	/** Whether the caller may see the data of {@code sellerId}. */
	public boolean maySee(String sellerId) {
		return !isSeller() || sellerId.equals(this.sellerId);
	}

}
