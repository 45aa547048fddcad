-- Indexes for the catalog read model (src/read/): one `(sort key, id)` btree per lot-side sort
-- key, so every order is an index range scan in both directions and for its NULL tail (the read
-- model reads the non-NULL keys and the NULL tail as two ranges; see src/read/page.rs).
--
-- Already there (20261126000002_core_tables.sql) and used as they are:
--   lots_auction_at_id_idx        (auction_at, id)              auction sort, both directions
--   lots_first_seen_id_idx        (first_seen_at DESC, id DESC) "newest listed", both directions
--   lots_vehicle_type_auction_idx (vehicle_type, auction_at, id) a kind tab in the default order
--   lots_location_state_idx       (location_state)              rare states (else the sort walk)
--   lots_vin_idx                  (vin)                         VIN page, make/model filters
--   vehicles_make_model_idx       (make, model)                 make/model filters → VINs
--   vehicles_year_idx             (year)                        year filters → VINs
-- Nothing is dropped: each of those serves a query above (lots_source_updated_idx is the ETL's).
--
-- Cost: every index on `lots` is maintained on every ETL insert and on every update that
-- changes its key (current_bid_cents changes often). By the README's figure (8 lots indexes
-- cost ~3.5 s of a 150k-lot first load) these two add ~0.9 s there; nothing else is added. Filters on damage, title type and sale status
-- get no index: they are low-cardinality and a sort-order walk finds a page of them quickly; a
-- rare value is slower (see the README's read-model section).
--
-- The year sort and the make/model/trim/year filters read `vehicles`, so no `lots` index can
-- serve them in sort order; they need make/model/trim/year denormalised onto `lots` (owned by
-- the ETL; not done here).

CREATE INDEX lots_odometer_id_idx ON lots (odometer_mi, id);
CREATE INDEX lots_current_bid_id_idx ON lots (current_bid_cents, id);
