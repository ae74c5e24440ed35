package io.liveguard.web.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the audit log is kept.
 *
 * @param retention how long events are kept; older ones are deleted every night
 * @param repeatWindow identical failures (same principal, type, reason and client
 * address) within this time of the first are one row whose data carries {@code count} and
 * {@code lastAt}
 */
@ConfigurationProperties("liveguard.audit")
record AuditProperties(@DefaultValue("P365D") Duration retention, @DefaultValue("PT1M") Duration repeatWindow) {

	AuditProperties {
		if (retention.isNegative() || retention.isZero() || repeatWindow.isNegative()) {
			throw new IllegalArgumentException("liveguard.audit: retention must be positive and repeat-window not "
					+ "negative (were " + retention + ", " + repeatWindow + ")");
		}
	}

}
