package io.liveguard.web.penalty;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import io.liveguard.batch.partition.PartitioningProperties;
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
 * The nightly schedule: one cron task per configured market, in the market's time zone
 * (from its rule pack), each running the market for the business date that just ended;
 * and the periodic reload of the eligibility index. A partition worker reloads the index
 * but schedules no runs.
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

	private final PartitioningProperties partitioning;

	PenaltyRunScheduling(PenaltyRunProperties properties, PenaltyRuns runs, ScoringEngine engine,
			EligibilityIndex eligibility, Clock clock, PartitioningProperties partitioning) {
		this.partitioning = partitioning;
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
		registrar.addFixedDelayTask(this.eligibility::reload, this.properties.reloadInterval());
		if (this.partitioning.mode() == PartitioningProperties.Mode.WORKER) {
			logger.info("A partition worker: the nightly runs are started by the manager, not scheduled here");
			return;
		}
		for (Map.Entry<String, String> entry : this.properties.schedules().entrySet()) {
			String market = entry.getKey();
			ZoneId zone = this.engine.registry().forMarket(market).settings().zoneFor(market);
			registrar
				.addCronTask(new CronTask(() -> runYesterday(market, zone), new CronTrigger(entry.getValue(), zone)));
			logger.info("Penalty run for {} scheduled at '{}' {}", market, entry.getValue(), zone);
		}
	}

	private void runYesterday(String market, ZoneId zone) {
		LocalDate yesterday = LocalDate.now(this.clock.withZone(zone)).minusDays(1);
		long runId = this.runs.start(yesterday, market, "schedule");
		logger.info("Scheduled penalty run {} started for {} {}", runId, market, yesterday);
	}

}
