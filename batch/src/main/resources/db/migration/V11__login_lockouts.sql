-- Lockouts by user and client address (issue 12): five wrong passwords lock that user from that
-- address only, so a stranger cannot lock a user out; the per-address throttle bounds guessing across
-- users. Portable SQL (H2, PostgreSQL).
-- app_user.failed_logins and app_user.locked_until (V4) are no longer read or written.
create table login_lockout (
  username varchar(64) not null,
  client_address varchar(64) not null,
  -- failed password logins in a row from this address
  failures int not null,
  last_failure_at timestamp with time zone not null,
  -- until when this user's logins from this address are refused, or null
  locked_until timestamp with time zone,
  primary key (username, client_address)
);
create index login_lockout_last_failure on login_lockout (last_failure_at);
