package io.liveguard.batch.penalty;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Records a job skipped and why, so nothing is dropped silently. */
public class Quarantine {

	private final JdbcClient jdbc;

	private final Clock clock;

	public Quarantine(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public void record(String jobName, long runId, String itemKey, String reason) {
		this.jdbc.sql("insert into quarantine (job_name, run_id, item_key, reason, recorded_at) values (?, ?, ?, ?, ?)")
			.params(jobName, runId, truncate(itemKey, 256), truncate(reason, 4000),
					OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC))
			.update();
	}

	public int count(long runId) {
		return this.jdbc.sql("select count(*) from quarantine where run_id = ?").param(runId).query(Integer.class).single();
	}

	private static String truncate(String value, int max) {
		return value.length() <= max ? value : value.substring(0, max);
	}

}
