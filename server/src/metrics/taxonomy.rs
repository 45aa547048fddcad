//! `/metrics` families of the Copart values pages showed raw for want of a name in the page's
//! language, read from the app's process-wide tally (`app::taxonomy::untranslated`).

use super::registry;

/// The taxonomy values shown untranslated: how often, and how many distinct ones (each is
/// logged once, with the value, by the app).
pub(super) fn render(out: &mut String) {
    let all = app::taxonomy::untranslated::untranslated();
    let labels = |u: &app::taxonomy::untranslated::Untranslated| {
        [
            ("lang", u.lang.code().to_owned()),
            ("kind", u.kind.slug().to_owned()),
        ]
    };
    registry::header(
        out,
        "vinops_untranslated_taxonomy_total",
        "Copart values (damage, body style, colour, ...) shown as exported because the page's language has no name for them, by language and kind.",
        "counter",
    );
    for u in &all {
        let name = "vinops_untranslated_taxonomy_total";
        registry::sample(out, name, "", &labels(u), None, u.shown as f64);
    }
    registry::header(
        out,
        "vinops_untranslated_taxonomy_values",
        "Distinct Copart values without a name in the page's language seen since start, by language and kind (each logged once).",
        "gauge",
    );
    for u in &all {
        let name = "vinops_untranslated_taxonomy_values";
        registry::sample(out, name, "", &labels(u), None, u.values as f64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metrics() -> String {
        let mut out = String::new();
        render(&mut out);
        out
    }

    #[test]
    fn untranslated_taxonomy_values_are_exposed() {
        use app::i18n::Lang;
        use app::taxonomy::Taxon;
        let series = |text: &str, name: &str| -> f64 {
            let prefix = format!("{name}{{lang=\"ru\",kind=\"color\"}} ");
            let line = text.lines().find(|l| l.starts_with(&prefix)).expect(name);
            line[prefix.len()..].parse().expect("a number")
        };
        let before = metrics();
        let shown = Lang::Ru.taxon(Taxon::Color, "METRICS TEST MAUVE-ISH");
        assert_eq!(shown, "METRICS TEST MAUVE-ISH");
        let after = metrics();
        for name in [
            "vinops_untranslated_taxonomy_total",
            "vinops_untranslated_taxonomy_values",
        ] {
            assert!(
                series(&after, name) >= series(&before, name) + 1.0,
                "{name}: {after}"
            );
        }
        assert!(after.contains("# TYPE vinops_untranslated_taxonomy_values gauge\n"));
        assert!(
            after.contains("vinops_untranslated_taxonomy_total{lang=\"en\",kind=\"title_type\"} ")
        );
        assert!(!after.contains("{lang=\"en\",kind=\"damage\"}"));
    }
}
