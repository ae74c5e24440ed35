package io.liveguard.engine.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the phrases of named keyword lists in text, on whole words after
 * {@link TextFolding}. Built once per rule pack; one pass over the words of a text checks
 * every list. Thread safe.
 */
public final class KeywordMatcher {

	/** Phrases indexed by their first folded word. */
	private final Map<String, List<Phrase>> byFirstWord = new HashMap<>();

	private final Set<String> lists;

	/**
	 * @param lists keyword phrases by list name, as written (any case, with or without
	 * diacritics)
	 */
	public KeywordMatcher(Map<String, List<String>> lists) {
		this.lists = Set.copyOf(lists.keySet());
		lists.forEach((list, phrases) -> {
			for (String phrase : phrases) {
				String folded = TextFolding.fold(phrase);
				if (folded.isEmpty()) {
					continue;
				}
				String[] words = folded.split(" ");
				this.byFirstWord.computeIfAbsent(words[0], (w) -> new ArrayList<>())
					.add(new Phrase(list, folded, words));
			}
		});
	}

	public Set<String> lists() {
		return this.lists;
	}

	/**
	 * Returns the matched phrases (folded) by list name, in list order of first match;
	 * empty when nothing matched.
	 */
	public Map<String, Set<String>> match(String text) {
		if (this.byFirstWord.isEmpty()) {
			return Map.of();
		}
		String[] words = TextFolding.fold(text).split(" ");
		Map<String, Set<String>> hits = null;
		for (int i = 0; i < words.length; i++) {
			List<Phrase> candidates = this.byFirstWord.get(words[i]);
			if (candidates == null) {
				continue;
			}
			for (Phrase phrase : candidates) {
				if (phrase.matchesAt(words, i)) {
					if (hits == null) {
						hits = new LinkedHashMap<>();
					}
					hits.computeIfAbsent(phrase.list(), (l) -> new LinkedHashSet<>()).add(phrase.folded());
				}
			}
		}
		return hits == null ? Map.of() : hits;
	}

	private record Phrase(String list, String folded, String[] words) {

		boolean matchesAt(String[] text, int start) {
			if (start + this.words.length > text.length) {
				return false;
			}
			for (int j = 1; j < this.words.length; j++) {
				if (!this.words[j].equals(text[start + j])) {
					return false;
				}
			}
			return true;
		}

	}

}
