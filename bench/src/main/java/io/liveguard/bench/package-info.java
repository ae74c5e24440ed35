/**
 * Benchmarks: Drools scoring against a hand-written scorer of the same default policy.
 */
@NullMarked
package io.liveguard.bench;

import org.jspecify.annotations.NullMarked;
