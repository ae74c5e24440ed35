package io.liveguard.web.rulepack;

import java.time.Clock;

import io.liveguard.batch.rulepack.RulePackStore;
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.rulepack.RulePackCompiler;
import io.liveguard.engine.rulepack.RulePackRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The scoring engine, with the active version of every rule pack in the database compiled
 * and activated before anything scores; on the first start the packs shipped on the
 * classpath become version 1.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ RulePackProperties.class, DraftCheckProperties.class })
class RulePackConfiguration {

	@Bean
	@DependsOnDatabaseInitialization
	ScoringEngine scoringEngine(RulePackProperties properties, RulePackStore store, TransactionTemplate transactions,
			Clock clock) {
		ScoringEngine engine = new ScoringEngine(new RulePackRegistry(),
				new RulePackCompiler(properties.scoringTimeBudget()), Clock.systemUTC());
		RulePackLoader loader = new RulePackLoader(store, engine, transactions, clock);
		loader.seedFromClasspath(properties.packs());
		loader.activateStored();
		return engine;
	}

}
