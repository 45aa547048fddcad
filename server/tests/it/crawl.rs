//! A crawl of the whole site from `/`, as a search engine does it: every internal link of every
//! page (anchors, canonical and alternate links) that `robots.txt` allows must answer 200, or a
//! documented 301/308 to a page that answers 200, or 410 for a VIN removed on request. And every
//! VIN page must be reached by following links from `/` (through the catalog's pages or the
//! make/model hubs). What robots.txt keeps crawlers from (the feeds, rate-limited for readers,
//! and the form posts) has tests of its own.

use crate::common;

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use common::{TestApp, TestDb};

/// More pages than this means the site generates links without end (a crawler trap).
const MAX_PAGES: usize = 6000;

/// The internal links of a page: `href="…"` values on this site, without fragments, with the
/// HTML escapes the renderer writes undone. Assets (`/pkg`, fonts, images) are the e2e tests'.
fn links(html: &str, site: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|raw| {
            raw.replace("&amp;", "&")
                .replace("&#x27;", "'")
                .replace("&quot;", "\"")
        })
        .filter_map(|href| {
            let href = href.split('#').next().unwrap_or_default().to_owned();
            let path = href.strip_prefix(site).map(str::to_owned).unwrap_or(href);
            path.starts_with('/').then_some(path)
        })
        .filter(|p| !p.starts_with("//"))
        .filter(|p| {
            !(p.starts_with("/pkg/")
                || p.starts_with("/fonts/")
                || p.starts_with("/media/")
                || p.ends_with(".svg"))
        })
        .collect()
}

/// The `Disallow:` patterns of a robots.txt (`*` matches any run of characters; a pattern
/// matches a path it is a prefix of, as Google reads them).
fn disallowed(robots: &str) -> Vec<String> {
    robots
        .lines()
        .filter_map(|l| l.strip_prefix("Disallow:"))
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

fn matches(pattern: &str, path: &str) -> bool {
    let mut pieces = pattern.split('*');
    let Some(first) = pieces.next() else {
        return true;
    };
    let Some(mut rest) = path.strip_prefix(first) else {
        return false;
    };
    for piece in pieces {
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    true
}

#[test]
fn robots_patterns_match_as_crawlers_read_them() {
    assert!(matches("/*/cars.atom", "/en/cars.atom?make=FORD"));
    assert!(matches("/api/", "/api/v1/search"));
    assert!(!matches("/*/cars.atom", "/en/cars?make=FORD"));
    assert!(!matches("/admin/", "/en/admin/"));
}

#[tokio::test]
async fn every_internal_link_works_and_every_vin_is_reachable() {
    let db = TestDb::with_demo(5, 150).await;
    let etl = db.etl().await;
    let removed: String = sqlx::query_scalar("SELECT vin FROM vehicles ORDER BY vin LIMIT 1")
        .fetch_one(&etl)
        .await
        .expect("a vin");
    let vin = vinops::vin::Vin::parse(&removed).expect("vin");
    server::suppress::suppress(&etl, &vin, "crawl test", "test")
        .await
        .expect("suppress");
    let app: TestApp = TestApp::spawn(db).await;
    let site = format!("http://{}", app.addr);

    let robots = app.page("/robots.txt").await;
    let rules = disallowed(&robots);
    let mut skipped = 0;
    let mut queue = VecDeque::from(["/".to_owned()]);
    let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
    // Where each URL was first found, for the failure message.
    let mut found_on: BTreeMap<String, String> = BTreeMap::new();
    let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
    let mut broken = Vec::new();
    let mut ok_pages = BTreeSet::new();
    while let Some(path) = queue.pop_front() {
        assert!(
            seen.len() <= MAX_PAGES,
            "more than {MAX_PAGES} URLs: a crawler trap?"
        );
        // A 503 with Retry-After is "come back later", which a crawler does, not a broken link:
        // on a loaded 2-core machine a page can meet the web role's 2 s statement timeout.
        let res = app.get_settled(&path).await;
        let status = res.status().as_u16();
        *statuses.entry(status).or_default() += 1;
        let mut next = Vec::new();
        match status {
            200 => {
                let html = res.text().await.expect("body");
                next = links(&html, &site);
                ok_pages.insert(path.clone());
            }
            301 | 308 => {
                let to = res.headers()["location"]
                    .to_str()
                    .expect("ascii")
                    .to_owned();
                next.push(to);
            }
            410 if path.ends_with(&format!("/vin/{removed}")) => {}
            _ => broken.push(format!(
                "{path} → {status} (linked from {})",
                found_on.get(&path).map_or("-", String::as_str)
            )),
        }
        for link in next {
            if rules.iter().any(|r| matches(r, &link)) {
                skipped += 1;
                continue;
            }
            if seen.insert(link.clone()) {
                found_on.insert(link.clone(), path.clone());
                queue.push_back(link);
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));

    // Every VIN page, in both languages, was reached by links alone.
    let vins: Vec<String> = sqlx::query_scalar(
        "SELECT vin FROM vehicles v WHERE NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.vin = v.vin)",
    )
    .fetch_all(&app.db.owner().await)
    .await
    .expect("vins");
    assert!(vins.len() > 100);
    let unreached: Vec<String> = app::i18n::Lang::ALL
        .map(app::i18n::Lang::code)
        .iter()
        .flat_map(|lang| vins.iter().map(move |v| format!("/{lang}/vin/{v}")))
        .filter(|p| !ok_pages.contains(p))
        .collect();
    assert!(
        unreached.is_empty(),
        "VIN pages no link leads to: {unreached:?}"
    );
    // The walk went through the hubs too, and saw the removed VIN's 410 only if linked (it is
    // not: it left every listing).
    assert!(ok_pages.iter().any(|p| p.starts_with("/en/cars/")));
    assert!(!ok_pages.contains(&format!("/en/vin/{removed}")));
    assert!(
        skipped > 0,
        "the catalog links its feed, which robots.txt keeps crawlers from"
    );
    eprintln!(
        "crawl: {} URLs, statuses {statuses:?}, {skipped} links robots.txt disallows",
        seen.len()
    );
}
