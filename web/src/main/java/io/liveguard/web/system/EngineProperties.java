package io.liveguard.web.system;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the scoring engine.
 *
 * @param packs ids of the rule packs shipped on the classpath under {@code packs/<id>/} to compile
 * and activate at start-up
 */
@ConfigurationProperties("liveguard")
record EngineProperties(@DefaultValue("default") List<String> packs) {

	EngineProperties {
		packs = List.copyOf(packs);
		if (packs.isEmpty()) {
			throw new IllegalArgumentException("liveguard.packs must name at least one rule pack");
		}
	}

}
