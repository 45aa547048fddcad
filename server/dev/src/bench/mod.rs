//! Benchmarks that print figures (never timed tests): the ETL on a generated export, the read
//! model's latency on the loaded data, and the images job against the simulated photo API.

pub mod etl;
pub mod images;
pub mod read;
mod read_hubs;
