//! The dashboard's metric cards: a few formatted numbers (lots written, photos stored, lots
//! still needing photos, runs, cache hit rate) above the services. The contract's raw numbers
//! are `contract::Metrics`; these are the human-readable ones.

use serde::Serialize;

use super::facts::{DbFacts, NEED_PHOTOS_CAP};
use crate::cache::CacheCounts;

/// A number for a metric card.
#[derive(Debug, Clone, Serialize)]
pub struct Metric {
    /// Stable: the dashboard translates the label by it.
    pub key: &'static str,
    pub label: &'static str,
    /// Absent when it cannot be known now (database down).
    pub value: Option<String>,
}

/// The cards, in the order the dashboard shows them; a card whose number needs the database
/// has no value while it is down.
pub fn cards(facts: Option<&DbFacts>, cache_counts: CacheCounts) -> Vec<Metric> {
    let n = |v: i64| Some(group_thousands(v));
    vec![
        Metric {
            key: "lots_written_24h",
            label: "Lots written (24 h)",
            value: facts.and_then(|f| n(f.etl.lots_written_24h)),
        },
        Metric {
            key: "photos_stored_24h",
            label: "Photos stored (24 h)",
            value: facts.and_then(|f| n(f.images.photos_24h)),
        },
        Metric {
            key: "lots_needing_photos",
            label: "Lots needing photos",
            value: facts.map(|f| {
                if f.images.lots_need_photos > NEED_PHOTOS_CAP {
                    format!("{}+", group_thousands(NEED_PHOTOS_CAP))
                } else {
                    group_thousands(f.images.lots_need_photos)
                }
            }),
        },
        Metric {
            key: "etl_runs_24h",
            label: "ETL runs (24 h, failed)",
            value: facts.map(|f| format!("{} ({})", f.etl.runs_24h, f.etl.failed_24h)),
        },
        Metric {
            key: "cache_hit_rate",
            label: "Cache hit rate",
            value: hit_rate(cache_counts),
        },
    ]
}

fn hit_rate(c: CacheCounts) -> Option<String> {
    let total = c.hits + c.misses + c.errors;
    (total > 0).then(|| format!("{:.0}%", 100.0 * c.hits as f64 / total as f64))
}

pub fn group_thousands(v: i64) -> String {
    let digits = v.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if v < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::group_thousands;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(10_000), "10,000");
        assert_eq!(group_thousands(-1_234_567), "-1,234,567");
    }
}
