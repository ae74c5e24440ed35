package io.liveguard.web.webhook;

import java.time.Clock;

import io.liveguard.batch.webhook.WebhookOutbox;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The endpoints, their secrets and this node's dispatcher, woken by every commit that
 * recorded messages.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

	@Bean
	WebhookSecrets webhookSecrets(WebhookProperties properties) {
		return new WebhookSecrets(properties.secretKey());
	}

	@Bean
	WebhookDestinations webhookDestinations(WebhookProperties properties) {
		return new WebhookDestinations(properties.allowHttp(), properties.allowPrivateDestinations());
	}

	@Bean
	WebhookEndpoints webhookEndpoints(JdbcClient jdbc, WebhookSecrets secrets, WebhookOutbox outbox,
			ApplicationEventPublisher events, WebhookProperties properties, WebhookDestinations destinations,
			Clock clock) {
		return new WebhookEndpoints(jdbc, secrets, outbox, events, properties, destinations, clock);
	}

	@Bean
	WebhookDispatcher webhookDispatcher(JdbcClient jdbc, TransactionTemplate transactions, WebhookSecrets secrets,
			WebhookEndpoints endpoints, WebhookDestinations destinations, WebhookProperties properties,
			MeterRegistry meters, Clock clock, WebhookOutbox outbox) {
		WebhookDispatcher dispatcher = new WebhookDispatcher(jdbc, transactions, secrets, endpoints, destinations,
				outbox, properties, meters, clock);
		outbox.onRecorded(dispatcher::wake);
		return dispatcher;
	}

	/** A command-line penalty run exits when its run is done: it purges nothing. */
	@Bean
	@ConditionalOnWebApplication
	WebhookRetention webhookRetention(JdbcClient jdbc, TransactionTemplate transactions, WebhookProperties properties,
			Clock clock) {
		return new WebhookRetention(jdbc, transactions, properties, clock);
	}

	@Bean
	WebhookDeliveries webhookDeliveries(JdbcClient jdbc, WebhookEndpoints endpoints, WebhookDispatcher dispatcher,
			ApplicationEventPublisher events, Clock clock) {
		return new WebhookDeliveries(jdbc, endpoints, dispatcher, events, clock);
	}

}
