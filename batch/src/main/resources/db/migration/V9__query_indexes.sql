-- Indexes for the per-seller reads, chosen from their PostgreSQL plans (web's
-- PostgresQueryPlanIntegrationTests EXPLAINs the statements the code executes). Portable SQL (H2, PostgreSQL).

-- A seller's standing lists each violation finding with the status of its appeal, looked up by session
-- and code; appeal_seller starts with the seller, so without this every line scanned the appeal table.
create index appeal_session_code on appeal (session_id, code);
