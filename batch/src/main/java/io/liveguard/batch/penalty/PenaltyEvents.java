package io.liveguard.batch.penalty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.liveguard.batch.webhook.EventTypes;
import io.liveguard.batch.webhook.WebhookOutbox;
import io.liveguard.engine.penalty.Penalty;
import io.liveguard.engine.penalty.PenaltyLevel;
import io.liveguard.engine.penalty.PointEntry;
import io.liveguard.engine.penalty.Warning;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The penalty run's and the appeals' events (events.md): {@code penalty.decided} and
 * {@code penalty.lifted} carry the penalty as {@code GET /api/v1/sellers/{id}/penalties}
 * shows it, with its seller and market; {@code warning.issued} a seller's warnings of a
 * run.
 */
final class PenaltyEvents {

	private PenaltyEvents() {
	}

	static WebhookOutbox.Event decided(Penalty penalty, String market, Instant now) {
		return new WebhookOutbox.Event(EventTypes.PENALTY_DECIDED, PenaltyData.of(penalty, market, now));
	}

	static WebhookOutbox.Event warned(String sellerId, String market, LocalDate businessDate, List<Warning> warnings) {
		return new WebhookOutbox.Event(EventTypes.WARNING_ISSUED, new WarningData(sellerId, market, businessDate,
				warnings.stream().map((warning) -> new WarningData.Item(warning.code(), warning.message())).toList()));
	}

	/**
	 * The {@code penalty.lifted} events of penalties just lifted, read back as stored.
	 */
	static List<WebhookOutbox.Event> lifted(JdbcClient jdbc, Penalties penalties, Collection<String> penaltyIds,
			Instant now) {
		List<WebhookOutbox.Event> events = new ArrayList<>();
		for (String penaltyId : penaltyIds) {
			Map<String, String> row = jdbc.sql("select seller_id, market from penalty where penalty_id = ?")
				.param(penaltyId)
				.query((rs, n) -> Map.of("sellerId", rs.getString(1), "market", rs.getString(2)))
				.single();
			penalties.forSeller(row.get("sellerId"))
				.stream()
				.filter((penalty) -> penalty.penaltyId().equals(penaltyId))
				.findFirst()
				.ifPresent((penalty) -> events.add(new WebhookOutbox.Event(EventTypes.PENALTY_LIFTED,
						PenaltyData.of(penalty, row.get("market"), now))));
		}
		return events;
	}

	/**
	 * A penalty as {@code GET .../penalties} shows it ({@code SellerController}), with
	 * {@code sellerId} and {@code market}.
	 */
	record PenaltyData(String penaltyId, String sellerId, String market, PenaltyLevel level, Instant startsAt,
			@Nullable Instant endsAt, Penalty.Status status, DecidedBy decidedBy, List<Reason> reasons) {

		static PenaltyData of(Penalty penalty, String market, Instant now) {
			return new PenaltyData(penalty.penaltyId(), penalty.sellerId(), market, penalty.level(), penalty.startsAt(),
					penalty.endsAt(), penalty.statusAt(now),
					new DecidedBy(penalty.decidedByRun(), penalty.decidedFor()),
					penalty.reasons().stream().map(Reason::of).toList());
		}

		record DecidedBy(long run, LocalDate date) {
		}

		record Reason(String sessionId, String code, int points) {

			static Reason of(PointEntry.Reason reason) {
				return new Reason(reason.sessionId(), reason.code(), reason.points());
			}

		}

	}

	record WarningData(String sellerId, String market, LocalDate businessDate, List<Item> warnings) {

		record Item(String code, String message) {
		}

	}

}
