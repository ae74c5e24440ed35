/**
 * The webhook outbox (events.md): every decision LiveGuard makes records its event, and
 * one message per subscribed endpoint, in the decision's own transaction, so a decision
 * that commits always sends its event and one that rolls back never does. The web
 * module's {@code webhook} feature registers the endpoints and sends the messages.
 */
@NullMarked
package io.liveguard.batch.webhook;

import org.jspecify.annotations.NullMarked;
