//! Rebuilds the server when a migration file is added, changed or removed: `sqlx::migrate!`
//! embeds `migrations/` at compile time, and cargo cannot see that dependency by itself, so
//! without this a new migration file is silently missing from the binary until some Rust
//! source changes.

fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
