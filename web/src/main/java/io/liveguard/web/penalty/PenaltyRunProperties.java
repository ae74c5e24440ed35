package io.liveguard.web.penalty;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the penalty run.
 *
 * @param schedule cron expressions by market code (six fields, Spring's format),
 * evaluated in the market's time zone; each firing runs the market for the business date
 * before the firing's date
 * @param date when set, the application runs the penalty run for this date once and exits
 * (the command line way); {@code market} narrows it
 * @param market the market of the command-line run; all markets when unset
 * @param eligibilityReload how often the eligibility index is reloaded from the database,
 * so several application nodes converge
 */
@ConfigurationProperties("liveguard.penalty-run")
record PenaltyRunProperties(@Nullable Map<String, String> schedule, @Nullable LocalDate date, @Nullable String market,
		@Nullable Duration eligibilityReload) {

	Map<String, String> schedules() {
		return (this.schedule != null) ? this.schedule : Map.of();
	}

	Duration reloadInterval() {
		return (this.eligibilityReload != null) ? this.eligibilityReload : Duration.ofMinutes(1);
	}

}
