//! A small in-process Prometheus registry: counters and histograms keyed by name and label
//! values, rendered in the text exposition format (version 0.0.4).
//!
//! Hand-written rather than the `metrics` crates: we need a few families with labels whose
//! values come from closed sets (route templates, enums), which this covers in ~200 lines with
//! no global-recorder set-up and no extra dependency tree. Cardinality is the caller's duty:
//! never pass a raw path, an id or an error text as a label value.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::{Mutex, PoisonError};

/// Label names with their values, in a fixed order per family.
type Labels = Vec<(&'static str, String)>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Counter,
    Histogram,
}

#[derive(Debug)]
enum Series {
    Counter(u64),
    Histogram {
        /// Non-cumulative count per bucket (cumulated when rendered); the last is `+Inf`.
        buckets: Vec<u64>,
        sum: f64,
        count: u64,
    },
}

#[derive(Debug)]
struct Family {
    help: &'static str,
    kind: Kind,
    bounds: &'static [f64],
    series: BTreeMap<Labels, Series>,
}

/// Every family of the process. One mutex: an update is a map lookup and an add, far shorter
/// than anything a request does, so contention is not worth sharding for.
#[derive(Debug)]
pub struct Registry {
    families: Mutex<BTreeMap<&'static str, Family>>,
}

impl Default for Registry {
    fn default() -> Self {
        Self::new()
    }
}

impl Registry {
    pub const fn new() -> Registry {
        Registry {
            families: Mutex::new(BTreeMap::new()),
        }
    }

