package io.liveguard.engine.rulepack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.liveguard.engine.facts.Detection;
import io.liveguard.engine.scoring.Evidence;
import io.liveguard.engine.scoring.Finding;
import io.liveguard.engine.scoring.FindingKind;

/**
 * The pack's findings table: for each code, its kind, severity, points and score delta.
 * Turns the detections of a session into findings: one per violation code with all its
 * evidence, one per quality code and subject, with deltas bounded per code, and the
 * content score clamped to 0..100.
 */
public final class FindingTable {

	/** The content score a session starts from. */
	public static final int FULL_SCORE = 100;

	private static final Comparator<Evidence> EVIDENCE_ORDER = Comparator.comparing(Evidence::at)
		.thenComparing(Evidence::signalType)
		.thenComparing(Evidence::detail);

	private final Map<String, FindingRule> rules;

	private final Map<String, Integer> order = new LinkedHashMap<>();

	public FindingTable(List<FindingRule> rules) {
		this.rules = new LinkedHashMap<>();
		for (FindingRule rule : rules) {
			this.rules.put(rule.code(), rule);
			this.order.put(rule.code(), this.order.size());
		}
	}

	public List<FindingRule> rules() {
		return List.copyOf(this.rules.values());
	}

	public boolean contains(String code) {
		return this.rules.containsKey(code);
	}

	public boolean isQuality(String code) {
		FindingRule rule = this.rules.get(code);
		return rule != null && rule.kind() == FindingKind.QUALITY;
	}

	/** The quality codes, in the table's order. */
	public Set<String> qualityCodes() {
		Set<String> codes = new LinkedHashSet<>();
		for (FindingRule rule : this.rules.values()) {
			if (rule.kind() == FindingKind.QUALITY) {
				codes.add(rule.code());
			}
		}
		return Collections.unmodifiableSet(codes);
	}

	/** The findings and content score the detections add up to. */
	public Decision decide(Collection<Detection> detections) {
		Map<Key, Group> groups = new LinkedHashMap<>();
		for (Detection detection : detections) {
			FindingRule rule = this.rules.get(detection.getCode());
			if (rule == null) {
				throw new IllegalStateException("Rule '" + detection.getRule() + "' detected code "
						+ detection.getCode() + ", which the findings table does not list");
			}
			String subject = (rule.kind() == FindingKind.QUALITY) ? detection.getSubject() : null;
			groups.computeIfAbsent(new Key(rule.code(), subject), (key) -> new Group(rule)).add(detection);
		}
		List<Map.Entry<Key, Group>> sorted = new ArrayList<>(groups.entrySet());
		sorted.sort(Comparator.comparing((Map.Entry<Key, Group> entry) -> entry.getValue().rule.kind())
			.thenComparing((entry) -> this.order.get(entry.getKey().code()))
			.thenComparing((entry) -> Objects.requireNonNullElse(entry.getKey().subject(), "")));
		Map<String, Integer> totals = new LinkedHashMap<>();
		List<Finding> findings = new ArrayList<>(sorted.size());
		int score = FULL_SCORE;
		for (Map.Entry<Key, Group> entry : sorted) {
			FindingRule rule = entry.getValue().rule;
			int delta = 0;
			if (rule.kind() == FindingKind.QUALITY) {
				int total = totals.getOrDefault(rule.code(), 0);
				delta = bounded(rule, total);
				totals.put(rule.code(), total + delta);
				score += delta;
			}
			findings.add(new Finding(rule.code(), rule.kind(), rule.severity(),
					rule.kind() == FindingKind.VIOLATION ? rule.points() : 0, delta,
					String.join("; ", entry.getValue().ruleNames), entry.getValue().evidence()));
		}
		return new Decision(findings, Math.max(0, Math.min(FULL_SCORE, score)));
	}

	/**
	 * The content score of the quality detections among {@code detections}: what
	 * {@link #decide} would give them, without building findings. Rules call it once per
	 * session or more, so it stays cheap.
	 */
	public int contentScore(Collection<Detection> detections) {
		Map<String, Set<String>> subjectsByCode = null;
		for (Detection detection : detections) {
			FindingRule rule = this.rules.get(detection.getCode());
			if (rule == null || rule.kind() != FindingKind.QUALITY) {
				continue;
			}
			if (subjectsByCode == null) {
				subjectsByCode = new HashMap<>();
			}
			subjectsByCode.computeIfAbsent(rule.code(), (code) -> new HashSet<>(2)).add(detection.getSubject());
		}
		if (subjectsByCode == null) {
			return FULL_SCORE;
		}
		int score = FULL_SCORE;
		for (Map.Entry<String, Set<String>> entry : subjectsByCode.entrySet()) {
			FindingRule rule = this.rules.get(entry.getKey());
			int total = 0;
			for (int i = 0; i < entry.getValue().size(); i++) {
				total += bounded(rule, total);
			}
			score += total;
		}
		return Math.max(0, Math.min(FULL_SCORE, score));
	}

	private static int bounded(FindingRule rule, int total) {
		Integer max = rule.maxTotalDelta();
		if (max == null) {
			return rule.scoreDelta();
		}
		return (rule.scoreDelta() < 0) ? Math.min(0, Math.max(rule.scoreDelta(), max - total))
				: Math.max(0, Math.min(rule.scoreDelta(), max - total));
	}

	/**
	 * @param findings quality findings first, then violations, each in table order
	 * @param contentScore 0..100
	 */
	public record Decision(List<Finding> findings, int contentScore) {

		public int violationPoints() {
			return this.findings.stream().mapToInt(Finding::points).sum();
		}

	}

	private record Key(String code, String subject) {
	}

	private static final class Group {

		private final FindingRule rule;

		private final Set<String> ruleNames = new TreeSet<>();

		private final Set<Evidence> evidence = new LinkedHashSet<>();

		Group(FindingRule rule) {
			this.rule = rule;
		}

		void add(Detection detection) {
			this.ruleNames.add(detection.getRule());
			this.evidence.addAll(detection.getEvidence());
		}

		List<Evidence> evidence() {
			List<Evidence> sorted = new ArrayList<>(this.evidence);
			sorted.sort(EVIDENCE_ORDER);
			return sorted;
		}

	}

}
