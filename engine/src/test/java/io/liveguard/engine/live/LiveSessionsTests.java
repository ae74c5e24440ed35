package io.liveguard.engine.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.rulepack.PackFile;
import io.liveguard.engine.rulepack.RulePackCompiler;
import io.liveguard.engine.rulepack.TestPacks;
import io.liveguard.engine.rulepack.RulePackSource;
import io.liveguard.engine.session.Host;
import io.liveguard.engine.session.ModerationCode;
import io.liveguard.engine.session.Product;
import io.liveguard.engine.session.ProductCategory;
import io.liveguard.engine.session.Signal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Lives hold their facts between requests and take a session of the pack's pool for each
 * one: what a live's rules see must not change with it. A match of the facts alone fires
 * once, as in a session of the live's own; a session holding what facts cannot carry (an
 * expiry to come, a fact inserted logically) stays with its live; a request that fails
 * half way leaves its decider unusable.
 */
class LiveSessionsTests {

	private static final String HEAD = """
			package test.lives;

			import io.liveguard.engine.facts.live.*;
			import io.liveguard.engine.session.ProductCategory;

			""";

	/** Every signal leaves memory once judged, so a live holds only what rules add. */
	private static final String FORGET = """
			rule "forget a judged signal"
			when
			    $s : LiveSignal()
			    not Judging( seq == $s.seq )
			then
			    delete( $s );
			end
			""";

	private static final Instant START = Instant.parse("2026-12-06T10:00:00Z");

	private final List<CompiledPack> packs = new ArrayList<>();

	@AfterEach
	void closePacks() {
		this.packs.forEach(CompiledPack::close);
	}

	@Test
	void aMatchOfTheLivesFactsAloneFiresOnceNotAtEveryRequest() {
		LiveDecider live = open(HEAD + FORGET + drugNote("insert"));
		List<Long> facts = new ArrayList<>();
		for (int request = 1; request <= 4; request++) {
			live.decide(List.of(flag(request, request * 10)), null, START);
			facts.add(live.factCount());
		}

		// the settings, the state, the product and the one note
		assertThat(facts).containsExactly(4L, 4L, 4L, 4L);
		assertThat(live.keepsSession()).isFalse();
		live.close();
	}

	@Test
	void viewersSentAloneMatchWithTheNextSignalAsViewersSentWithIt() {
		String drl = HEAD + FORGET + """
				rule "a large audience is noted"
				when
				    LiveState( viewers >= 1000 )
				then
				    insert( new Judging( -1, 0 ) );
				end
				""";
		// as the node sends a request: its viewers alone, then each signal
		LiveDecider alone = open(drl);
		alone.decide(List.of(flag(1, 10)), null, START);
		alone.decide(List.of(), 5_000L, START);
		long afterTheViewers = alone.factCount();
		alone.decide(List.of(flag(2, 20)), null, START);
		// as a replay sends it: the viewers with the signals
		LiveDecider together = open(drl);
		together.decide(List.of(flag(1, 10)), null, START);
		together.decide(List.of(flag(2, 20)), 5_000L, START);

		// the settings, the state and the product; then the note
		assertThat(afterTheViewers).isEqualTo(3);
		assertThat(alone.factCount()).isEqualTo(4);
		assertThat(together.factCount()).isEqualTo(4);
		alone.close();
		together.close();
	}

	@Test
	void aSessionWithAnExpiryToComeStaysWithItsLive() {
		LiveDecider live = open(HEAD + """
				declare LiveSignal
				    @role( event )
				    @timestamp( at )
				    @expires( 1m )
				end

				rule "flags are kept for their expiry"
				when
				    LiveSignal( type == "MODERATION_FLAG" )
				then
				end
				""");
		live.decide(List.of(flag(1, 0)), null, START);
		boolean keptWithAnEvent = live.keepsSession();
		long factsWithAnEvent = live.factCount();
		live.decide(List.of(new SequencedSignal(2, new Signal.DeadAir(START.plusSeconds(120), 5))), null, START);

		assertThat(keptWithAnEvent).isTrue();
		assertThat(factsWithAnEvent).isEqualTo(4);
		// the flag expired when the clock passed a minute after it; the dead air expires
		// too
		assertThat(live.factCount()).isEqualTo(4);
		assertThat(live.keepsSession()).isTrue();
		live.close();
	}

	@Test
	void aSessionHoldingALogicalFactStaysWithItsLive() {
		LiveDecider live = open(HEAD + FORGET + drugNote("insertLogical"));
		live.decide(List.of(flag(1, 10)), null, START);

		assertThat(live.keepsSession()).isTrue();
		assertThat(live.factCount()).isEqualTo(4);
		live.decide(List.of(flag(2, 20)), null, START);
		assertThat(live.factCount()).isEqualTo(4);
		live.close();
	}

	@Test
	void aRequestThatFailsHalfWayLeavesItsDeciderToBeRebuilt() {
		LiveDecider live = open(HEAD + """
				rule "loops on a flag"
				when
				    Judging( $seq : seq )
				    LiveSignal( seq == $seq, type == "MODERATION_FLAG" )
				    $state : LiveState()
				then
				    update( $state );
				end
				""");
		live.decide(List.of(new SequencedSignal(1, new Signal.DeadAir(START.plusSeconds(1), 5))), null, START);

		assertThatIllegalStateException().isThrownBy(() -> live.decide(List.of(flag(2, 2)), null, START))
			.withMessageContaining("without settling");
		assertThatIllegalStateException().isThrownBy(() -> live.decide(List.of(flag(3, 3)), null, START))
			.withMessageContaining("failed half way; rebuild it");
		live.close();
	}

	/**
	 * A rule that notes, with {@code insert} or {@code insertLogical}, that a drug is on
	 * sale: a match of the live's facts alone.
	 */
	private static String drugNote(String insert) {
		return """
				rule "a drug on sale is noted"
				when
				    LiveProduct( category == ProductCategory.DRUG )
				then
				    %s( new Judging( -1, 0 ) );
				end
				""".formatted(insert);
	}

	private LiveDecider open(String liveDrl) {
		List<PackFile> files = new ArrayList<>(TestPacks.minimalWithLiveSettings().files());
		files.add(new PackFile("golive/open.drl", HEAD + """
				rule "every live may start"
				when
				    GoLiveCheck()
				then
				end
				"""));
		files.add(new PackFile("live/test.drl", liveDrl));
		CompiledPack pack = new RulePackCompiler().compile(new RulePackSource("lives", 1, files));
		this.packs.add(pack);
		Lives lives = new Lives(pack);
		GoLive request = new GoLive("live-1", "seller-1", "VN", START, new Host("host-1", true),
				List.of(new Product("SKU-1", ProductCategory.DRUG, "AD-1", null, null, 100, 90)));
		return lives.open(request, lives.check(request, List.of()));
	}

	private static SequencedSignal flag(long seq, long second) {
		return new SequencedSignal(seq,
				new Signal.ModerationFlag(START.plus(Duration.ofSeconds(second)), ModerationCode.VULGAR_LANGUAGE, 0.9));
	}

}
