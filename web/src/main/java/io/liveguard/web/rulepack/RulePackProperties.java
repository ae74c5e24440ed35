package io.liveguard.web.rulepack;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where rule packs come from.
 *
 * @param packs ids of the rule packs shipped on the classpath under {@code packs/<id>/},
 * stored as version 1 of each pack on the first start with no packs in the database
 * @param packRefresh how often a node checks the database for versions other nodes
 * published
 * @param scoringTimeBudget how long one session's rules may run before the engine halts
 * them and reports the rule; the server's to set, never a pack's
 */
@ConfigurationProperties("liveguard")
record RulePackProperties(@DefaultValue("default") List<String> packs, @DefaultValue("PT30S") Duration packRefresh,
		@DefaultValue("PT1S") Duration scoringTimeBudget) {

	RulePackProperties {
		packs = List.copyOf(packs);
		if (packs.isEmpty()) {
			throw new IllegalArgumentException("liveguard.packs must name at least one rule pack");
		}
		if (scoringTimeBudget.isNegative() || scoringTimeBudget.isZero()) {
			throw new IllegalArgumentException("liveguard.scoring-time-budget must be positive");
		}
	}

}
