package io.liveguard.batch.appeal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The appeal reads every feature shares; imported by the configurations that need them.
 */
@Configuration(proxyBeanMethods = false)
public class AppealConfiguration {

	@Bean
	AppealRecords appealRecords(JdbcClient jdbc) {
		return new AppealRecords(jdbc);
	}

}
