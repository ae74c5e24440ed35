package io.liveguard.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.liveguard.engine.generator.GeneratedLive;
import io.liveguard.engine.generator.LiveGenerator;
import io.liveguard.engine.live.GoLive;
import io.liveguard.engine.live.GoLiveAnswer;
import io.liveguard.engine.live.LiveDecider;
import io.liveguard.engine.live.LiveStatus;
import io.liveguard.engine.live.Lives;
import io.liveguard.engine.live.SequencedSignal;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.scoring.SellerHistory;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.SessionCodec;
import io.liveguard.engine.session.SessionStats;
import io.liveguard.engine.session.Signal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consistency (issue 13): for 1,000 generated lives, the score card of the session record
 * a live becomes when it ends equals the card of the same session sent whole to
 * {@code POST /api/v1/sessions}. The live's record is assembled as the lives feature
 * assembles it (live.md, "End a live"): every signal the live's decider accepted, late
 * ones too, duplicates not, in the order they were judged (each request's in {@code at}
 * order), and read back from its JSON; the whole record is the platform's own stream,
 * each signal once in {@code at} order. Both are scored by the default pack.
 * LiveApiIntegrationTests checks over HTTP, for fewer lives, that the ended live's card
 * is the card of that record. About 200,000 signals in all; 5 to 10 s on the 2-core
 * development machine.
 */
class LiveConsistencyTests {

	private static final int LIVES = 1_000;

	private static final int DECIDED_EVERY = 10;

	private static final SessionStats STATS = new SessionStats(500, 300, 200, 120, 30, 0);

	private final SessionCodec codec = new SessionCodec();

	@Test
	void anEndedLiveScoresExactlyAsTheSameRecordSentWholeForAThousandGeneratedLives() {
		Lives lives = new Lives(DefaultPack.pack());
		int compared = 0;
		int withFindings = 0;
		int withLate = 0;
		int stopped = 0;
		for (GeneratedLive generated : new LiveGenerator(1_000).lives(LIVES).toList()) {
			GoLive request = generated.request();
			GoLiveAnswer answer = lives.check(request, List.of());
			if (answer.status() == LiveStatus.REFUSED) {
				continue;
			}
			List<Signal> accepted = new ArrayList<>();
			Map<Long, Signal> whole = new LinkedHashMap<>();
			Set<Long> seen = new HashSet<>();
			for (GeneratedLive.Request sent : generated.requests()) {
				sent.signals()
					.stream()
					.sorted(Comparator.comparing((SequencedSignal signal) -> signal.signal().at()))
					.filter((signal) -> seen.add(signal.seq()))
					.forEach((signal) -> accepted.add(signal.signal()));
				sent.signals().forEach((signal) -> whole.putIfAbsent(signal.seq(), signal.signal()));
			}
			if (compared % DECIDED_EVERY == 0) {
				// what the decider accepts, late ones and those after a STOP included, is
				// that record; deciding costs more than scoring, so one live in ten
				try (LiveDecider decider = lives.open(request, answer)) {
					for (GeneratedLive.Request sent : generated.requests()) {
						decider.decide(sent.signals(), sent.viewers(), Instant.EPOCH);
					}
					assertThat(accepted).as("the signals %s accepted", request.liveId()).hasSize(decider.accepted());
					withLate += (decider.late() > 0) ? 1 : 0;
					stopped += (decider.status() == LiveStatus.STOPPED) ? 1 : 0;
				}
			}
			Instant endedAt = accepted.stream()
				.map(Signal::at)
				.max(Comparator.naturalOrder())
				.orElse(request.startedAt())
				.plusSeconds(60);
			LiveSession ended = this.codec.read(this.codec.write(record(request, endedAt, accepted)));
			LiveSession sentWhole = this.codec.read(this.codec.write(record(request, endedAt,
					whole.values().stream().sorted(Comparator.comparing(Signal::at)).toList())));

			ScoreCard live = DefaultPack.score(ended, SellerHistory.NONE);
			ScoreCard card = DefaultPack.score(sentWhole, SellerHistory.NONE);

			assertThat(live.findings()).as(request.liveId()).isEqualTo(card.findings());
			assertThat(live.contentScore()).as(request.liveId()).isEqualTo(card.contentScore());
			assertThat(live.violationPoints()).as(request.liveId()).isEqualTo(card.violationPoints());
			assertThat(live.rulePack()).isEqualTo(card.rulePack());
			assertThat(live.businessDate()).isEqualTo(card.businessDate());
			compared++;
			withFindings += live.findings().isEmpty() ? 0 : 1;
		}
		assertThat(compared).as("lives compared").isGreaterThan(900);
		assertThat(withFindings).as("lives with findings").isGreaterThan(300);
		assertThat(withLate).as("lives with late signals").isPositive();
		assertThat(stopped).as("lives stopped").isPositive();
	}

	private static LiveSession record(GoLive request, Instant endedAt, List<Signal> signals) {
		return new LiveSession(request.liveId(), request.sellerId(), request.market(), request.startedAt(), endedAt,
				request.host(), STATS, request.products(), signals);
	}

}
