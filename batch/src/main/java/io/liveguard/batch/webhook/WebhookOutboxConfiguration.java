package io.liveguard.batch.webhook;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one {@link WebhookOutbox} of the application, for the penalty run and the web
 * module's decisions alike. Needs a {@link Clock} bean.
 */
@Configuration(proxyBeanMethods = false)
public class WebhookOutboxConfiguration {

	@Bean
	WebhookOutbox webhookOutbox(JdbcTemplate jdbc, ObjectProvider<JsonMapper> json, Clock clock) {
		return new WebhookOutbox(jdbc, json.getIfAvailable(() -> JsonMapper.builder().build()), clock);
	}

}
