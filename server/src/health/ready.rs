//! `/readyz`: whether this replica should get visitors (the proxy's active health check).
//!
//! 200 only when the database answers and holds every migration this binary embeds
//! ([`crate::db::MIGRATOR`]), each applied successfully and unchanged since; otherwise 503 with a
//! one-line reason. A schema *ahead* of the binary is ready: every migration must keep the
//! previous release working (expand first, contract a release later: `migrations/README.md`),
//! which is what lets a deploy migrate first and then restart the replicas one at a time, and
//! roll a replica back. A schema *behind* it is not: new code would query columns that do not
//! exist yet.
//!
//! When `MIGRATE_ON_START` failed, a not-ready answer says so too. The public answer quotes no
//! error text (it may name a host); the operator listener's adds it. `/healthz` stays pure
//! liveness and checks none of this.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use sqlx::PgPool;

use super::facts::short;

/// Longest the migration history may take to read.
const READ_TIMEOUT: Duration = Duration::from_secs(2);

/// One row of sqlx's migration history (`_sqlx_migrations`).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Applied {
    pub version: i64,
    pub success: bool,
    pub checksum: Vec<u8>,
}

/// How the database's schema compares with the migrations a binary embeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Schema {
    /// Every embedded migration is applied; `ahead` more are that the binary does not know.
    Current { ahead: usize },
    /// These embedded migrations are not applied, oldest first.
    Behind { missing: Vec<i64> },
    /// A migration is recorded as failed (run outside a transaction, cut short).
    Failed { version: i64 },
    /// An applied migration's file was edited since (its checksum differs).
    Changed { version: i64 },
}

/// Compares the `embedded` migrations (version, checksum) with the `applied` history.
pub fn compare<'a>(
    embedded: impl IntoIterator<Item = (i64, &'a [u8])>,
    applied: &[Applied],
) -> Schema {
    if let Some(failed) = applied
        .iter()
        .filter(|a| !a.success)
        .min_by_key(|a| a.version)
    {
        return Schema::Failed {
            version: failed.version,
        };
    }
    let by_version: HashMap<i64, &Applied> = applied.iter().map(|a| (a.version, a)).collect();
    let mut known = HashSet::new();
    let mut missing = Vec::new();
    for (version, checksum) in embedded {
        known.insert(version);
        match by_version.get(&version) {
            None => missing.push(version),
            Some(a) if a.checksum != checksum => return Schema::Changed { version },
            Some(_) => {}
        }
    }
    if missing.is_empty() {
        let ahead = applied
            .iter()
            .filter(|a| !known.contains(&a.version))
            .count();
        Schema::Current { ahead }
    } else {
        missing.sort_unstable();
        Schema::Behind { missing }
    }
}

/// The readiness answer: `reason` for anyone, `detail` (an error text) for operators only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub ready: bool,
    pub reason: String,
    pub detail: Option<String>,
}

impl Verdict {
    fn ready(reason: String) -> Verdict {
        Verdict {
            ready: true,
            reason,
            detail: None,
        }
    }

    fn not_ready(reason: impl Into<String>, detail: Option<String>) -> Verdict {
        Verdict {
            ready: false,
            reason: reason.into(),
            detail,
        }
    }

    /// Adds that migrating at start-up failed (with its error as the detail) to a not-ready
    /// verdict: it is then part of why.
    pub fn with_startup_failure(mut self, error: Option<&str>) -> Verdict {
        if let (false, Some(e)) = (self.ready, error) {
            self.reason.push_str("; migrating at start-up failed");
            self.detail = Some(match self.detail.take() {
                Some(d) => format!("{d}; start-up migration: {e}"),
                None => format!("start-up migration: {e}"),
            });
        }
        self
    }

    /// The answer's body: the reason, and the detail when `full`.
    pub fn body(&self, full: bool) -> String {
        let head = if self.ready { "ready" } else { "not ready" };
        match (&self.detail, full) {
            (Some(d), true) => format!("{head}: {}\n{d}\n", self.reason),
            _ => format!("{head}: {}\n", self.reason),
        }
    }
}

/// The verdict for a schema.
pub fn judge(schema: &Schema) -> Verdict {
    match schema {
        Schema::Current { ahead: 0 } => Verdict::ready("schema current".to_owned()),
        Schema::Current { ahead } => Verdict::ready(format!(
            "schema current ({ahead} newer migration(s) applied, compatible by rule)"
        )),
        Schema::Behind { missing } => Verdict::not_ready(
            format!(
                "schema behind this binary: {} migration(s) not applied (first {})",
                missing.len(),
                missing.first().copied().unwrap_or_default()
            ),
            None,
        ),
        Schema::Failed { version } => Verdict::not_ready(
            format!("migration {version} is recorded as failed; repair it before serving"),
            None,
        ),
        Schema::Changed { version } => Verdict::not_ready(
            format!("migration {version} differs from the one applied (edited after the fact)"),
            None,
        ),
    }
}

