//! Vinops development tools, kept out of the production binary: the demo-data loader, the
//! simulated Copart endpoints (sales-data export and photo API), the checker of stored photos
//! against the simulator's ground truth, the benchmarks, and a throwaway CA for TLS tests. The
//! `vinops-dev` binary is their command line; the integration tests use the library.
//!
//! Everything here drives the server's real code (the ETL, the images job, the read model)
//! through its public API: a tool that needs a private item is a sign the item belongs to the
//! server's interface or the tool to the server.

pub mod bench;
pub mod cli;
pub mod demo;
pub mod pki;
pub mod simulator;
pub mod verify;
