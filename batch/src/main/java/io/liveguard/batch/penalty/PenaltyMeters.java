package io.liveguard.batch.penalty;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.liveguard.engine.penalty.PenaltyLevel;

/**
 * What the penalty run reports to Micrometer (README, "Operating LiveGuard"): how long
 * each run's execution took, by market and outcome, and the decisions it stored, by kind
 * ({@code warning}, a ban level such as {@code ban_7d} or {@code permanent},
 * {@code lifted}). Decisions are counted once their chunk commits, on the node that
 * decided them (a worker's partitions on the worker).
 */
final class PenaltyMeters {

	private final MeterRegistry registry;

	private final Counter warnings;

	private final Counter lifts;

	private final Counter[] penalties = new Counter[PenaltyLevel.values().length];

	PenaltyMeters(MeterRegistry registry) {
		this.registry = registry;
		this.warnings = decisions("warning");
		this.lifts = decisions("lifted");
		for (PenaltyLevel level : PenaltyLevel.values()) {
			this.penalties[level.ordinal()] = decisions(level.name().toLowerCase(Locale.ROOT));
		}
	}

	private Counter decisions(String kind) {
		return Counter.builder("liveguard.penalty.decisions")
			.description("Decisions the penalty run stored: warnings, penalties by level, penalties lifted")
			.tag("kind", kind)
			.register(this.registry);
	}

	void penalty(PenaltyLevel level) {
		this.penalties[level.ordinal()].increment();
	}

	void warnings(long count) {
		this.warnings.increment(count);
	}

	void lifts(long count) {
		this.lifts.increment(count);
	}

	/**
	 * A run's execution ended: its duration, tagged with the market ({@code *} for all)
	 * and its status ({@code completed}, {@code failed}, ...).
	 */
	void run(String market, String status, LocalDateTime start, LocalDateTime end) {
		Timer.builder("liveguard.penalty.run")
			.description("Duration of penalty run executions (a restart is an execution of its own)")
			.tag("market", market.matches("[A-Z]{2}|\\*") ? market : "other")
			.tag("status", status.toLowerCase(Locale.ROOT))
			.register(this.registry)
			.record(Duration.between(start, end));
	}

}
