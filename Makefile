# The two commands (see README): `make run` and `make test`. Everything else is a helper.
.PHONY: run test audit audit-deps schemathesis topology backup-drill dev build sqlx-prepare bench-parse fuzz

run:            ## install, build the release site, migrate, load demo data and serve on :3000
	deploy/scripts/run.sh

test:           ## fmt, clippy, .sqlx check, unit + integration tests, e2e in Chromium
	deploy/scripts/test.sh

audit:          ## Lighthouse, W3C HTML checker and sitemap XSD audits on a server of their own
	deploy/scripts/audit.sh

schemathesis:   ## the JSON API fuzzed against its OpenAPI document (schemathesis) on a loaded server of its own
	deploy/scripts/schemathesis.sh

topology:       ## primary + standby, Redis, S3, two release replicas behind Caddy: jobs once per slot, photos across replicas, standby reads, kill -9 / rolling restart / Redis loss under load, the backup drill (~10 min warm)
	deploy/scripts/topology.sh

backup-drill:   ## WAL archiving + base backup into S3, restore to the end and to a point in time, suppressions replayed; BACKUP_DRILL_LOTS (20000)
	deploy/scripts/backup-drill.sh

audit-deps:     ## cargo-deny: licences, bans, sources and RustSec advisories (fails when the database cannot be fetched)
	deploy/scripts/audit-deps.sh --strict

dev:            ## rebuild and reload on every edit (installs cargo-leptos on first use)
	bash -c 'source deploy/scripts/env.sh && deploy/scripts/setup.sh --with-cargo-leptos && exec env -u RUSTFLAGS MIGRATE_ON_START=true cargo leptos watch'

build:          ## debug site build without cargo-leptos
	deploy/build-site.sh debug

sqlx-prepare:   ## regenerate .sqlx/ after changing a query or a migration
	deploy/scripts/sqlx-prepare.sh

bench-parse:    ## domain-core parse rate on a generated 150k-row export
	bash -c 'source deploy/scripts/env.sh && cargo run -q --release -p vinops --features gen --bin vinops-parse-bench -- --rows 150000'

fuzz:           ## cargo-fuzz on the row, header, catalog query and storage key parsers (FUZZ_SECONDS each, default 60)
	deploy/scripts/fuzz.sh
