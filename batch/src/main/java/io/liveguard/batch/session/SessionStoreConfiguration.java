package io.liveguard.batch.session;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one {@link SessionStore} of the application, for the API's ingest and the batch
 * jobs alike, and the one {@link SessionMeters} they report to.
 */
@Configuration(proxyBeanMethods = false)
public class SessionStoreConfiguration {

	@Bean
	SessionStore sessionStore(JdbcTemplate jdbc) {
		return new SessionStore(jdbc);
	}

	/**
	 * On the application's registry (Boot's, which Prometheus reads); a context without
	 * one, such as the batch module's tests, reports to Micrometer's global registry.
	 */
	@Bean
	SessionMeters sessionMeters(ObjectProvider<MeterRegistry> registry) {
		return new SessionMeters(registry.getIfAvailable(() -> Metrics.globalRegistry));
	}

}
