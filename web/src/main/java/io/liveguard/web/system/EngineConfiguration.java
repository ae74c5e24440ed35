package io.liveguard.web.system;

import io.liveguard.engine.session.SessionCodec;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The codec every entry point (API, NDJSON, bulk import) reads session records with, so
 * all accept and reject alike. The scoring engine and its rule packs come from the
 * database ({@code rulepack}).
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

	@Bean
	SessionCodec sessionCodec(InputProperties input) {
		return new SessionCodec(input.maxRecordSize().toBytes());
	}

}
