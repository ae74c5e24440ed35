package io.liveguard.web.user;

import java.time.Clock;

import io.liveguard.web.throttle.ClientAddress;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Looks users up in the user table for Spring Security; the role becomes
 * {@code ROLE_<role>}. A user locked out from the client address of the current request
 * comes back locked, so Spring Security refuses it before checking the password; from any
 * other address it logs in as usual.
 */
@Service
class AppUserDetailsService implements UserDetailsService {

	private final Users users;

	private final Clock clock;

	AppUserDetailsService(Users users, Clock clock) {
		this.users = users;
		this.clock = clock;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		AppUser user = this.users.find(username).orElseThrow(() -> new UsernameNotFoundException(username));
		LoginLockout lockout = this.users.lockout(username, ClientAddress.of(currentRemoteAddress()));
		return new LiveGuardUser(user.username(), user.passwordHash(), user.enabled(),
				lockout.lockedAt(this.clock.instant()), user.role().name(), user.sellerId(), lockout.failures());
	}

	/**
	 * The address of the request being authenticated. Spring Security asks for users with
	 * no request at hand; Spring MVC's request context filter runs before the security
	 * filters and holds it.
	 */
	private static @Nullable String currentRemoteAddress() {
		return (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
				? attributes.getRequest().getRemoteAddr() : null;
	}

}
