package io.liveguard.web.user;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How repeated failed logins are slowed down.
 *
 * @param maxFailures failed password logins in a row from one client address that lock
 * the user out from that address
 * @param lockout how long the user's logins from that address are then refused, even with
 * the right password
 */
@ConfigurationProperties("liveguard.login")
record LoginProperties(@DefaultValue("5") int maxFailures, @DefaultValue("PT15M") Duration lockout) {
}
