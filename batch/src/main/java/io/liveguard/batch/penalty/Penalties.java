package io.liveguard.batch.penalty;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.liveguard.engine.penalty.Penalty;
import io.liveguard.engine.penalty.PenaltyLevel;
import io.liveguard.engine.penalty.PointEntry;
import io.liveguard.engine.scoring.Severity;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Every penalty decided, with the findings each rests on. */
public class Penalties {

	private static final String SELECT = """
			select p.penalty_id, p.seller_id, p.level, p.starts_at, p.ends_at, p.lifted_at, p.threshold_points,
			       p.critical, p.decided_by_run, p.decided_for,
			       r.session_id, r.code, r.severity, r.points
			from penalty p left join penalty_reason r on r.penalty_id = p.penalty_id
			""";

	private final JdbcClient jdbc;

	public Penalties(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every penalty of the seller, newest first. */
	public List<Penalty> forSeller(String sellerId) {
		return collect(this.jdbc
			.sql(SELECT + " where p.seller_id = ? order by p.decided_for desc, p.starts_at desc, p.penalty_id, r.seq")
			.param(sellerId));
	}

	/** Every penalty of the sellers of {@code scope}, newest first, by seller. */
	Map<String, List<Penalty>> forSellers(SellerScope scope) {
		Map<String, List<Penalty>> bySeller = new HashMap<>();
		String select = SELECT.replace("from penalty p ", "from " + scope.table("penalty p", "p") + " ");
		for (Penalty penalty : collect(this.jdbc
			.sql(select + " where " + scope.where("p")
					+ " order by p.seller_id, p.decided_for desc, p.starts_at desc, p.penalty_id, r.seq")
			.params(scope.params()))) {
			bySeller.computeIfAbsent(penalty.sellerId(), (id) -> new ArrayList<>()).add(penalty);
		}
		return bySeller;
	}

	/**
	 * Penalties that are not lifted and not over at {@code at}, for the eligibility
	 * index.
	 */
	public List<Penalty> standingAt(Instant at) {
		return collect(this.jdbc.sql(SELECT
				+ " where p.lifted_at is null and (p.ends_at is null or p.ends_at > ?) order by p.seller_id, p.penalty_id, r.seq")
			.param(OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC)));
	}

	/** Lifts a penalty now, recording who and why; false if it was already lifted. */
	public boolean lift(String penaltyId, Instant at, String by, String reason) {
		return this.jdbc.sql(
				"update penalty set lifted_at = ?, lifted_by = ?, lift_reason = ? where penalty_id = ? and lifted_at is null")
			.params(OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC), by, reason, penaltyId)
			.update() == 1;
	}

	private static List<Penalty> collect(JdbcClient.StatementSpec statement) {
		Map<String, Builder> byId = new LinkedHashMap<>();
		statement.query((ResultSet rs) -> {
			Builder builder = byId.get(rs.getString("penalty_id"));
			if (builder == null) {
				builder = new Builder(rs);
				byId.put(builder.penaltyId, builder);
			}
			if (rs.getString("session_id") != null) {
				builder.reasons.add(new PointEntry.Reason(rs.getString("session_id"), rs.getString("code"),
						Severity.valueOf(rs.getString("severity")), rs.getInt("points")));
			}
		});
		return byId.values().stream().map(Builder::build).toList();
	}

	private static final class Builder {

		private final String penaltyId;

		private final String sellerId;

		private final PenaltyLevel level;

		private final Instant startsAt;

		private final @Nullable Instant endsAt;

		private final boolean lifted;

		private final int threshold;

		private final boolean critical;

		private final long run;

		private final LocalDate decidedFor;

		private final List<PointEntry.Reason> reasons = new ArrayList<>();

		Builder(ResultSet rs) throws SQLException {
			this.penaltyId = rs.getString("penalty_id");
			this.sellerId = rs.getString("seller_id");
			this.level = PenaltyLevel.valueOf(rs.getString("level"));
			this.startsAt = rs.getObject("starts_at", OffsetDateTime.class).toInstant();
			OffsetDateTime ends = rs.getObject("ends_at", OffsetDateTime.class);
			this.endsAt = (ends == null) ? null : ends.toInstant();
			this.lifted = rs.getObject("lifted_at") != null;
			this.threshold = rs.getInt("threshold_points");
			this.critical = rs.getBoolean("critical");
			this.run = rs.getLong("decided_by_run");
			this.decidedFor = rs.getObject("decided_for", LocalDate.class);
		}

		Penalty build() {
			return new Penalty(this.penaltyId, this.sellerId, this.level, this.startsAt, this.endsAt, this.lifted,
					this.threshold, this.critical, this.run, this.decidedFor, this.reasons);
		}

	}

}
