/**
 * LiveGuard's engine: the livestream session domain and the Drools runtime that scores
 * it. {@link io.liveguard.engine.ScoringEngine} is the facade; plain Java, no Spring.
 */
@NullMarked
package io.liveguard.engine;

import org.jspecify.annotations.NullMarked;
