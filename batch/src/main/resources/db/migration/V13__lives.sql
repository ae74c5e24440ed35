-- Lives (live.md, issue 13): a livestream while it runs, its go-live answer, every accepted signal in the
-- order it arrived (the law wants the record kept) and every action decided. Portable SQL: runs on H2 and
-- PostgreSQL. A live's id is also the id of the session record it becomes when it ends.
create table live (
  live_id varchar(128) not null primary key,
  seller_id varchar(128) not null,
  market varchar(2) not null,
  started_at timestamp with time zone not null,
  -- OPEN, REFUSED, STOPPED or ENDED
  status varchar(8) not null,
  -- the go-live request, canonical JSON: a repeat with the same text is answered from here
  request text not null,
  -- the go-live answer as decided, JSON
  answer text not null,
  pack_id varchar(64) not null,
  pack_version int not null,
  strikes int not null,
  signals_accepted int not null,
  duplicates int not null,
  late int not null,
  -- actions decided so far: the next one is number actions + 1
  actions int not null,
  -- requests of signals stored so far
  batches int not null,
  last_signal_at timestamp with time zone,
  last_viewers bigint,
  received_at timestamp with time zone not null,
  -- when its go-live check or its last request of signals arrived: the idle timeout counts from here
  last_received_at timestamp with time zone not null,
  ended_at timestamp with time zone,
  -- the score card the end answered, JSON, so ending again answers the same
  score_card text
);
create index live_seller_started on live (seller_id, started_at);
create index live_status_started on live (status, started_at);
create index live_status_received on live (status, last_received_at);

-- Each request of signals that changed something, in arrival order, with the viewers it sent: replaying
-- the batches in order into a fresh decider rebuilds a live's state.
create table live_batch (
  live_id varchar(128) not null references live (live_id),
  n int not null,
  viewers bigint,
  received_at timestamp with time zone not null,
  primary key (live_id, n)
);

-- Every accepted signal (late ones too), numbered in the order it was judged.
create table live_signal (
  live_id varchar(128) not null references live (live_id),
  arrival int not null,
  batch int not null,
  seq bigint not null,
  signal_at timestamp with time zone not null,
  -- the session-record signal, JSON without seq
  signal_json text not null,
  late boolean not null,
  primary key (live_id, arrival),
  constraint live_signal_seq unique (live_id, seq)
);

-- Every action, stored in the transaction of the signals that decided it.
create table live_action (
  live_id varchar(128) not null references live (live_id),
  n int not null,
  action_id varchar(160) not null,
  action_level varchar(8) not null,
  code varchar(64) not null,
  action_at timestamp with time zone not null,
  action_json text not null,
  primary key (live_id, n),
  constraint live_action_id unique (action_id)
);
