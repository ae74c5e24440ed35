/**
 * Signed webhooks (events.md): the endpoints an admin registers with their signing
 * secrets (encrypted at rest), and the dispatcher that sends the outbox's messages
 * ({@code io.liveguard.batch.webhook}) after their decision committed, signed after the
 * Standard Webhooks specification, retried on its schedule, each claimed by one node at a
 * time ({@code FOR UPDATE SKIP LOCKED} and a lease).
 */
@NullMarked
package io.liveguard.web.webhook;

import org.jspecify.annotations.NullMarked;