/// The migrations this binary embeds: (version, checksum) of each forward one.
fn embedded() -> impl Iterator<Item = (i64, &'static [u8])> {
    crate::db::MIGRATOR
        .iter()
        .filter(|m| !m.migration_type.is_down_migration())
        .map(|m| (m.version, m.checksum.as_ref()))
}

/// Reads the migration history over `pool` and judges it.
pub async fn check(pool: &PgPool) -> Verdict {
    // sqlx's own table, not part of migrations/ (the offline query data is built from a
    // schema without it): checked at run time.
    let read = sqlx::query_as::<_, Applied>(
        "SELECT version, success, checksum FROM _sqlx_migrations ORDER BY version",
    )
    .fetch_all(pool);
    match tokio::time::timeout(READ_TIMEOUT, read).await {
        Ok(Ok(applied)) => judge(&compare(embedded(), &applied)),
        Ok(Err(e)) => match e.as_database_error().and_then(|d| d.code()).as_deref() {
            // undefined_table: nothing was ever migrated here.
            Some("42P01") => judge(&compare(embedded(), &[])),
            Some(_) => Verdict::not_ready(
                "cannot read the migration history",
                Some(short(&e.to_string())),
            ),
            None => Verdict::not_ready("database unreachable", Some(short(&e.to_string()))),
        },
        Err(_) => Verdict::not_ready(
            "database unreachable",
            Some(format!("no answer within {} ms", READ_TIMEOUT.as_millis())),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn applied(version: i64, checksum: &[u8]) -> Applied {
        Applied {
            version,
            success: true,
            checksum: checksum.to_vec(),
        }
    }

    const EMBEDDED: [(i64, &[u8]); 3] = [(1, b"a"), (2, b"b"), (3, b"c")];

    #[test]
    fn every_embedded_migration_applied_is_current() {
        let all = [applied(1, b"a"), applied(2, b"b"), applied(3, b"c")];
        assert_eq!(compare(EMBEDDED, &all), Schema::Current { ahead: 0 });
        assert!(judge(&compare(EMBEDDED, &all)).ready);
    }

    #[test]
    fn a_newer_schema_is_still_ready() {
        let newer = [
            applied(1, b"a"),
            applied(2, b"b"),
            applied(3, b"c"),
            applied(4, b"d"),
        ];
        assert_eq!(compare(EMBEDDED, &newer), Schema::Current { ahead: 1 });
        assert!(judge(&compare(EMBEDDED, &newer)).ready);
    }

    #[test]
    fn a_schema_behind_failed_or_changed_is_not_ready() {
        let behind = [applied(1, b"a")];
        assert_eq!(
            compare(EMBEDDED, &behind),
            Schema::Behind {
                missing: vec![2, 3]
            }
        );
        let v = judge(&compare(EMBEDDED, &behind));
        assert!(!v.ready && v.reason.contains("2 migration(s) not applied (first 2)"));
        assert_eq!(
            compare(EMBEDDED, &[]),
            Schema::Behind {
                missing: vec![1, 2, 3]
            }
        );

        let mut failed = [applied(1, b"a"), applied(2, b"b"), applied(3, b"c")];
        failed[1].success = false;
        assert_eq!(compare(EMBEDDED, &failed), Schema::Failed { version: 2 });
        assert!(!judge(&compare(EMBEDDED, &failed)).ready);

        let changed = [applied(1, b"a"), applied(2, b"X"), applied(3, b"c")];
        assert_eq!(compare(EMBEDDED, &changed), Schema::Changed { version: 2 });
        assert!(!judge(&compare(EMBEDDED, &changed)).ready);
    }

    #[test]
    fn a_startup_failure_is_part_of_a_not_ready_answer_only() {
        let behind = judge(&Schema::Behind { missing: vec![7] })
            .with_startup_failure(Some("canceling statement due to lock timeout"));
        assert!(behind.reason.ends_with("; migrating at start-up failed"));
        assert!(!behind.body(false).contains("lock timeout"));
        assert!(behind.body(true).contains("lock timeout"));
        let ready = judge(&Schema::Current { ahead: 0 }).with_startup_failure(Some("x"));
        assert_eq!(ready.body(true), "ready: schema current\n");
    }

    #[test]
    fn the_binary_embeds_every_migration_file() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations");
        let files = std::fs::read_dir(dir)
            .expect("migrations/")
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "sql"))
            })
            .count();
        assert!(files > 10, "{files}");
        assert_eq!(embedded().count(), files);
    }
}
