package io.liveguard.engine.rulepack.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.liveguard.engine.rulepack.PackFile;
import io.liveguard.engine.rulepack.RulePackSource;

/**
 * What the server asks of a draft.
 *
 * @param task compile it, or compile it and run its test cases
 * @param packId the pack
 * @param version the draft's version (0 for one not stored yet)
 * @param files every file of the draft
 * @param cases test cases given with the request, each as JSON text, run after the pack's
 * own
 * @param at the instant score cards are stamped with
 * @param scoringTimeBudget the server's time budget per session, so a test case scores as
 * it would there
 */
public record DraftRequest(Task task, String packId, int version, List<PackFile> files, List<String> cases, Instant at,
		Duration scoringTimeBudget) {

	public DraftRequest {
		files = List.copyOf(files);
		cases = List.copyOf(cases);
	}

	RulePackSource source() {
		return new RulePackSource(this.packId, this.version, this.files);
	}

	public enum Task {

		/** Compile the draft: the check on every save. */
		COMPILE,

		/**
		 * Compile the draft and run its test cases ({@code tests/*.json}) and the given
		 * ones.
		 */
		TEST

	}

}
