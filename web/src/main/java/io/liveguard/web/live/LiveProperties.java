package io.liveguard.web.live;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How lives are kept on this node.
 *
 * @param deciders open lives whose decider is kept in memory at most; beyond that the
 * least used are dropped and rebuilt from their stored signals when they send again, so
 * memory stays bounded whatever the number of open lives
 */
@ConfigurationProperties("liveguard.live")
record LiveProperties(@DefaultValue("10000") long deciders) {

	LiveProperties {
		if (deciders < 1) {
			throw new IllegalArgumentException("liveguard.live.deciders must be at least 1 (was " + deciders + ")");
		}
	}

}
