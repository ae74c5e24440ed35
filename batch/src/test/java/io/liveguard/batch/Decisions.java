package io.liveguard.batch;

/**
 * Test fixture: what penalty runs decided, as rows of text to compare between two runs
 * (portable SQL, H2 and PostgreSQL), without the ids of the runs that decided them.
 */
public final class Decisions {

	/** Every penalty with each of its reasons, one row per reason. */
	public static final String PENALTIES = """
			select p.seller_id || ' ' || p.level || ' ' || p.starts_at || ' ' || coalesce(cast(p.ends_at as varchar), '-')
			       || ' ' || p.threshold_points || ' ' || p.critical || ' ' || p.decided_for || ' '
			       || coalesce(r.session_id || '/' || r.code || '/' || r.points, '-')
			from penalty p left join penalty_reason r on r.penalty_id = p.penalty_id
			order by p.seller_id, p.level, p.starts_at, r.seq
			""";

	/** Every seller's ladder state. */
	public static final String STATES = """
			select seller_id || ' ' || market || ' ' || coalesce(reached_level, '-') || ' ' || active_points || ' '
			       || last_run_date
			from seller_state order by seller_id
			""";

	/** Every warning of every run. */
	public static final String WARNINGS = "select seller_id || ' ' || code || ' ' || message from seller_warning order by seller_id, seq";

	private Decisions() {
	}

}
