/**
 * Lives (live.md): the go-live check, the signals of a running live and the actions they
 * decide, and the end that turns a live into a session record. The engine decides
 * ({@link io.liveguard.engine.live.Lives}); this feature validates requests as session
 * records are validated, stores every accepted signal and every action in the transaction
 * that decided it, keeps a decider per open live in memory (rebuilt from the stored
 * signals when it is not), and ends a live through the sessions feature's ingest, so a
 * live is scored exactly as the same record sent whole.
 * {@link io.liveguard.web.live.LiveEnforcement} is the entry point.
 */
@NullMarked
package io.liveguard.web.live;

import org.jspecify.annotations.NullMarked;
