//! Vinops server: one process that serves the site and runs the data jobs.
//!
//! Error policy: `thiserror` enums at the boundaries (HTTP responses, the CLI's exit), `anyhow`
//! with `.context()` inside jobs and start-up, where the only consumer of an error is a log line
//! or the operator reading it. A cause is logged once, where it is handled, not at every layer.

pub mod archive;
pub mod cache;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo_flag;
pub mod etl;
pub mod fetch;
pub mod health;
pub mod http;
pub mod http_date;
pub mod images;
pub mod jobs;
pub mod metrics;
pub mod removals;
pub mod runs;
pub mod secret;
pub mod startup;
pub mod storage;
pub mod suppress;
pub mod telemetry;
pub mod transport_security;