    /// Adds `by` to the counter `name{labels}`.
    pub fn count(
        &self,
        name: &'static str,
        help: &'static str,
        labels: &[(&'static str, &str)],
        by: u64,
    ) {
        self.update(name, help, Kind::Counter, &[], labels, |s| {
            if let Series::Counter(n) = s {
                *n = n.saturating_add(by);
            }
        });
    }

    /// Records `value` in the histogram `name{labels}` with upper bounds `bounds` (ascending;
    /// `+Inf` is implied). A family keeps the bounds it was first used with.
    pub fn observe(
        &self,
        name: &'static str,
        help: &'static str,
        bounds: &'static [f64],
        labels: &[(&'static str, &str)],
        value: f64,
    ) {
        self.update(name, help, Kind::Histogram, bounds, labels, |s| {
            if let Series::Histogram {
                buckets,
                sum,
                count,
            } = s
            {
                let i = bounds
                    .iter()
                    .position(|b| value <= *b)
                    .unwrap_or(bounds.len());
                if let Some(b) = buckets.get_mut(i) {
                    *b += 1;
                }
                *sum += value;
                *count += 1;
            }
        });
    }

    fn update(
        &self,
        name: &'static str,
        help: &'static str,
        kind: Kind,
        bounds: &'static [f64],
        labels: &[(&'static str, &str)],
        apply: impl FnOnce(&mut Series),
    ) {
        let mut families = self.families.lock().unwrap_or_else(PoisonError::into_inner);
        let family = families.entry(name).or_insert_with(|| Family {
            help,
            kind,
            bounds,
            series: BTreeMap::new(),
        });
        if family.kind != kind {
            // A programming error (one name, two kinds); dropping the sample beats a panic.
            return;
        }
        let key: Labels = labels.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
        let series = family.series.entry(key).or_insert_with(|| match kind {
            Kind::Counter => Series::Counter(0),
            Kind::Histogram => Series::Histogram {
                buckets: vec![0; family.bounds.len() + 1],
                sum: 0.0,
                count: 0,
            },
        });
        apply(series);
    }

    /// Appends every family in the text format.
    pub fn render(&self, out: &mut String) {
        let families = self.families.lock().unwrap_or_else(PoisonError::into_inner);
        for (name, family) in families.iter() {
            let kind = match family.kind {
                Kind::Counter => "counter",
                Kind::Histogram => "histogram",
            };
            header(out, name, family.help, kind);
            for (labels, series) in &family.series {
                match series {
                    Series::Counter(n) => sample(out, name, "", labels, None, *n as f64),
                    Series::Histogram {
                        buckets,
                        sum,
                        count,
                    } => {
                        let mut cumulative = 0;
                        for (i, n) in buckets.iter().enumerate() {
                            cumulative += n;
                            let le = family
                                .bounds
                                .get(i)
                                .map_or_else(|| "+Inf".to_owned(), |b| format_value(*b));
                            sample(out, name, "_bucket", labels, Some(&le), cumulative as f64);
                        }
                        sample(out, name, "_sum", labels, None, *sum);
                        sample(out, name, "_count", labels, None, *count as f64);
                    }
                }
            }
        }
    }
}

/// `# HELP` and `# TYPE` lines.
pub fn header(out: &mut String, name: &str, help: &str, kind: &str) {
    let help = help.replace('\\', "\\\\").replace('\n', "\\n");
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

/// One sample line: `name{labels,le="…"} value`.
pub fn sample(
    out: &mut String,
    name: &str,
    suffix: &str,
    labels: &[(&'static str, String)],
    le: Option<&str>,
    value: f64,
) {
    out.push_str(name);
    out.push_str(suffix);
    let mut pairs: Vec<(&str, &str)> = labels.iter().map(|(k, v)| (*k, v.as_str())).collect();
    if let Some(le) = le {
        pairs.push(("le", le));
    }
    if !pairs.is_empty() {
        out.push('{');
        for (i, (k, v)) in pairs.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "{k}=\"{}\"", escape_label(v));
        }
        out.push('}');
    }
    out.push(' ');
    out.push_str(&format_value(value));
    out.push('\n');
}

fn escape_label(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

fn format_value(v: f64) -> String {
    if v.is_infinite() {
        if v > 0.0 { "+Inf" } else { "-Inf" }.to_owned()
    } else if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_and_histograms_render_in_text_format() {
        let r = Registry::new();
        r.count("t_requests_total", "Requests.", &[("route", "/a")], 2);
        r.count("t_requests_total", "Requests.", &[("route", "/a")], 1);
        r.count("t_requests_total", "Requests.", &[("route", "/b\"x")], 1);
        static B: &[f64] = &[0.1, 1.0];
        r.observe("t_seconds", "Latency.", B, &[], 0.05);
        r.observe("t_seconds", "Latency.", B, &[], 0.5);
        r.observe("t_seconds", "Latency.", B, &[], 5.0);
        let mut out = String::new();
        r.render(&mut out);
        assert!(out.contains("# TYPE t_requests_total counter\n"), "{out}");
        assert!(out.contains("t_requests_total{route=\"/a\"} 3\n"), "{out}");
        assert!(
            out.contains("t_requests_total{route=\"/b\\\"x\"} 1\n"),
            "{out}"
        );
        assert!(out.contains("# TYPE t_seconds histogram\n"), "{out}");
        assert!(out.contains("t_seconds_bucket{le=\"0.1\"} 1\n"), "{out}");
        assert!(out.contains("t_seconds_bucket{le=\"1\"} 2\n"), "{out}");
        assert!(out.contains("t_seconds_bucket{le=\"+Inf\"} 3\n"), "{out}");
        assert!(out.contains("t_seconds_sum 5.55\n"), "{out}");
        assert!(out.contains("t_seconds_count 3\n"), "{out}");
    }

    #[test]
    fn a_name_keeps_its_first_kind() {
        let r = Registry::new();
        r.count("t_x", "X.", &[], 1);
        r.observe("t_x", "X.", &[1.0], &[], 0.5);
        let mut out = String::new();
        r.render(&mut out);
        assert!(
            out.contains("t_x 1\n") && !out.contains("t_x_bucket"),
            "{out}"
        );
    }
}
