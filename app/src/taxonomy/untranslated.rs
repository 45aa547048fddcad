//! The values shown raw for want of a name (server only): counted per language and kind, and
//! logged once per value, for `/metrics` (`server::metrics` reads [`untranslated`]).
//!
//! Process-wide, like the job and ETL counters: rendering has no app state at hand, and the
//! names are the same for every app in the process. Values come from the export (data we do
//! not control), so the set of values already logged is capped: past the cap a new value is
//! still counted as shown, but no longer logged or added to the distinct count.

use std::collections::{HashMap, HashSet};
use std::sync::{LazyLock, Mutex, PoisonError};

use super::{Taxon, needs_names};
use crate::i18n::Lang;

/// Distinct values remembered (and logged); a real export has a few dozen unnamed at most.
const MAX_DISTINCT: usize = 10_000;
/// A logged value is cut to this many characters.
const MAX_LOGGED_CHARS: usize = 80;

#[derive(Default)]
struct State {
    /// Times a raw value was shown, per (language, kind).
    shown: HashMap<(Lang, Taxon), u64>,
    /// Distinct raw values seen, per (language, kind).
    distinct: HashMap<(Lang, Taxon), u64>,
    seen: HashSet<(Lang, Taxon, String)>,
}

static STATE: LazyLock<Mutex<State>> = LazyLock::new(|| Mutex::new(State::default()));

/// Engine texts with a digit are sizes and cylinders, the same in every language.
fn is_figure(kind: Taxon, raw: &str) -> bool {
    kind == Taxon::Engine && raw.bytes().any(|b| b.is_ascii_digit())
}

/// Counts `raw`, a value of `kind` shown raw in `lang` for want of a name, and logs it the
/// first time; nothing when the language needs no name for it (English's own English, blanks,
/// engine figures).
pub(super) fn record(lang: Lang, kind: Taxon, raw: &str) {
    if !needs_names(lang, kind) || raw.trim().is_empty() || is_figure(kind, raw) {
        return;
    }
    let value = super::key(raw);
    let first = {
        let mut s = STATE.lock().unwrap_or_else(PoisonError::into_inner);
        *s.shown.entry((lang, kind)).or_default() += 1;
        let first = s.seen.len() < MAX_DISTINCT && s.seen.insert((lang, kind, value.clone()));
        if first {
            *s.distinct.entry((lang, kind)).or_default() += 1;
        }
        first
    };
    if first {
        let value: String = value.chars().take(MAX_LOGGED_CHARS).collect();
        tracing::warn!(
            lang = lang.code(),
            kind = kind.slug(),
            value = ?value,
            "Copart value without a name in this language: shown as exported"
        );
    }
}

/// What [`untranslated`] reports for one language and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Untranslated {
    pub lang: Lang,
    pub kind: Taxon,
    /// Times a value of this kind was shown raw in this language.
    pub shown: u64,
    /// Distinct such values (up to the cap).
    pub values: u64,
}

/// Every (language, kind) that needs names, in a fixed order, zeros included (so a series
/// exists before its first event).
pub fn untranslated() -> Vec<Untranslated> {
    let s = STATE.lock().unwrap_or_else(PoisonError::into_inner);
    Lang::ALL
        .iter()
        .flat_map(|lang| Taxon::ALL.iter().map(move |kind| (*lang, *kind)))
        .filter(|(lang, kind)| needs_names(*lang, *kind))
        .map(|(lang, kind)| Untranslated {
            lang,
            kind,
            shown: s.shown.get(&(lang, kind)).copied().unwrap_or(0),
            values: s.distinct.get(&(lang, kind)).copied().unwrap_or(0),
        })
        .collect()
}

/// Whether `raw` of `kind` was seen without a name in `lang` (for tests).
pub fn was_seen(lang: Lang, kind: Taxon, raw: &str) -> bool {
    let s = STATE.lock().unwrap_or_else(PoisonError::into_inner);
    s.seen.contains(&(lang, kind, super::key(raw)))
}
