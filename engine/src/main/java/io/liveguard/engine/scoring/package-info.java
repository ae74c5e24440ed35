/**
 * Scoring: what a rule pack makes of a session. A
 * {@link io.liveguard.engine.scoring.ScoreCard} holds the content score, the violation
 * points and every finding with the rule and the evidence behind it.
 * {@link io.liveguard.engine.ScoringEngine} is the facade callers use.
 */
@NullMarked
package io.liveguard.engine.scoring;

import org.jspecify.annotations.NullMarked;
