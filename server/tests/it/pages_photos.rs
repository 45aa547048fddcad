//! Lot photos on the pages, from real `images` rows: each catalog card shows its lot's first
//! thumbnail (lowest seq) at `{MEDIA_BASE_URL}/{storage_key}`, other cards the placeholder; the
//! VIN page's gallery lists the newest photographed lot's full images in order, each linking to
//! its file, with the thumbnail of the same position (or the full image when there is none).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{TestApp, TestDb};
use sqlx::PgPool;

async fn add_image(owner: &PgPool, lot_id: i64, seq: i16, variant: &str, key: &str) {
    sqlx::query(
        "INSERT INTO images (lot_id, seq, variant, storage_key, sha256, bytes, source_url)
         VALUES ($1, $2, $3, $4, sha256(convert_to($4, 'UTF8')), 100, 'test')",
    )
    .bind(lot_id)
    .bind(seq)
    .bind(variant)
    .bind(key)
    .execute(owner)
    .await
    .expect("insert image");
}

/// The `<li data-testid="lot-card">` of the card whose lot number is `lot`.
fn card(html: &str, lot: i64) -> &str {
    let at = html
        .find(&format!(
            "data-testid=\"lot-number\" class=\"font-mono\">{lot}<"
        ))
        .expect("card on the page");
    let start = html[..at].rfind("<li").expect("card start");
    let end = at + html[at..].find("</li>").expect("card end");
    &html[start..end]
}

#[tokio::test]
async fn catalog_thumbnails_and_vin_gallery_come_from_images() {
    let db = TestDb::with_demo(7, 60).await;
    let owner = db.owner().await;
    let first: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT id, lot_number, vin FROM lots ORDER BY auction_at ASC NULLS LAST, id LIMIT 3",
    )
    .fetch_all(&owner)
    .await
    .unwrap();
    let (a, b, c) = (&first[0], &first[1], &first[2]);
    // Lot a: positions 2 and 1 (inserted out of order), thumbnails of both; lot b: a full image
    // without a thumbnail; lot c: nothing.
    add_image(&owner, a.0, 2, "thb", "lots/a/2_thb.jpg").await;
    add_image(&owner, a.0, 2, "ful", "lots/a/2_ful.jpg").await;
    add_image(&owner, a.0, 1, "ful", "lots/a/1_ful.jpg").await;
    add_image(&owner, a.0, 1, "thb", "lots/a/1_thb.jpg").await;
    add_image(&owner, b.0, 1, "ful", "lots/b/1_ful.jpg").await;
    let app = TestApp::spawn(db).await;

    let res = app.get("/en/cars").await;
    assert_eq!(res.status().as_u16(), 200);
    let html = res.text().await.unwrap();
    let card_a = card(&html, a.1);
    assert!(
        card_a.contains("src=\"/media/lots/a/1_thb.jpg\""),
        "first thumbnail by seq: {card_a}"
    );
    assert!(card_a.contains("loading=\"lazy\""));
    assert!(card_a.contains("width=\"320\" height=\"240\""));
    assert!(!card_a.contains("card-photo-placeholder"));
    for (lot, what) in [(b, "no thumbnail"), (c, "no image")] {
        let other = card(&html, lot.1);
        assert!(other.contains("card-photo-placeholder"), "{what}");
        assert!(!other.contains("<img"), "{what}");
    }
    assert_eq!(html.matches("data-testid=\"card-photo\"").count(), 1);

    let vin_a = app
        .get(&format!("/ru/vin/{}", a.2))
        .await
        .text()
        .await
        .unwrap();
    let main = vin_a
        .find("data-testid=\"gallery-main\"")
        .expect("main image");
    assert!(vin_a[..main].contains("href=\"/media/lots/a/1_ful.jpg\""));
    let thumbs: Vec<&str> = vin_a
        .split("data-testid=\"gallery-thumb\"")
        .skip(1)
        .collect();
    assert_eq!(thumbs.len(), 2);
    assert!(thumbs[0].contains("src=\"/media/lots/a/1_thb.jpg\""));
    assert!(thumbs[1].contains("src=\"/media/lots/a/2_thb.jpg\""));
    assert!(vin_a.contains("href=\"/media/lots/a/2_ful.jpg\""));
    assert!(vin_a.contains("Фото 2 из 2"), "localized alt text");

    let vin_b = app
        .get(&format!("/en/vin/{}", b.2))
        .await
        .text()
        .await
        .unwrap();
    let thumb = vin_b
        .split("data-testid=\"gallery-thumb\"")
        .nth(1)
        .expect("one thumbnail");
    assert!(
        thumb.contains("src=\"/media/lots/b/1_ful.jpg\""),
        "the full image stands in for a missing thumbnail"
    );

    let vin_c = app
        .get(&format!("/en/vin/{}", c.2))
        .await
        .text()
        .await
        .unwrap();
    assert!(vin_c.contains("Photos will appear here"));
    assert!(!vin_c.contains("gallery-main"));
}

#[tokio::test]
async fn photos_link_to_the_configured_media_base() {
    let db = TestDb::with_demo(7, 20).await;
    let owner = db.owner().await;
    let (lot_id, vin): (i64, String) =
        sqlx::query_as("SELECT id, vin FROM lots ORDER BY auction_at ASC NULLS LAST, id LIMIT 1")
            .fetch_one(&owner)
            .await
            .unwrap();
    add_image(&owner, lot_id, 1, "thb", "lots/x/1_thb.jpg").await;
    add_image(&owner, lot_id, 1, "ful", "lots/x/1_ful.jpg").await;
    // A trailing slash, as an operator may well write it.
    let app = TestApp::builder(db)
        .with_media_base("https://img.example.test/photos/")
        .spawn()
        .await;

    let catalog = app.page("/en/cars").await;
    assert!(
        catalog.contains("src=\"https://img.example.test/photos/lots/x/1_thb.jpg\""),
        "catalog thumbnail on the configured base"
    );
    let page = app.page(&format!("/en/vin/{vin}")).await;
    assert!(page.contains("href=\"https://img.example.test/photos/lots/x/1_ful.jpg\""));
    assert!(page.contains("src=\"https://img.example.test/photos/lots/x/1_thb.jpg\""));
    assert!(
        page.contains(
            "<meta property=\"og:image\" content=\"https://img.example.test/photos/lots/x/1_ful.jpg\""
        ),
        "og:image on the configured base"
    );
    for html in [&catalog, &page] {
        assert!(!html.contains("/media/lots/x/"), "no default base left");
    }
}
