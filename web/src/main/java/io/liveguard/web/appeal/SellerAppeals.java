package io.liveguard.web.appeal;

import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which findings of a seller are appealed, and where each appeal stands; for the seller's
 * own page.
 */
@Component
public class SellerAppeals {

	private final JdbcClient jdbc;

	SellerAppeals(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The status (OPEN, UPHELD, OVERTURNED) of each appealed finding of the seller, by
	 * {@link #key}.
	 */
	public Map<String, String> statuses(String sellerId) {
		Map<String, String> statuses = new HashMap<>();
		this.jdbc.sql("select session_id, code, status from appeal where seller_id = ?")
			.param(sellerId)
			.query((RowCallbackHandler) (rs) -> statuses.put(key(rs.getString(1), rs.getString(2)), rs.getString(3)));
		return statuses;
	}

	/** The key of one finding: a session has at most one finding of a code. */
	public static String key(String sessionId, String code) {
		return sessionId + "\u0000" + code;
	}

}
