package io.liveguard.web.system;

import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.session.SessionCodec;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The scoring engine with the configured rule packs compiled once at start-up, and the codec every
 * entry point (API, NDJSON, bulk import) reads session records with, so all accept and reject alike.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EngineProperties.class)
class EngineConfiguration {

	@Bean
	ScoringEngine scoringEngine(EngineProperties properties) {
		return ScoringEngine.withClasspathPacks(properties.packs().toArray(String[]::new));
	}

	@Bean
	SessionCodec sessionCodec() {
		return new SessionCodec();
	}

}
