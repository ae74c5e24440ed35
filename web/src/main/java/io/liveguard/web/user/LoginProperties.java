package io.liveguard.web.user;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How repeated failed logins are slowed down.
 *
 * @param maxFailures failed password logins in a row that lock the user
 * @param lockout how long a locked user's logins are refused, even with the right password
 */
@ConfigurationProperties("liveguard.login")
record LoginProperties(@DefaultValue("5") int maxFailures, @DefaultValue("PT15M") Duration lockout) {
}
