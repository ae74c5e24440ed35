package io.liveguard.engine.generator;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.liveguard.engine.live.SequencedSignal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LiveGeneratorTests {

	private final List<GeneratedLive> lives = new LiveGenerator(5).lives(500).toList();

	@Test
	void theSameSeedAndIndexGiveTheSameLiveWhateverCameBefore() {
		LiveGenerator generator = new LiveGenerator(5);

		assertThat(generator.live(321)).isEqualTo(this.lives.get(321));
		assertThat(new LiveGenerator(6).live(321)).isNotEqualTo(this.lives.get(321));
	}

	@Test
	void plantsEveryCodeOfSectionFourAndLeavesSomeLivesClean() {
		Set<String> planted = new HashSet<>();
		this.lives.forEach((live) -> planted.addAll(live.planted()));

		assertThat(planted).containsExactlyInAnyOrderElementsOf(LiveGenerator.CODES);
		assertThat(this.lives).filteredOn((live) -> live.planted().isEmpty()).hasSizeBetween(100, 250);
	}

	@Test
	void sendsSignalsFromTheStartWithPositiveSeqsSomeResentAndSomeOutOfOrder() {
		int resent = 0;
		int reversed = 0;
		for (GeneratedLive live : this.lives) {
			Set<Long> seen = new HashSet<>();
			for (GeneratedLive.Request request : live.requests()) {
				assertThat(request.signals()).isNotEmpty().hasSizeLessThanOrEqualTo(5);
				for (SequencedSignal signal : request.signals()) {
					assertThat(signal.signal().at()).isAfterOrEqualTo(live.request().startedAt());
					if (!seen.add(signal.seq())) {
						resent++;
					}
				}
				for (int i = 1; i < request.signals().size(); i++) {
					if (request.signals().get(i).signal().at().isBefore(request.signals().get(i - 1).signal().at())) {
						reversed++;
						break;
					}
				}
			}
			assertThat(live.signalCount()).isGreaterThan(50);
		}
		assertThat(resent).isPositive();
		assertThat(reversed).isPositive();
	}

}
