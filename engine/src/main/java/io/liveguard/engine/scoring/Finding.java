package io.liveguard.engine.scoring;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One thing a rule pack found in a session.
 *
 * @param code the finding code, such as {@code HOST_ABSENT} or {@code FALSE_ORIGIN}
 * @param kind quality or violation
 * @param severity INFO for quality findings
 * @param points violation points earned (0 for quality findings)
 * @param scoreDelta change to the content score (0 for violations)
 * @param rule the name of the rule, or rules, that produced it
 * @param evidence the signals and facts it rests on, in time order
 */
public record Finding(String code, FindingKind kind, Severity severity, int points, int scoreDelta, String rule,
		List<Evidence> evidence) {

	public Finding {
		evidence = List.copyOf(evidence);
	}

	@JsonIgnore // derived from kind; not part of the score card JSON (api.md)
	public boolean isViolation() {
		return this.kind == FindingKind.VIOLATION;
	}

}
