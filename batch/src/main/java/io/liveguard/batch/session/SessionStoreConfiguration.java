package io.liveguard.batch.session;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one {@link SessionStore} of the application, for the API's ingest and the batch
 * jobs alike.
 */
@Configuration(proxyBeanMethods = false)
public class SessionStoreConfiguration {

	@Bean
	SessionStore sessionStore(JdbcTemplate jdbc) {
		return new SessionStore(jdbc);
	}

}
