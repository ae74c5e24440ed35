/**
 * The child JVM's side of checking a draft rule pack: a draft is compiled and its test
 * cases run in a process of its own, with a heap and a time limit, so a draft that loops
 * or allocates without end costs a killed child rather than the server.
 * {@link io.liveguard.engine.rulepack.worker.DraftWorker} reads one
 * {@link io.liveguard.engine.rulepack.worker.DraftRequest} as JSON on standard input and
 * writes {@link io.liveguard.engine.rulepack.worker.DraftReply} lines on standard output.
 */
@NullMarked
package io.liveguard.engine.rulepack.worker;

import org.jspecify.annotations.NullMarked;
