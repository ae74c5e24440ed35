/**
 * A seedable, deterministic generator of realistic livestream sessions for tests, demos
 * and benchmarks: mostly clean sessions, some sloppy ones and a few that break each rule
 * of the default policy, streamed in start order with each session's seller history, in
 * constant memory. {@link io.liveguard.engine.generator.SessionGenerator} is the entry
 * point, {@link io.liveguard.engine.generator.GenerateSessions} its command line.
 */
@NullMarked
package io.liveguard.engine.generator;

import org.jspecify.annotations.NullMarked;
