/**
 * The lives benchmark: the signals endpoint of a running node under an open-loop load of
 * generated lives ({@link io.liveguard.bench.live.RunLiveBenchmark}), and the same
 * streams decided in process by the default pack's Drools live rules and by
 * {@link io.liveguard.bench.live.PlainJavaLive}, a plain-Java reading of policy section 4
 * ({@link io.liveguard.bench.live.LiveEngineComparison}).
 */
@NullMarked
package io.liveguard.bench.live;

import org.jspecify.annotations.NullMarked;
