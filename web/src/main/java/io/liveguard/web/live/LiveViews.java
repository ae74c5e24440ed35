package io.liveguard.web.live;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.liveguard.engine.facts.live.ActionLevel;
import io.liveguard.engine.live.Action;
import io.liveguard.engine.live.GoLiveAnswer;
import io.liveguard.engine.live.LiveStatus;
import io.liveguard.engine.scoring.Evidence;
import io.liveguard.engine.scoring.Severity;
import org.jspecify.annotations.Nullable;

/** What the lives API answers (live.md). */
final class LiveViews {

	private LiveViews() {
	}

	/**
	 * An action as served: its message in the market's language when the caller accepts
	 * it, else in English.
	 */
	record ActionView(String actionId, String liveId, ActionLevel level, String code, Severity severity, int strikes,
			Instant at, Instant decidedAt, String message, String rule, List<Evidence> evidence,
			Action.Snapshot snapshot) {

		static ActionView of(Action action, Locale locale) {
			Action.Message message = action.message();
			String text = message.language().equals(locale.getLanguage()) ? message.text() : message.english();
			return new ActionView(action.actionId(), action.liveId(), action.level(), action.code(), action.severity(),
					action.strikes(), action.at(), action.decidedAt(), text, action.rule(), action.evidence(),
					action.snapshot());
		}

	}

	/**
	 * The answer to a request of signals.
	 *
	 * @param liveId the live
	 * @param status OPEN or STOPPED
	 * @param accepted signals not received before
	 * @param duplicates signals whose seq was received before
	 * @param late accepted signals that decide nothing
	 * @param strikes the live's strikes
	 * @param actions the actions these signals decided
	 */
	record SignalsAnswer(String liveId, LiveStatus status, int accepted, int duplicates, int late, int strikes,
			List<ActionView> actions) {
	}

	/** A live with its go-live answer, counters and actions. */
	record LiveView(String liveId, String sellerId, String market, LiveStatus status, Instant startedAt,
			@Nullable Instant endedAt, List<GoLiveAnswer.Refusal> refusals,
			List<GoLiveAnswer.ProductNote> blockedProducts, List<GoLiveAnswer.ProductNote> notices, int strikes,
			int signalsAccepted, int late, List<ActionView> actions) {
	}

	/** A live in a list: where it stands, without its actions. */
	record LiveSummary(String liveId, String sellerId, String market, LiveStatus status, Instant startedAt,
			@Nullable Instant endedAt, int strikes, int signalsAccepted, int late, int actions,
			@Nullable Instant lastSignalAt) {

		static LiveSummary of(StoredLive live) {
			return new LiveSummary(live.liveId(), live.sellerId(), live.market(), live.status(), live.startedAt(),
					live.endedAt(), live.strikes(), live.signalsAccepted(), live.late(), live.actions(),
					live.lastSignalAt());
		}

	}

	/**
	 * A page of a seller's lives, newest first.
	 *
	 * @param sellerId the seller
	 * @param page the page, from 0
	 * @param size lives a page
	 * @param total the seller's lives in all
	 * @param lives this page's
	 */
	record SellerLives(String sellerId, int page, int size, long total, List<LiveSummary> lives) {
	}

}
