package io.liveguard.engine.rulepack;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieContainerSessionsPool;
import org.kie.api.runtime.KieSession;

/**
 * One compiled, immutable version of a rule pack, ready to score. Sessions come from a pool and are
 * reset after each call, so scoring is thread safe and cheap. A pack that fires more rules than
 * {@link #MAX_FIRINGS} for one session is stopped and reported rather than left looping.
 */
public final class CompiledPack {

	/** Rule firings one session may take; far above what any sane pack needs. */
	public static final int MAX_FIRINGS = 10_000;

	private final RulePackSource source;

	private final PackSettings settings;

	private final FactExtractor extractor;

	private final KieContainer container;

	private final KieContainerSessionsPool pool;

	CompiledPack(RulePackSource source, PackSettings settings, KeywordMatcher keywords, KieContainer container) {
		this.source = source;
		this.settings = settings;
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

	/** Names of every rule in the pack, sorted. */
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
		KieSession session = this.pool.newKieSession();
		try {
			int fired;
			try {
				session.insert(this.settings);
				for (Object fact : facts.all()) {
					session.insert(fact);
				}
				fired = session.fireAllRules(MAX_FIRINGS);
			}
			catch (RuntimeException ex) {
				throw new ScoringException("Rule pack " + ref() + " failed on session "
						+ facts.summary().getSessionId() + ": " + ex.getMessage(), ex);
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
		}
	}

	/** Releases the pooled sessions; the pack cannot score afterwards. */
	public void close() {
		this.pool.shutdown();
	}

	@Override
	public String toString() {
		return "CompiledPack[" + ref() + "]";
	}

}
