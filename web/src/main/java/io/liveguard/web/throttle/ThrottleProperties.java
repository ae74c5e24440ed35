package io.liveguard.web.throttle;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many failed authentications a client address may make.
 *
 * @param failures failed logins and bad API keys an address may send in a burst; the next
 * attempt is answered 429 until the budget refills
 * @param period how long the budget takes to refill from empty (greedily: with the
 * defaults, one more attempt every 30 seconds)
 * @param addresses addresses remembered at most; beyond that the least used are
 * forgotten, so memory stays bounded whatever the number of addresses
 */
@ConfigurationProperties("liveguard.throttle")
record ThrottleProperties(@DefaultValue("20") int failures, @DefaultValue("PT10M") Duration period,
		@DefaultValue("100000") long addresses) {

	ThrottleProperties {
		if (failures < 1 || period.isNegative() || period.isZero() || addresses < 1) {
			throw new IllegalArgumentException("liveguard.throttle: failures and addresses must be at least 1 and "
					+ "period positive (were " + failures + ", " + addresses + ", " + period + ")");
		}
	}

}
