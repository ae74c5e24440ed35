package io.liveguard.batch.appeal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.liveguard.engine.penalty.SellerRecord;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where the appeals of sellers stand, by finding: a finding is named by
 * {@link SellerRecord#key(String, String)} (a session has at most one finding of a code,
 * and a finding at most one appeal). Every read goes through the {@code appeal_seller}
 * index, which starts with the seller.
 */
public class AppealRecords {

	/** A status of an appeal whose finding no longer counts. */
	public static final String OVERTURNED = "OVERTURNED";

	/** Sellers per query of {@link #overturned(Collection)}. */
	private static final int SELLERS_PER_QUERY = 500;

	private final JdbcClient jdbc;

	public AppealRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The status (OPEN, UPHELD, OVERTURNED) of each appealed finding of the seller. */
	public Map<String, String> statuses(String sellerId) {
		Map<String, String> statuses = new HashMap<>();
		this.jdbc.sql("select session_id, code, status from appeal where seller_id = ?")
			.param(sellerId)
			.query((RowCallbackHandler) (rs) -> statuses.put(SellerRecord.key(rs.getString(1), rs.getString(2)),
					rs.getString(3)));
		return statuses;
	}

	/** The findings of the seller overturned on appeal: they earn no points. */
	public Set<String> overturned(String sellerId) {
		return overturned(List.of(sellerId)).getOrDefault(sellerId, Set.of());
	}

	/**
	 * The findings overturned on appeal of each of the sellers that has any, in a query
	 * per {@value #SELLERS_PER_QUERY} sellers.
	 */
	public Map<String, Set<String>> overturned(Collection<String> sellerIds) {
		Map<String, Set<String>> overturned = new HashMap<>();
		List<String> ids = new ArrayList<>(new HashSet<>(sellerIds));
		for (int from = 0; from < ids.size(); from += SELLERS_PER_QUERY) {
			this.jdbc.sql(
					"select seller_id, session_id, code from appeal where seller_id in (:sellers) and status = :status")
				.param("sellers", ids.subList(from, Math.min(ids.size(), from + SELLERS_PER_QUERY)))
				.param("status", OVERTURNED)
				.query((RowCallbackHandler) (rs) -> overturned.computeIfAbsent(rs.getString(1), (id) -> new HashSet<>())
					.add(SellerRecord.key(rs.getString(2), rs.getString(3))));
		}
		return overturned;
	}

}
