package io.liveguard.web.user;

import java.time.Clock;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Looks users up in the user table for Spring Security; the role becomes {@code ROLE_<role>}. A user
 * within its lockout comes back locked, so Spring Security refuses it before checking the password.
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
		return new LiveGuardUser(user.username(), user.passwordHash(), user.enabled(),
				user.lockedAt(this.clock.instant()), user.role().name(), user.sellerId(), user.failedLogins());
	}

}
