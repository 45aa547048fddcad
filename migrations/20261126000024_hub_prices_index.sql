-- The hubs' price summary (src/read/hubs.rs): medians per model year over the lots of a make
-- (and model) with a sale date in the chosen period. Without this index the query read every
-- lot of the make from the heap: FORD at 1M lots is 118k lots on 57k pages, 0.44 s cold. With
-- every column it needs in the index it is an index-only scan (34 ms for those 118k entries),
-- and the whole summary 0.15 s in the worst case (the biggest make, every period).
-- Cost: 85 MB at 1M lots, and one more index for each ETL insert/update of a lot.
CREATE INDEX lots_hub_prices_idx ON lots (make, model, sale_date)
    INCLUDE (year, current_bid_cents, est_retail_value_cents, vin);
