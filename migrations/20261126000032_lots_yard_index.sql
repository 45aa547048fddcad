-- no-transaction
-- The yard filter in the default order. A yard holds ~0.1–0.5% of the lots, so walking the
-- auction-date index for 49 of them read ~10,000 lots (33 ms p50 at 1M, `vinops-dev bench read`)
-- and a yard with a second rare filter (keys=no) scanned every lot (245 ms); with this index,
-- the yard's own lots in auction order. CONCURRENTLY: `lots` is big (migrations/README.md).
CREATE INDEX CONCURRENTLY IF NOT EXISTS lots_yard_auction_idx ON lots (yard_name, auction_at, id);
