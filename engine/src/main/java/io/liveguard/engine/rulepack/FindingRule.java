package io.liveguard.engine.rulepack;

import io.liveguard.engine.scoring.FindingKind;
import io.liveguard.engine.scoring.Severity;
import org.jspecify.annotations.Nullable;

/**
 * One row of a pack's findings table ({@code findings.csv}): what a detected code is
 * worth.
 *
 * @param code the finding code detections carry
 * @param kind quality or violation
 * @param severity INFO for quality findings
 * @param points violation points
 * @param scoreDelta content score change of each finding of this code
 * @param maxTotalDelta bound on the sum of this code's deltas in one session, or null
 * @param description what the code means, for sellers
 */
public record FindingRule(String code, FindingKind kind, Severity severity, int points, int scoreDelta,
		@Nullable Integer maxTotalDelta, String description) {
}
