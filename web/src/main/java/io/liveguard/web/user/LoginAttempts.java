package io.liveguard.web.user;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import io.liveguard.web.throttle.ClientAddress;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Locks a user out from one client address after repeated failed password logins (form or
 * HTTP Basic) from that address; a successful login from there resets the count. Unknown
 * usernames are not recorded. The lockout is an {@code ACCOUNT_LOCKED} event in the audit
 * log; an admin who enables the user or resets its password lifts it early, from every
 * address.
 * <p>
 * Why by (user, address) and not by user: a lockout by user alone lets anyone who knows a
 * username, {@code admin} included, lock that user out by sending five wrong passwords,
 * again every 15 minutes. Keyed by address, a stranger's failures lock the user out from
 * the stranger's address only. Guessing one user's password from many addresses, or many
 * users' from one, is slowed down by the per-address throttle
 * ({@code AuthenticationThrottle}), which counts every failure of an address whatever the
 * user.
 */
@Component
@EnableConfigurationProperties(LoginProperties.class)
class LoginAttempts {

	static final String ACCOUNT_LOCKED = "ACCOUNT_LOCKED";

	private static final Logger log = LoggerFactory.getLogger(LoginAttempts.class);

	private final Users users;

	private final LoginProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	LoginAttempts(Users users, LoginProperties properties, ApplicationEventPublisher events, Clock clock) {
		this.users = users;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	@EventListener
	void failed(AuthenticationFailureBadCredentialsEvent event) {
		if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken token)) {
			return;
		}
		String username = token.getName();
		if (this.users.find(username).isEmpty()) {
			return;
		}
		String address = ClientAddress.of(remoteAddress(token));
		Instant now = this.clock.instant();
		boolean locked = this.users.recordFailedLogin(username, address, this.properties.maxFailures(), now,
				now.plus(this.properties.lockout()));
		if (locked) {
			log.warn("User '{}' locked out from {} for {} after {} failed logins", username, address,
					this.properties.lockout(), this.properties.maxFailures());
			this.events.publishEvent(new AuditApplicationEvent(username, ACCOUNT_LOCKED,
					Map.of("failures", this.properties.maxFailures(), "lockout", this.properties.lockout().toString(),
							"remoteAddress", address)));
		}
	}

	@EventListener
	void succeeded(AuthenticationSuccessEvent event) {
		// only when there are failures to forget: HTTP Basic clients authenticate on
		// every request
		if (event.getAuthentication().getPrincipal() instanceof LiveGuardUser user && user.failedLogins() > 0) {
			this.users.resetFailedLogins(user.getUsername(),
					ClientAddress.of(remoteAddress(event.getAuthentication())));
		}
	}

	/**
	 * Forgets failures and lockouts older than the lockout, so the table holds only what
	 * still counts.
	 */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
	void purge() {
		this.users.purgeLockouts(this.clock.instant().minus(this.properties.lockout()));
	}

	private static @Nullable String remoteAddress(Authentication authentication) {
		return (authentication.getDetails() instanceof WebAuthenticationDetails details) ? details.getRemoteAddress()
				: null;
	}

}
