-- A seller's price history (SessionStore.history: the sold prices of one seller within a time window, in
-- started_at, session_id, sku order), read for every session stored, by every ingest path. It was read through
-- (seller_id, started_at) and then each row from the table; this index holds every column the query reads,
-- so H2 and PostgreSQL answer it from the index alone: in H2, over the 412,828 prices of 200,000 imported
-- sessions, 38 us a seller's history instead of 94 (bench/README.md, "Where an ingested session's time goes").
-- Portable SQL (H2, PostgreSQL); nothing else reads listed_price, so the old index goes.
create index listed_price_history on listed_price (seller_id, sold, started_at, session_id, sku, live_price);
drop index listed_price_seller_started;
