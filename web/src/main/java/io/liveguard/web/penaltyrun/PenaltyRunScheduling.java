package io.liveguard.web.penaltyrun;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import io.liveguard.batch.penalty.EligibilityIndex;
import io.liveguard.batch.penalty.PenaltyRuns;
import io.liveguard.engine.ScoringEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;

/**
 * The nightly schedule: one cron task per configured market, in the market's time zone (from its
 * rule pack), each running the market for the business date that just ended; and the periodic
 * reload of the eligibility index.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(PenaltyRunProperties.class)
class PenaltyRunScheduling implements SchedulingConfigurer {

	private static final Logger logger = LoggerFactory.getLogger(PenaltyRunScheduling.class);

	private final PenaltyRunProperties properties;

	private final PenaltyRuns runs;

	private final ScoringEngine engine;

	private final EligibilityIndex eligibility;

	private final Clock clock;

	PenaltyRunScheduling(PenaltyRunProperties properties, PenaltyRuns runs, ScoringEngine engine,
			EligibilityIndex eligibility, Clock clock) {
		this.properties = properties;
		this.runs = runs;
		this.engine = engine;
		this.eligibility = eligibility;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		if (this.properties.date() != null) {
			return; // a command-line run: no schedule
		}
		for (Map.Entry<String, String> entry : this.properties.schedules().entrySet()) {
			String market = entry.getKey();
			ZoneId zone = this.engine.registry().forMarket(market).settings().zoneFor(market);
			registrar.addCronTask(new CronTask(() -> runYesterday(market, zone), new CronTrigger(entry.getValue(), zone)));
			logger.info("Penalty run for {} scheduled at '{}' {}", market, entry.getValue(), zone);
		}
		registrar.addFixedDelayTask(this.eligibility::reload, this.properties.reloadInterval());
	}

	private void runYesterday(String market, ZoneId zone) {
		LocalDate yesterday = LocalDate.now(this.clock.withZone(zone)).minusDays(1);
		long runId = this.runs.start(yesterday, market, "schedule");
		logger.info("Scheduled penalty run {} started for {} {}", runId, market, yesterday);
	}

}
