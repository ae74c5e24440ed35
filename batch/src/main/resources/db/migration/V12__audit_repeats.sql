-- Repeated identical failures as one audit row with a count (issue 12): a client sending a bad key 500
-- times a second wrote 500 rows a second. Portable SQL (H2, PostgreSQL).

-- A hash of (principal, type, data) for events that are counted rather than repeated: failed logins and
-- keys, refused requests. Null for every other event.
alter table audit_event add column repeat_key varchar(64);
-- How many identical events this row stands for, and when the last of them happened.
alter table audit_event add column repeat_count int default 1 not null;
alter table audit_event add column last_occurred_at timestamp with time zone;
create index audit_event_repeat on audit_event (repeat_key, occurred_at);
