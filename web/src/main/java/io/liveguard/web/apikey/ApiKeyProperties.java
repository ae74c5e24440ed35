package io.liveguard.web.apikey;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How API keys are checked.
 *
 * @param cacheTtl how long a node trusts a working key it read from the database without reading it
 * again: the longest another node keeps accepting a key after one node rotated or revoked it (the node
 * that did so stops at once). {@code 0s} reads the database on every request.
 */
@ConfigurationProperties("liveguard.api-keys")
record ApiKeyProperties(@DefaultValue("PT5S") Duration cacheTtl) {
}
