package io.liveguard.engine.rulepack;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.liveguard.engine.facts.Detection;
import io.liveguard.engine.facts.FactExtractor;
import io.liveguard.engine.facts.SessionFacts;
import io.liveguard.engine.scoring.RulePackRef;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.scoring.SellerHistory;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.text.KeywordMatcher;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.jspecify.annotations.Nullable;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieContainerSessionsPool;
import org.kie.api.runtime.KieSession;

/**
 * One compiled, immutable version of a rule pack, ready to score. Sessions come from a
 * pool and are reset after each call, so scoring is thread safe and cheap. A pack that
 * fires more rules than {@link #MAX_FIRINGS} for one session, or runs longer than its
 * time budget (the engine's, set on the {@link RulePackCompiler}; a pack cannot change
 * it), is stopped and reported with the rule that was running rather than left looping.
 * The budget is the scoring thread's CPU time, checked before each rule firing by the
 * session's agenda listener, which halts the session there: no thread or scheduled task
 * per session (halting from another thread would also take effect only between firings).
 * What runs inside one condition or consequence cannot be halted, which is why
 * {@link DrlSandbox} admits no loops, no functions, no regular expressions and nothing
 * that grows beyond its inputs.
 */
public final class CompiledPack {

	/** Rule firings one session may take; far above what any sane pack needs. */
	public static final int MAX_FIRINGS = 10_000;

	/**
	 * Time one session's rules may take when the pack does not say: scoring one takes
	 * well under 1 ms.
	 */
	public static final Duration DEFAULT_TIME_BUDGET = Duration.ofSeconds(1);

	private final RulePackSource source;

	private final PackSettings settings;

	private final FactExtractor extractor;

	private final KieContainer container;

	private final KieContainerSessionsPool pool;

	/** Scoring calls holding a pooled session now. */
	private final AtomicInteger pooledInUse = new AtomicInteger();

	/** Set by {@link #close()}: new calls take a session of their own. */
	private volatile boolean closed;

	private final AtomicBoolean poolReleased = new AtomicBoolean();

	private final long budgetNanos;

	private final KeywordMatcher keywords;

	private final @Nullable KieBase goLiveRules;

	private final @Nullable KieBase liveRules;

	CompiledPack(RulePackSource source, PackSettings settings, KeywordMatcher keywords, KieContainer container,
			@Nullable KieBase goLiveRules, @Nullable KieBase liveRules, Duration timeBudget) {
		this.keywords = keywords;
		this.goLiveRules = goLiveRules;
		this.liveRules = liveRules;
		this.source = source;
		this.settings = settings;
		this.budgetNanos = timeBudget.toNanos();
		this.extractor = new FactExtractor(keywords);
		this.container = container;
		this.pool = container.newKieSessionsPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
	}

	public RulePackRef ref() {
		return new RulePackRef(this.source.id(), this.source.version());
	}

	public RulePackSource source() {
		return this.source;
	}

	public PackSettings settings() {
		return this.settings;
	}

	/** The calendar date of the session's start in its market's time zone. */
	public LocalDate businessDate(LiveSession session) {
		return session.startedAt().atZone(this.settings.zoneFor(session.market())).toLocalDate();
	}

	/**
	 * The pack's keyword lists, for the live engine to find them in transcript segments.
	 */
	public KeywordMatcher keywords() {
		return this.keywords;
	}

	/** The go-live check ({@code golive/*.drl}), when the pack has one. */
	public Optional<KieBase> goLiveRules() {
		return Optional.ofNullable(this.goLiveRules);
	}

	/**
	 * The rules that judge a live's signals ({@code live/*.drl}, stream mode), when the
	 * pack has them.
	 */
	public Optional<KieBase> liveRules() {
		return Optional.ofNullable(this.liveRules);
	}

	/** Names of every rule that scores sessions, sorted. */
	public Set<String> ruleNames() {
		Set<String> names = new TreeSet<>();
		KieBase base = this.container.getKieBase();
		for (KiePackage kiePackage : base.getKiePackages()) {
			for (Rule rule : kiePackage.getRules()) {
				names.add(rule.getName());
			}
		}
		return names;
	}

	/** Scores one session with this pack version. */
	public ScoreCard score(LiveSession session, SellerHistory history, Instant scoredAt) {
		List<Detection> detections = detect(this.extractor.extract(session, history));
		FindingTable.Decision decision = this.settings.findings().decide(detections);
		return new ScoreCard(session.sessionId(), session.sellerId(), session.market(), businessDate(session), ref(),
				decision.contentScore(), decision.violationPoints(), decision.findings(), scoredAt);
	}

