package io.liveguard.web.user;

import java.time.Clock;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Locks a user for a while after repeated failed password logins (form or HTTP Basic), so passwords
 * cannot be guessed at speed; a successful login resets the count. Unknown usernames are not
 * recorded. The lockout is an {@code ACCOUNT_LOCKED} event in the audit log; an admin who enables
 * the user or resets its password lifts it early.
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
		boolean locked = this.users.recordFailedLogin(username, this.properties.maxFailures(),
				this.clock.instant().plus(this.properties.lockout()));
		if (locked) {
			log.warn("User '{}' locked for {} after {} failed logins", username, this.properties.lockout(),
					this.properties.maxFailures());
			this.events.publishEvent(new AuditApplicationEvent(username, ACCOUNT_LOCKED,
					Map.of("failures", this.properties.maxFailures(), "lockout", this.properties.lockout().toString())));
		}
	}

	@EventListener
	void succeeded(AuthenticationSuccessEvent event) {
		if (event.getAuthentication().getPrincipal() instanceof LiveGuardUser user && user.failedLogins() > 0) {
			this.users.resetFailedLogins(user.getUsername());
		}
	}

}
