//! The Atom feed of a catalog search (`/{lang}/cars.atom?…`, the catalog's own parameters): the
//! newest lots that match, newest first, so a visitor can follow a search without an account.
//! This module says what the feed holds, in the page's language (title, links, each entry's
//! title and summary, as the catalog card says them); the server writes it as XML.
//!
//! The feed of a search is the feed of its filters: order, page size and cursor are not part of
//! it (a feed is always the newest first), so every URL of one selection has one feed, whose
//! `id` is its canonical URL.

use chrono::{DateTime, Utc};
use vinops::catalog::badge::{self, PriceBadge};
use vinops::catalog::query::CatalogQuery;
use vinops::catalog::sort::{Direction, Sort, SortKey};
use vinops::catalog::{LotCard, MediaBase};
use vinops::status::SaleStatus;

use crate::format;
use crate::i18n::Lang;
use crate::seo_meta::{SiteUrl, absolute, catalog_canonical_query, catalog_title};
use crate::taxonomy::Taxon;

/// Entries a feed holds: enough for a reader polling every few hours on a busy search.
pub const FEED_SIZE: u16 = 50;

/// The catalog query a feed reads: the filters of `q`, the newest listed first.
pub fn feed_query(q: &CatalogQuery) -> CatalogQuery {
    CatalogQuery {
        sort: Sort {
            key: SortKey::Listed,
            dir: Direction::Desc,
        },
        limit: FEED_SIZE,
        ..q.clone()
    }
}

/// `/{lang}/cars.atom` with the filters of `q` (the feed's canonical path).
pub fn feed_path(lang: Lang, q: &CatalogQuery) -> String {
    let query = catalog_canonical_query(q);
    if query.is_empty() {
        format!("/{}/cars.atom", lang.code())
    } else {
        format!("/{}/cars.atom?{query}", lang.code())
    }
}

/// The whole feed.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedDoc {
    pub lang: Lang,
    /// The feed's canonical URL, also its `id`.
    pub self_url: String,
    /// The catalog page of the same filters.
    pub page_url: String,
    pub title: String,
    pub subtitle: String,
    /// The newest entry's time, or `fallback_updated` for an empty feed.
    pub updated: DateTime<Utc>,
    pub entries: Vec<FeedEntry>,
}

/// One lot.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEntry {
    /// `{VIN page URL}#lot-{lot number}`: one id per lot, stable across runs.
    pub id: String,
    pub url: String,
    pub title: String,
    /// When the lot first appeared in an export.
    pub published: DateTime<Utc>,
    pub summary: String,
    /// The lot's first photo, when it has one.
    pub image: Option<String>,
}

/// The feed of `q`'s filters from `items` (the page `feed_query(q)` read). `fallback_updated`
/// (the last data update, or any fixed time) dates a feed with no entries.
pub fn feed(
    lang: Lang,
    q: &CatalogQuery,
    items: &[LotCard],
    site: &SiteUrl,
    media: &MediaBase,
    fallback_updated: DateTime<Utc>,
) -> FeedDoc {
    let (title, subtitle) = catalog_title(lang, q);
    let canonical = catalog_canonical_query(q);
    let page_path = if canonical.is_empty() {
        format!("/{}/cars", lang.code())
    } else {
        format!("/{}/cars?{canonical}", lang.code())
    };
    let entries: Vec<FeedEntry> = items
        .iter()
        .map(|card| entry(lang, card, site, media))
        .collect();
    let updated = entries
        .iter()
        .map(|e| e.published)
        .max()
        .unwrap_or(fallback_updated);
    FeedDoc {
        lang,
        self_url: absolute(site, &feed_path(lang, q)),
        page_url: absolute(site, &page_path),
        title: format!("{title} — {}", lang.t().site_name),
        subtitle,
        updated,
        entries,
    }
}

