package io.liveguard.engine.facts.live;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import io.liveguard.engine.scoring.Evidence;
import io.liveguard.engine.scoring.Severity;

/**
 * What a classifying rule saw in the signal being judged: a violation (MINOR to CRITICAL)
 * or a reminder (INFO). Deciding rules take a signal's candidates one at a time, highest
 * severity first and then by code name ({@link #precedes}), and settle each: an action,
 * or nothing when it repeats too soon or the live was stopped.
 */
public final class Candidate {

	private static final Comparator<Evidence> EVIDENCE_ORDER = Comparator.comparing(Evidence::at)
		.thenComparing(Evidence::signalType)
		.thenComparing(Evidence::detail);

	private final String code;

	private final Severity severity;

	private final String rule;

	private final long seq;

	private final long at;

	private final List<Evidence> evidence;

	private boolean settled;

	public Candidate(String code, Severity severity, String rule, long seq, long at, List<Evidence> evidence) {
		this.code = code;
		this.severity = severity;
		this.rule = rule;
		this.seq = seq;
		this.at = at;
		// what accumulate collects comes in no promised order: sorted, the same signals
		// give the same evidence
		this.evidence = evidence.stream().sorted(EVIDENCE_ORDER).toList();
	}

	public Candidate(String code, Severity severity, String rule, LiveSignal signal) {
		this(code, severity, rule, signal.getSeq(), signal.getAt(), List.of(signal.getEvidence()));
	}

	/**
	 * A candidate about products ({@code skus}), seen at the turn of a signal of any
	 * type.
	 */
	public Candidate(String code, Severity severity, String rule, Judging turn, Collection<String> skus) {
		this(code, severity, rule, turn.getSeq(), turn.getAt(),
				skus.stream()
					.sorted()
					.map((sku) -> new Evidence(Instant.ofEpochMilli(turn.getAt()), "PRODUCT", sku))
					.toList());
	}

	public String getCode() {
		return this.code;
	}

	public Severity getSeverity() {
		return this.severity;
	}

	public String getRule() {
		return this.rule;
	}

	/** The seq of the signal it was seen in. */
	public long getSeq() {
		return this.seq;
	}

	public long getAt() {
		return this.at;
	}

	public List<Evidence> getEvidence() {
		return this.evidence;
	}

	/** A violation adds strikes; a reminder (INFO) does not. */
	public boolean isViolation() {
		return this.severity != Severity.INFO;
	}

	public boolean isSettled() {
		return this.settled;
	}

	/** A deciding fact: this candidate was decided (an action) or dropped. */
	public void settle() {
		this.settled = true;
	}

	/**
	 * Whether this one is decided before {@code other}: higher severity first, then by
	 * code name.
	 */
	public boolean precedes(Candidate other) {
		int bySeverity = other.severity.compareTo(this.severity);
		return bySeverity < 0 || (bySeverity == 0 && this.code.compareTo(other.code) < 0);
	}

	@Override
	public String toString() {
		return "Candidate[" + this.code + " " + this.severity + " seq " + this.seq + (this.settled ? " settled" : "")
				+ "]";
	}

}
