/**
 * Lives (live.md): the go-live check, and the decisions taken while a live runs.
 * {@link io.liveguard.engine.live.Lives} is the entry point: it checks a go-live request
 * with the pack's go-live rules and opens a {@link io.liveguard.engine.live.LiveDecider}
 * per live, which judges each signal with the pack's in-stream rules (Drools stream mode
 * on a pseudo clock driven by the signals' {@code at}) and answers the actions they
 * decided. The same signals in the same order always decide the same actions with the
 * same ids, so a live's state is rebuilt by replaying its stored signals. Plain Java:
 * storage, transactions and HTTP belong to the callers.
 */
@NullMarked
package io.liveguard.engine.live;

import org.jspecify.annotations.NullMarked;