fn entry(lang: Lang, card: &LotCard, site: &SiteUrl, media: &MediaBase) -> FeedEntry {
    let t = lang.t();
    let url = absolute(site, &format!("/{}/vin/{}", lang.code(), card.vin));
    let mut title = card.title();
    if let Some(trim) = card.trim.as_deref().filter(|s| !s.is_empty()) {
        title = format!("{title} {trim}");
    }
    let mut parts = vec![format!("{} {}", t.lot_number, card.lot_number)];
    if let Some(d) = card.damage_primary.as_deref() {
        parts.push(lang.taxon(Taxon::Damage, d).into_owned());
    }
    if let Some(mi) = card.odometer_mi {
        parts.push(format!(
            "{} {}",
            t.odometer,
            format::miles(i64::from(mi), lang)
        ));
    }
    let status = SaleStatus::from_db_str(&card.sale_status).unwrap_or(SaleStatus::Unknown);
    match badge::price_badge(
        status,
        card.current_bid_cents,
        card.buy_it_now_cents,
        card.est_retail_value_cents,
    ) {
        PriceBadge::Amount { label, cents } => parts.push(format!(
            "{} {}",
            (t.price_label)(label),
            format::usd(cents, lang)
        )),
        PriceBadge::Text(s) => parts.push((t.display_status)(s).to_owned()),
        PriceBadge::Hidden => {}
    }
    let auction = match (card.auction_at, card.sale_date) {
        (Some(at), _) => format::datetime_utc(at, lang),
        (None, Some(d)) => format::date(d, lang),
        (None, None) => t.not_scheduled.to_owned(),
    };
    parts.push(format!("{} {auction}", t.auction_date));
    let place: Vec<&str> = [
        card.location_city.as_deref(),
        card.location_state.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !place.is_empty() {
        parts.push(place.join(", "));
    }
    parts.push(format!("VIN {}", card.vin));
    FeedEntry {
        id: format!("{url}#lot-{}", card.lot_number),
        url,
        title,
        published: card.first_seen_at,
        summary: parts.join(" · "),
        image: card
            .thumb_key
            .as_deref()
            .map(|k| absolute(site, &media.url(k))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(lot: i64, seen_secs: i64) -> LotCard {
        LotCard {
            id: lot,
            lot_number: lot,
            vin: "1HGCM82633A004352".into(),
            year: Some(2019),
            make: Some("FORD".into()),
            model: Some("F150".into()),
            trim: Some("XLT".into()),
            damage_primary: Some("FRONT END".into()),
            odometer_mi: Some(45_000),
            location_city: Some("DALLAS".into()),
            location_state: Some("TX".into()),
            sale_date: None,
            auction_at: None,
            sale_status: "pure_sale".into(),
            current_bid_cents: 120_000,
            buy_it_now_cents: None,
            est_retail_value_cents: None,
            first_seen_at: DateTime::from_timestamp(seen_secs, 0).expect("t"),
            outcome: None,
            thumb_key: Some("photos/1/a.jpg".into()),
        }
    }

    #[test]
    fn one_feed_per_selection_whatever_the_order_and_cursor() {
        let q = CatalogQuery {
            make: Some("FORD".into()),
            sort: Sort {
                key: SortKey::Year,
                dir: Direction::Asc,
            },
            limit: 12,
            ..CatalogQuery::default()
        };
        assert_eq!(feed_path(Lang::Ru, &q), "/ru/cars.atom?make=FORD");
        assert_eq!(
            feed_path(Lang::En, &CatalogQuery::default()),
            "/en/cars.atom"
        );
        let f = feed_query(&q);
        assert_eq!(
            (f.sort.key, f.sort.dir, f.limit),
            (SortKey::Listed, Direction::Desc, FEED_SIZE)
        );
        assert_eq!(f.make.as_deref(), Some("FORD"));
    }

    #[test]
    fn entries_say_what_the_card_says_in_the_feeds_language() {
        let site = SiteUrl::new("https://vinops.example");
        let media = MediaBase::new("/media");
        let q = CatalogQuery {
            make: Some("FORD".into()),
            ..CatalogQuery::default()
        };
        let fallback = DateTime::from_timestamp(1, 0).expect("t");
        let doc = feed(
            Lang::Ru,
            &q,
            &[card(7, 2_000_000_000), card(8, 1_900_000_000)],
            &site,
            &media,
            fallback,
        );
        assert_eq!(
            doc.self_url,
            "https://vinops.example/ru/cars.atom?make=FORD"
        );
        assert_eq!(doc.page_url, "https://vinops.example/ru/cars?make=FORD");
        assert_eq!(
            doc.updated,
            DateTime::from_timestamp(2_000_000_000, 0).expect("t")
        );
        let e = &doc.entries[0];
        assert_eq!(
            e.id,
            "https://vinops.example/ru/vin/1HGCM82633A004352#lot-7"
        );
        assert_eq!(e.title, "2019 FORD F150 XLT");
        assert!(e.summary.contains("TX") && e.summary.contains("VIN 1HGCM82633A004352"));
        assert!(
            !e.summary.contains("FRONT END"),
            "damage translated: {}",
            e.summary
        );
        assert_eq!(
            e.image.as_deref(),
            Some("https://vinops.example/media/photos/1/a.jpg")
        );
        let empty = feed(Lang::En, &q, &[], &site, &media, fallback);
        assert_eq!((empty.entries.len(), empty.updated), (0, fallback));
    }
}
