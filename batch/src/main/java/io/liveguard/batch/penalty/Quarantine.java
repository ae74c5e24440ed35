package io.liveguard.batch.penalty;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

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
		return this.jdbc.sql("select count(*) from quarantine where run_id = ?")
			.param(runId)
			.query(Integer.class)
			.single();
	}

	/**
	 * How many items a run of the job quarantined (run ids of different jobs overlap).
	 */
	public long count(String jobName, long runId) {
		return this.jdbc.sql("select count(*) from quarantine where job_name = ? and run_id = ?")
			.params(jobName, runId)
			.query(Long.class)
			.single();
	}

	/**
	 * The items a run of the job quarantined, in the order they were recorded, a page at
	 * a time.
	 */
	public List<Entry> list(String jobName, long runId, long offset, int limit) {
		return this.jdbc
			.sql("select id, item_key, reason, recorded_at from quarantine where job_name = ? and run_id = ?"
					+ " order by id offset ? rows fetch next ? rows only")
			.params(jobName, runId, offset, limit)
			.query((rs, row) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3),
					rs.getObject(4, OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * A quarantined item.
	 *
	 * @param id its row, in recording order
	 * @param itemKey what it was, such as {@code line 12 (session s-1)}
	 * @param reason why it was skipped
	 * @param recordedAt when
	 */
	public record Entry(long id, String itemKey, String reason, Instant recordedAt) {
	}

	private static String truncate(String value, int max) {
		return value.length() <= max ? value : value.substring(0, max);
	}

}
