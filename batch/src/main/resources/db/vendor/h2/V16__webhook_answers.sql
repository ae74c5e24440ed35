-- Webhook attempts keep the first KB of the receiver's answer, shown with the attempt (events.md).
-- (PostgreSQL's V16 also indexes webhook_message.event_id for the purge; H2 already indexed it for the
-- foreign key, and a second index would only slow the outbox's inserts.)
alter table webhook_attempt add column answer varchar(1024);
