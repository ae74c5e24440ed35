-- Webhook attempts keep the first KB of the receiver's answer, shown with the attempt (events.md).
alter table webhook_attempt add column answer varchar(1024);
-- The nightly purge (liveguard.webhooks.retention) deletes the events no message refers to any more,
-- and deleting an event checks the foreign key from webhook_message: PostgreSQL does not index a
-- foreign key by itself (H2 does, so its V16 has no such index).
create index webhook_message_event on webhook_message (event_id);
