package io.liveguard.engine.facts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.liveguard.engine.scoring.Evidence;
import org.jspecify.annotations.Nullable;

/**
 * What a classifying rule saw: a finding code, the rule, and the evidence. Detections of
 * one code become one finding (for quality codes with a subject, one finding per
 * subject); the pack's findings table gives their kind, severity, points and score delta.
 */
public final class Detection {

	private final String code;

	private final @Nullable String subject;

	private final String rule;

	private final List<Evidence> evidence;

	public Detection(String code, String rule, Evidence evidence) {
		this(code, null, rule, List.of(evidence));
	}

	public Detection(String code, String rule, Evidence first, Evidence second) {
		this(code, null, rule, List.of(first, second));
	}

	public Detection(String code, String rule, Collection<Evidence> evidence) {
		this(code, null, rule, evidence);
	}

	public Detection(String code, String rule, Evidence first, Collection<Evidence> more) {
		this(code, null, rule, join(first, more));
	}

	/**
	 * A detection about one subject (a product sku), kept apart from others of the same
	 * code.
	 */
	public Detection(String code, @Nullable String subject, String rule, Collection<Evidence> evidence) {
		this.code = code;
		this.subject = subject;
		this.rule = rule;
		this.evidence = List.copyOf(evidence);
	}

	public String getCode() {
		return this.code;
	}

	public @Nullable String getSubject() {
		return this.subject;
	}

	public String getRule() {
		return this.rule;
	}

	public List<Evidence> getEvidence() {
		return this.evidence;
	}

	@Override
	public String toString() {
		return this.code + (this.subject == null ? "" : "[" + this.subject + "]") + " by '" + this.rule + "'";
	}

	private static List<Evidence> join(Evidence first, Collection<Evidence> more) {
		List<Evidence> all = new ArrayList<>(more.size() + 1);
		all.add(first);
		all.addAll(more);
		return all;
	}

}
