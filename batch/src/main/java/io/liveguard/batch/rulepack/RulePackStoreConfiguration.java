package io.liveguard.batch.rulepack;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one {@link RulePackStore} of the application, for the rule-pack lifecycle and the
 * back-tests alike.
 */
@Configuration(proxyBeanMethods = false)
public class RulePackStoreConfiguration {

	@Bean
	RulePackStore rulePackStore(JdbcClient jdbc) {
		return new RulePackStore(jdbc);
	}

}
