package io.liveguard.engine.rulepack;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.liveguard.engine.facts.live.Judging;
import io.liveguard.engine.facts.live.LiveSignal;
import io.liveguard.engine.scoring.Evidence;
import io.liveguard.engine.session.ModerationCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.time.SessionPseudoClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the sandbox lets live DRL do for Drools stream mode, and what it still refuses: a
 * declare may only make the engine's event type an event ({@code @role(event)},
 * {@code @timestamp} of its property, {@code @expires} of a time), and of the windows
 * only {@code over window:time} of a time.
 */
class DrlSandboxEventTests {

	private static final String HEAD = """
			package test.events;

			import io.liveguard.engine.facts.live.*;

			""";

	private final RulePackCompiler compiler = new RulePackCompiler();

	@Test
	void anEventDeclareOfTheSignalTypeAndATimeWindowCompileAndRunInStreamMode() {
		String drl = HEAD
				+ """
						declare LiveSignal
						    @role( event )
						    @timestamp( at )
						    @expires( 10m )
						end

						rule "two flags within a minute"
						when
						    Judging( $seq : seq )
						    $s : LiveSignal( seq == $seq )
						    accumulate( $f : LiveSignal( type == "MODERATION_FLAG" ) over window:time( 1m ); $n : count( $f ); $n >= 2 )
						then
						    insert( new Judging( $s.getSeq() + 1000, $s.getAt() ) );
						end
						""";
		CompiledPack pack = this.compiler.compile(live(drl));
		KieSessionConfiguration configuration = KieServices.get().newKieSessionConfiguration();
		configuration.setOption(ClockTypeOption.PSEUDO);
		KieSession session = pack.liveRules().orElseThrow().newKieSession(configuration, null);
		try {
			SessionPseudoClock clock = session.getSessionClock();
			insert(session, clock, 1, 0);
			insert(session, clock, 2, 30_000);
			long pairsWithinAMinute = session
				.getObjects((object) -> object instanceof Judging turn && turn.getSeq() > 1000)
				.size();
			insert(session, clock, 3, 200_000);
			long afterAPause = session.getObjects((object) -> object instanceof Judging turn && turn.getSeq() > 1000)
				.size();

			assertThat(pairsWithinAMinute).isEqualTo(1);
			assertThat(afterAPause).isEqualTo(1);
			assertThat(pack.ruleNames()).isNotEmpty();
		}
		finally {
			session.dispose();
			pack.close();
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			textBlock = """
					a new type with fields          | declare Sink name : String end                                  | declare 'Sink'
					a field on the event type       | declare LiveSignal extra : String end                           | declare 'LiveSignal'
					an event of a non-event type    | declare Judging @role( event ) end                              | declare 'Judging'
					expires on a type not allowed   | declare java.util.HashMap @role( event ) @expires( 1m ) end     | declare 'HashMap'
					another annotation              | declare LiveSignal @role( event ) @propertyReactive end         | @propertyReactive
					a role other than event         | declare LiveSignal @role( fact ) end                            | @role(fact)
					a timestamp of no property      | declare LiveSignal @role( event ) @timestamp( clock ) end       | @timestamp(clock)
					an expiry that is no time       | declare LiveSignal @role( event ) @expires( forever ) end       | @expires(forever)
					a declared window               | declare window Recent LiveSignal() over window:time( 1m ) end   | declare window
					""")
	void aDeclareBeyondAnEventOfTheEnginesTypeIsRefused(String name, String declare, String construct) {
		String drl = HEAD + declare + "\n\nrule \"harmless\"\nwhen\n    LiveState()\nthen\nend\n";
		assertRefusedAt(drl, TestPacks.lineOf(drl, declare.substring(0, 12)), construct);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			a length window          | LiveSignal() over window:length( 100 )         | window:length
			a time window of a name  | LiveSignal() over window:time( $seq )          | window:time
			""")
	void windowsOtherThanATimeWindowOfATimeAreRefused(String name, String pattern, String construct) {
		String drl = HEAD + "rule \"windowed\"\nwhen\n    Judging( $seq : seq )\n    " + pattern + "\nthen\nend\n";
		assertRefusedAt(drl, TestPacks.lineOf(drl, pattern.substring(0, 12)), construct);
	}

	@Test
	void aPackWithLiveRulesNeedsTheLiveSettingsJavaReads() {
		String drl = HEAD + "rule \"harmless\"\nwhen\n    LiveState()\nthen\nend\n";
		RulePackSource source = TestPacks.with(TestPacks.minimal(), "live/harmless.drl", drl);

		assertThatExceptionOfType(PackCompilationException.class).isThrownBy(() -> this.compiler.compile(source))
			.satisfies((ex) -> assertThat(ex.errors()).extracting(PackError::message)
				.anySatisfy((message) -> assertThat(message).contains("live.strikes.SEVERE"))
				.anySatisfy((message) -> assertThat(message).contains("live.maxLateness")));
	}

	@Test
	void anUnknownDurationSettingIsRefusedWithItsLine() {
		String drl = HEAD + """
				import io.liveguard.engine.rulepack.PackSettings;

				rule "a window of a setting"
				when
				    PackSettings( $window : millis("live.no.such.window") )
				    LiveState( newestAt > $window )
				then
				end
				""";
		assertThatExceptionOfType(PackCompilationException.class).isThrownBy(() -> this.compiler.compile(live(drl)))
			.satisfies((ex) -> assertThat(ex.errors()).anySatisfy((error) -> {
				assertThat(error.path()).isEqualTo("live/events.drl");
				assertThat(error.line()).isEqualTo(TestPacks.lineOf(drl, "live.no.such.window"));
				assertThat(error.message()).contains("unknown duration setting 'live.no.such.window'");
			}));
	}

	private static void insert(KieSession session, SessionPseudoClock clock, long seq, long at) {
		clock.advanceTime(at - clock.getCurrentTime(), TimeUnit.MILLISECONDS);
		session.insert(new LiveSignal(seq, at, "MODERATION_FLAG", ModerationCode.DANGEROUS_ACT, 0.9, 0, 0, null,
				java.util.Set.of(), new Evidence(Instant.ofEpochMilli(at), "MODERATION_FLAG", "flag")));
		FactHandle turn = session.insert(new Judging(seq, at));
		session.fireAllRules();
		session.delete(turn);
	}

	private static RulePackSource live(String drl) {
		return TestPacks.with(TestPacks.minimalWithLiveSettings(), "live/events.drl", drl);
	}

	private void assertRefusedAt(String drl, int line, String construct) {
		assertThatExceptionOfType(PackCompilationException.class).isThrownBy(() -> this.compiler.compile(live(drl)))
			.satisfies((ex) -> assertThat(ex.errors()).anySatisfy((error) -> {
				assertThat(error.path()).isEqualTo("live/events.drl");
				assertThat(error.line()).isEqualTo(line);
				assertThat(error.message()).contains(construct);
			}));
	}

}
