-- Partitioning the nightly work by seller hash: each seller a run visits carries its bucket
-- (SellerBuckets: CRC-32 of the seller id, modulo 256), and a partition takes a contiguous range of
-- buckets. Portable SQL (H2, PostgreSQL).
alter table penalty_run_seller add column bucket int default 0 not null;
create index penalty_run_seller_bucket on penalty_run_seller (run_id, bucket, seller_id);
