package io.liveguard.web.user;

/**
 * Test fixture: logged-in principals as the application's user details service makes
 * them, for {@code SecurityMockMvcRequestPostProcessors.user(...)}, so pages see the role
 * and the seller id exactly as after a real login.
 */
public final class PageUsers {

	private PageUsers() {
	}

	public static LiveGuardUser seller(String username, String sellerId) {
		return new LiveGuardUser(username, "{noop}unused", true, false, Role.SELLER.name(), sellerId, 0);
	}

	public static LiveGuardUser analyst(String username) {
		return new LiveGuardUser(username, "{noop}unused", true, false, Role.ANALYST.name(), null, 0);
	}

	public static LiveGuardUser admin(String username) {
		return new LiveGuardUser(username, "{noop}unused", true, false, Role.ADMIN.name(), null, 0);
	}

	public static LiveGuardUser platform(String username) {
		return new LiveGuardUser(username, "{noop}unused", true, false, Role.PLATFORM.name(), null, 0);
	}

}
