-- Test data for PostgresQueryPlanIntegrationTests, set-based: 10,000 sellers with 6 sessions each over
-- the last 90 days (60,000 sessions and current score cards, 6,000 older cards), a finding per session
-- (half of them violations), 3 penalties per seller of which about 6% still stand, 2 reasons each,
-- an appeal for every tenth session, ladder state and 2 runs of warnings per seller, and 3 listed prices per
-- session (2 of them sold).
insert into live_session (session_id, seller_id, market, started_at, ended_at, business_date, content_hash,
    received_at, content_score, violation_points)
select 'sess-' || n, 'seller-' || lpad(((n - 1) % 10000 + 1)::text, 6, '0'), 'VN',
       now() - ((n % 90) || ' days')::interval - ((n % 24) || ' hours')::interval,
       now() - ((n % 90) || ' days')::interval - ((n % 24) || ' hours')::interval + interval '1 hour',
       (now() - ((n % 90) || ' days')::interval - ((n % 24) || ' hours')::interval)::date,
       md5(n::text), now(), 60 + n % 40, case when n % 2 = 0 then 3 else 0 end
from generate_series(1, 60000) as n;

insert into score_card (session_id, pack_id, pack_version, content_score, violation_points, is_current, card, scored_at)
select s.session_id, 'default', 1, s.content_score, s.violation_points, true,
       '{"sessionId":"' || s.session_id || '","sellerId":"' || s.seller_id || '","market":"VN","businessDate":"'
       || s.business_date || '","rulePack":{"id":"default","version":1},"contentScore":' || s.content_score
       || ',"violationPoints":' || s.violation_points || ',"findings":[],"scoredAt":"2026-11-01T00:00:00Z"}',
       s.received_at
from live_session s;

-- re-scored sessions keep their earlier card, no longer current
insert into score_card (session_id, pack_id, pack_version, content_score, violation_points, is_current, card, scored_at)
select session_id, 'default', 0, content_score, 0, false, '{}', received_at
from live_session where right(session_id, 1) = '7';

insert into finding (score_card_id, seq, session_id, seller_id, market, business_date, code, kind, severity, points,
    score_delta, rule)
select c.id, 1, s.session_id, s.seller_id, s.market, s.business_date,
       case when s.violation_points > 0 then 'FAKE_DISCOUNT' else 'LOW_LIGHT' end,
       case when s.violation_points > 0 then 'VIOLATION' else 'QUALITY' end,
       case when s.violation_points > 0 then 'MODERATE' else 'MINOR' end,
       s.violation_points, -5, 'rule'
from live_session s join score_card c on c.session_id = s.session_id and c.is_current;

insert into penalty (penalty_id, seller_id, market, level, starts_at, ends_at, threshold_points, critical,
    decided_by_run, decided_for, decided_at, lifted_at, lifted_by, lift_reason)
select 'pen-' || n, 'seller-' || lpad(((n - 1) / 3 + 1)::text, 6, '0'), 'VN',
       case when n % 300 = 1 then 'PERMANENT' when n % 3 = 1 then 'BAN_30D' else 'BAN_7D' end,
       case when n % 3 = 1 and (n - 1) / 3 % 16 = 0 then now() - interval '2 days'
            else now() - ((n % 3 * 60 + n % 30 + 20) || ' days')::interval end,
       case when n % 300 = 1 then null
            when n % 3 = 1 and (n - 1) / 3 % 16 = 0 then now() + interval '28 days'
            else now() - ((n % 3 * 60 + n % 30 + 13) || ' days')::interval end,
       9, n % 300 = 1, n % 50 + 1, (now() - ((n % 3 * 60 + n % 30 + 21) || ' days')::interval)::date, now(),
       case when n % 97 = 0 then now() - interval '1 day' end,
       case when n % 97 = 0 then 'analyst' end,
       case when n % 97 = 0 then 'appeal overturned' end
from generate_series(1, 30000) as n;

insert into penalty_reason (penalty_id, seq, session_id, code, severity, points)
select p.penalty_id, r, 'sess-' || (substr(p.penalty_id, 5)::int * 2 - 2 + r), 'FAKE_DISCOUNT', 'MODERATE', 3
from penalty p cross join generate_series(1, 2) as r;

insert into appeal (appeal_id, session_id, code, seller_id, reason, status, filed_by, filed_at, decided_by,
    decided_at, note, lift_now)
select 'appeal-' || s.session_id, s.session_id, 'FAKE_DISCOUNT', s.seller_id, 'not so',
       case substr(s.session_id, 6)::int % 3 when 0 then 'OPEN' when 1 then 'UPHELD' else 'OVERTURNED' end,
       s.seller_id, s.received_at, null, null, null, false
from live_session s where substr(s.session_id, 6)::int % 10 = 0;

insert into seller_state (seller_id, market, reached_level, active_points, last_run_date, last_run_id)
select 'seller-' || lpad(n::text, 6, '0'), 'VN', case when n % 16 = 1 then 'BAN_30D' end, n % 12,
       current_date - 1, 2
from generate_series(1, 10000) as n;

insert into seller_warning (seller_id, run_id, seq, code, message, business_date)
select 'seller-' || lpad(n::text, 6, '0'), r, 1, 'LOW_SCORE', 'keep the light on', current_date - 3 + r
from generate_series(1, 10000) as n cross join generate_series(1, 2) as r;

insert into listed_price (session_id, sku, seller_id, started_at, live_price, sold)
select s.session_id, 'p-' || k, s.seller_id, s.started_at, 100000 + k, k < 3
from live_session s cross join generate_series(1, 3) as k;
