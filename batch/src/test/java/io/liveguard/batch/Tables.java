package io.liveguard.batch;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Test fixture: empties the application's tables, children before parents. */
public final class Tables {

	private static final List<String> ALL = List.of("webhook_attempt", "webhook_message", "webhook_fanout",
			"webhook_event", "webhook_endpoint", "quarantine", "session_import", "penalty_run_seller", "appeal",
			"seller_warning", "penalty_reason", "penalty", "seller_state", "penalty_run", "listed_price", "finding",
			"score_card", "session_record", "live_session");

	private Tables() {
	}

	public static void empty(JdbcClient jdbc) {
		for (String table : ALL) {
			jdbc.sql("delete from " + table).update();
		}
	}

}
