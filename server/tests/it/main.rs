//! The integration tests: one binary, so they link once and run in one process (and clone their
//! databases from one migrated template, see `common::db`). Each module is
//! what used to be a test target of its own; the helpers (`common`, the child processes, the
//! checks) are modules beside them. Nothing here may rely on a process of its own: counters and
//! caches belong to each test's app, never to the process.
//!
//! Run one area with a filter: `cargo test -p server --test it seo_removal::`.

mod common;
mod jobs_common;
mod openapi_check;
mod pg_child;
mod purge_common;
mod redis_child;
mod s3_child;
mod xml;

mod abuse;
mod admin_removals;
mod api_v1;
mod audit_views;
mod cache;
mod cache_versions;
mod crawl;
mod demo;
mod demo_mode;
mod document;
mod edge;
mod env_example;
mod etl_changes;
mod etl_ingest;
mod etl_pipeline;
mod feed;
mod fetch;
mod health;
mod health_contract;
mod hub_years;
mod hubs;
mod images;
mod intake;
mod jobs;
mod jobs_serve;
mod media;
mod migrate_rules;
mod ops_listener;
mod pages;
mod pages_localized;
mod pages_photos;
mod pages_redis_outage;
mod pages_stale_after_etl;
mod photo_api;
mod photo_purge;
mod rate_limits;
mod read_filters;
mod read_model;
mod readiness;
mod retry_after;
mod schema;
mod secrets;
mod seo_meta;
mod seo_removal;
mod seo_sitemaps;
mod simulator;
mod site;
mod standby;
mod storage;
mod suppression_journal;
mod tls;
mod vin_history;