	/** Runs the rules over a session's facts and returns what they detected. */
	public List<Detection> detect(SessionFacts facts) {
		boolean pooled = takePooled();
		KieSession session = pooled ? this.pool.newKieSession() : this.container.newKieSession();
		try {
			int fired;
			try {
				session.insert(this.settings);
				for (Object fact : facts.all()) {
					session.insert(fact);
				}
				CurrentRule current = new CurrentRule(this.budgetNanos);
				session.addEventListener(current);
				try {
					fired = session.fireAllRules(MAX_FIRINGS);
				}
				finally {
					session.removeEventListener(current);
				}
				boolean halted = current.halted || current.overBudget();
				if (halted) {
					throw new ScoringException("Rule pack " + ref() + " exceeded its time budget of "
							+ Duration.ofNanos(this.budgetNanos).toMillis() + " ms on session "
							+ facts.summary().getSessionId() + " and was stopped"
							+ ((current.name == null) ? " before any rule fired"
									: " in or after rule '" + current.name + "' (" + current.firings + " firings)"));
				}
			}
			catch (RuntimeException ex) {
				if (ex instanceof ScoringException scoring) {
					throw scoring;
				}
				throw new ScoringException("Rule pack " + ref() + " failed on session " + facts.summary().getSessionId()
						+ ": " + ex.getMessage(), ex);
			}
			catch (StackOverflowError ex) {
				throw new ScoringException(
						"Rule pack " + ref() + " recursed without end on session " + facts.summary().getSessionId(),
						ex);
			}
			if (fired >= MAX_FIRINGS) {
				throw new ScoringException("Rule pack " + ref() + " fired " + fired + " rules on session "
						+ facts.summary().getSessionId() + " without settling; a rule probably loops");
			}
			Collection<?> objects = session.getObjects(new ClassObjectFilter(Detection.class));
			List<Detection> detections = new ArrayList<>(objects.size());
			for (Object object : objects) {
				detections.add((Detection) object);
			}
			return detections;
		}
		finally {
			session.dispose();
			if (pooled && this.pooledInUse.decrementAndGet() == 0 && this.closed) {
				releasePool();
			}
		}
	}

	/**
	 * Releases the pooled sessions (most of what a pack holds) once no call scores with
	 * one: a version replaced by a publication is closed while calls that took it a
	 * moment before still score with it. The pack still scores afterwards, each call with
	 * a session of its own, which costs more; it is meant for the stragglers.
	 */
	public void close() {
		this.closed = true;
		if (this.pooledInUse.get() == 0) {
			releasePool();
		}
	}

	private boolean takePooled() {
		this.pooledInUse.incrementAndGet();
		if (!this.closed) {
			return true;
		}
		if (this.pooledInUse.decrementAndGet() == 0) {
			releasePool();
		}
		return false;
	}

	private void releasePool() {
		if (this.poolReleased.compareAndSet(false, true)) {
			this.pool.shutdown();
		}
	}

	/**
	 * The rule firing now and how many have fired, for the report, and the session's
	 * budget, checked before each firing: a session over it is halted there. The budget
	 * is the scoring thread's CPU time, so a session that merely waited for a core on a
	 * busy machine is not stopped. Reading a thread's CPU time is a system call (about 1
	 * us here, as much as a few firings), so a firing reads only the clock, which CPU
	 * time never outruns, and a session does not read the CPU time when it starts: it
	 * takes its thread's last reading, at most {@link #REREAD_NANOS} old, and counts
	 * everything since as its own except the time on the clock between that reading and
	 * its start. That never overstates the session's CPU time, and understates it by less
	 * than {@link #REREAD_NANOS}.
	 */
	private static final class CurrentRule extends DefaultAgendaEventListener {

		private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

		private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported()
				&& THREADS.isThreadCpuTimeEnabled();

		/**
		 * How old a thread's last reading of its CPU time may be when a session starts.
		 */
		private static final long REREAD_NANOS = Duration.ofMillis(1).toNanos();

		/** Per thread: the clock, then the thread's CPU time read just after it. */
		private static final ThreadLocal<long[]> LAST_READING = ThreadLocal.withInitial(() -> new long[2]);

		private final long budgetNanos;

		private final long startedWall;

		private final long readingWall;

		private final long readingCpu;

		private @Nullable String name;

		private int firings;

		private boolean halted;

		CurrentRule(long budgetNanos) {
			this.budgetNanos = budgetNanos;
			long[] reading = LAST_READING.get();
			long now = System.nanoTime();
			if (CPU_TIME && (reading[0] == 0 || now - reading[0] > REREAD_NANOS)) {
				reading[0] = now;
				reading[1] = THREADS.getCurrentThreadCpuTime();
			}
			this.readingWall = reading[0];
			this.readingCpu = reading[1];
			this.startedWall = System.nanoTime();
		}

		/**
		 * Whether this thread has spent more than the budget since the session began (by
		 * CPU time, not less than its share since the last reading).
		 */
		boolean overBudget() {
			if (System.nanoTime() - this.startedWall <= this.budgetNanos) {
				return false;
			}
			long cpu = CPU_TIME ? THREADS.getCurrentThreadCpuTime() : -1;
			if (cpu < 0 || this.readingCpu < 0) {
				// no CPU time for this thread (a virtual thread has none): the clock
				// decides
				return true;
			}
			return cpu - this.readingCpu - (this.startedWall - this.readingWall) > this.budgetNanos;
		}

		@Override
		public void beforeMatchFired(BeforeMatchFiredEvent event) {
			this.name = event.getMatch().getRule().getName();
			this.firings++;
			if (!this.halted && overBudget()) {
				this.halted = true;
				event.getKieRuntime().halt();
			}
		}

	}

	@Override
	public String toString() {
		return "CompiledPack[" + ref() + "]";
	}

}
