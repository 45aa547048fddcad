//! Lot photos from `images` (rows written by the image job): the first thumbnail of every lot
//! of a catalog page, in one query for the whole page, and a VIN page's gallery.
//!
//! Both return storage keys; `catalog::MediaBase` turns a key into its public URL when the page
//! is rendered. Both queries are ranges over the `(lot_id, seq, variant)` unique index.

use std::collections::HashMap;

use sqlx::PgPool;

use crate::catalog::{GalleryPhoto, LotCard};

/// The first (lowest `seq`) thumbnail of each of `lot_ids` that has one: `(lot_id, storage_key)`.
pub async fn first_thumbnails(pool: &PgPool, lot_ids: &[i64]) -> sqlx::Result<Vec<(i64, String)>> {
    if lot_ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = sqlx::query!(
        r#"
        SELECT DISTINCT ON (i.lot_id) i.lot_id, i.storage_key
        FROM images i
        WHERE i.lot_id = ANY($1) AND i.variant = 'thb'
        ORDER BY i.lot_id, i.seq
        "#,
        lot_ids
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.lot_id, r.storage_key))
        .collect())
}

/// Sets `thumb_key` on every card of a page from one query (never one per card).
pub async fn attach_thumbnails(pool: &PgPool, cards: &mut [LotCard]) -> sqlx::Result<()> {
    let ids: Vec<i64> = cards.iter().map(|c| c.id).collect();
    let mut thumbs: HashMap<i64, String> =
        first_thumbnails(pool, &ids).await?.into_iter().collect();
    for card in cards {
        card.thumb_key = thumbs.remove(&card.id);
    }
    Ok(())
}

/// One `images` row as the gallery needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRow {
    pub lot_id: i64,
    pub seq: i16,
    /// `thb` or `ful`.
    pub variant: String,
    pub storage_key: String,
}

/// The gallery of a VIN: the `ful` photos of the first lot of `lots_newest_first` that has any
/// (a relisted car is photographed again; the newest set is the current one), each with the
/// thumbnail of the same position when there is one.
pub async fn vin_gallery(
    pool: &PgPool,
    lots_newest_first: &[i64],
) -> sqlx::Result<Vec<GalleryPhoto>> {
    if lots_newest_first.is_empty() {
        return Ok(Vec::new());
    }
    let rows = sqlx::query_as!(
        ImageRow,
        r#"
        SELECT i.lot_id, i.seq, i.variant, i.storage_key
        FROM images i
        WHERE i.lot_id = ANY($1)
        ORDER BY i.lot_id, i.seq, i.variant
        "#,
        lots_newest_first
    )
    .fetch_all(pool)
    .await?;
    Ok(gallery_of(lots_newest_first, &rows))
}

/// Picks the gallery out of the images of several lots (see [`vin_gallery`]).
pub fn gallery_of(lots_newest_first: &[i64], rows: &[ImageRow]) -> Vec<GalleryPhoto> {
    let Some(lot) = lots_newest_first
        .iter()
        .find(|id| rows.iter().any(|r| r.lot_id == **id && r.variant == "ful"))
    else {
        return Vec::new();
    };
    let of_lot = |variant: &'static str| {
        rows.iter()
            .filter(move |r| r.lot_id == *lot && r.variant == variant)
    };
    let mut photos: Vec<GalleryPhoto> = of_lot("ful")
        .map(|r| GalleryPhoto {
            seq: r.seq,
            full_key: r.storage_key.clone(),
            thumb_key: of_lot("thb")
                .find(|t| t.seq == r.seq)
                .map(|t| t.storage_key.clone()),
        })
        .collect();
    photos.sort_by_key(|p| p.seq);
    photos
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(lot_id: i64, seq: i16, variant: &str) -> ImageRow {
        ImageRow {
            lot_id,
            seq,
            variant: variant.to_owned(),
            storage_key: format!("{lot_id}/{seq}_{variant}.jpg"),
        }
    }

    #[test]
    fn gallery_takes_the_newest_lot_with_full_photos() {
        // Lot 3 is newest but has only a thumbnail; lot 2 has two photos (one without a
        // thumbnail); lot 1 is older.
        let rows = vec![
            row(1, 1, "ful"),
            row(2, 2, "ful"),
            row(2, 1, "ful"),
            row(2, 1, "thb"),
            row(3, 1, "thb"),
        ];
        let g = gallery_of(&[3, 2, 1], &rows);
        assert_eq!(
            g,
            vec![
                GalleryPhoto {
                    seq: 1,
                    full_key: "2/1_ful.jpg".into(),
                    thumb_key: Some("2/1_thb.jpg".into()),
                },
                GalleryPhoto {
                    seq: 2,
                    full_key: "2/2_ful.jpg".into(),
                    thumb_key: None,
                },
            ]
        );
        assert!(gallery_of(&[3], &rows).is_empty());
        assert!(gallery_of(&[], &rows).is_empty());
    }
}
