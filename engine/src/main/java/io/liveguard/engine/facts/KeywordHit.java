package io.liveguard.engine.facts;

import java.util.Set;

import io.liveguard.engine.scoring.Evidence;

/** A transcript segment that contains phrases of one of the pack's keyword lists. */
public final class KeywordHit {

	private final String list;

	private final Set<String> phrases;

	private final Evidence evidence;

	public KeywordHit(String list, Set<String> phrases, Evidence evidence) {
		this.list = list;
		this.phrases = Set.copyOf(phrases);
		this.evidence = evidence;
	}

	/**
	 * The keyword list's name: the file name under {@code keywords/} without
	 * {@code .txt}.
	 */
	public String getList() {
		return this.list;
	}

	/** The matched phrases, folded. */
	public Set<String> getPhrases() {
		return this.phrases;
	}

	public Evidence getEvidence() {
		return this.evidence;
	}

}
