package io.liveguard.web.penalty;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.liveguard.web.LiveGuardApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.scheduling.support.SimpleTriggerContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The command-line and scheduled ways to start the penalty run. */
class PenaltyRunCommandLineIntegrationTests {

	@Test
	void theCommandLineRunsOnceWithoutAWebServerAndExitsWithTheOutcome() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LiveGuardApplication.class)
			.web(WebApplicationType.NONE)
			.run("--liveguard.penalty-run.date=2026-11-22", "--liveguard.penalty-run.market=VN",
					"--liveguard.bootstrap.admin-password=command-line-test-password")) {
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			assertThat(jdbc.sql("select requested_by || ' ' || business_date || ' ' || market from penalty_run")
				.query(String.class)
				.list()).containsExactly("command line 2026-11-22 VN");
			assertThat(context.getBeansOfType(ScheduledTaskHolder.class).values()
				.stream()
				.flatMap((holder) -> holder.getScheduledTasks().stream())
				.filter((task) -> task.getTask() instanceof CronTask)
				.toList()).as("no nightly schedule in a command-line run").isEmpty();
			assertThat(SpringApplication.exit(context)).isZero();
		}
	}

	@Test
	void theServerSchedulesEachMarketInItsOwnTimeZone() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LiveGuardApplication.class)
			.web(WebApplicationType.NONE)
			.run("--liveguard.bootstrap.admin-password=schedule-test-password")) {
			// 00:30 market time after 2026-11-22T00:00Z: UTC+7 markets at 17:30Z, UTC+8 markets at 16:30Z
			Clock from = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
			List<Instant> next = context.getBeansOfType(ScheduledTaskHolder.class)
				.values()
				.stream()
				.flatMap((holder) -> holder.getScheduledTasks().stream())
				.map((task) -> task.getTask())
				.filter(CronTask.class::isInstance)
				.map((task) -> ((CronTrigger) ((CronTask) task).getTrigger()).nextExecution(new SimpleTriggerContext(from)))
				.toList();
			Instant utc7 = Instant.parse("2026-11-22T17:30:00Z");
			Instant utc8 = Instant.parse("2026-11-22T16:30:00Z");
			assertThat(next).containsExactlyInAnyOrder(utc7, utc7, utc7, utc8, utc8, utc8);
		}
	}

}
