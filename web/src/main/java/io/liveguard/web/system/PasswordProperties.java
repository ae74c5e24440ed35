package io.liveguard.web.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a verified password is remembered, so that HTTP Basic callers do not pay a
 * BCrypt check on every request.
 *
 * @param verifiedTtl how long a password that matched its stored hash is taken as
 * matching without a new check; {@code PT0S} checks every time
 * @param verifiedMaxEntries how many such matches are remembered at most
 * @param bcryptStrength BCrypt's work factor for new hashes (4 to 31; each step doubles
 * the cost); a stored hash of a lower factor still matches and is upgraded when its user
 * next signs in
 */
@ConfigurationProperties("liveguard.password")
record PasswordProperties(@DefaultValue("PT5M") Duration verifiedTtl, @DefaultValue("10000") long verifiedMaxEntries,
		@DefaultValue("10") int bcryptStrength) {

	PasswordProperties {
		if (bcryptStrength < 4 || bcryptStrength > 31) {
			throw new IllegalArgumentException(
					"liveguard.password.bcrypt-strength must be between 4 and 31, not " + bcryptStrength);
		}
	}

}
