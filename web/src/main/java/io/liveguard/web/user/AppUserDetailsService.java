package io.liveguard.web.user;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Looks users up in the user table for Spring Security; the role becomes {@code ROLE_<role>}. */
@Service
class AppUserDetailsService implements UserDetailsService {

	private final Users users;

	AppUserDetailsService(Users users) {
		this.users = users;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		AppUser user = this.users.find(username).orElseThrow(() -> new UsernameNotFoundException(username));
		return new LiveGuardUser(user.username(), user.passwordHash(), user.enabled(), user.role().name(),
				user.sellerId());
	}

}
