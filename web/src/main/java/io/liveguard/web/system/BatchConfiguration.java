package io.liveguard.web.system;

import io.liveguard.batch.backtest.BacktestConfiguration;
import io.liveguard.batch.backtest.BacktestJobConfiguration;
import io.liveguard.batch.penalty.PenaltyRunConfiguration;
import io.liveguard.batch.penalty.PenaltyRunJobConfiguration;
import io.liveguard.batch.rescore.RescoreJobConfiguration;
import io.liveguard.batch.rulepack.RulePackStoreConfiguration;
import io.liveguard.batch.session.SessionStoreConfiguration;
import io.liveguard.batch.sessionimport.SessionImportConfiguration;
import io.liveguard.batch.sessionimport.SessionImportJobConfiguration;
import io.liveguard.batch.webhook.WebhookOutboxConfiguration;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The batch module's jobs and stores, in the application's context. */
@Configuration(proxyBeanMethods = false)
@Import({ PenaltyRunJobConfiguration.class, PenaltyRunConfiguration.class, BacktestJobConfiguration.class,
		BacktestConfiguration.class, SessionStoreConfiguration.class, RulePackStoreConfiguration.class,
		SessionImportJobConfiguration.class, SessionImportConfiguration.class, RescoreJobConfiguration.class,
		WebhookOutboxConfiguration.class })
class BatchConfiguration {

}
