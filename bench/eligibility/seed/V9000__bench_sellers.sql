-- Benchmark data only (bench/eligibility/run.sh puts this folder on spring.flyway.locations of a throwaway
-- H2 database, after the application's own migrations). 100,000 sellers seller-000001..seller-100000:
-- every 10th (10,000) holds a standing penalty, 1 in 100 of them permanent; every 10th + 5 has only
-- an expired one. The other 80,000 have no penalty at all, as most sellers.
insert into penalty (penalty_id, seller_id, market, level, starts_at, ends_at, threshold_points, critical,
    decided_by_run, decided_for, decided_at)
select 'bench-standing-' || x, 'seller-' || lpad(cast(x as varchar), 6, '0'), 'VN',
       case when mod(x, 1000) = 0 then 'PERMANENT' else 'BAN_30D' end,
       current_timestamp - interval '2' day,
       case when mod(x, 1000) = 0 then null else current_timestamp + interval '28' day end,
       9, false, 1, current_date - interval '3' day, current_timestamp - interval '2' day
from system_range(1, 100000) where mod(x, 10) = 0;

insert into penalty (penalty_id, seller_id, market, level, starts_at, ends_at, threshold_points, critical,
    decided_by_run, decided_for, decided_at)
select 'bench-expired-' || x, 'seller-' || lpad(cast(x as varchar), 6, '0'), 'VN', 'BAN_7D',
       current_timestamp - interval '60' day, current_timestamp - interval '53' day,
       6, false, 1, current_date - interval '61' day, current_timestamp - interval '60' day
from system_range(1, 100000) where mod(x, 10) = 5;

insert into penalty_reason (penalty_id, seq, session_id, code, severity, points)
select penalty_id, 1, 'bench-session-' || penalty_id, 'FAKE_DISCOUNT', 'MODERATE', 9 from penalty
where penalty_id like 'bench-%';
