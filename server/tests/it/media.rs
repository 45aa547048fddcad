//! `/media/{key}` through the real router: stored photos with long immutable caching and the
//! right type, 404 for missing keys, and no way out of the media directory (`..`, `%2e%2e`,
//! absolute paths, backslashes), sent as raw HTTP so no client normalises them first.

use crate::common;
use crate::s3_child;

use std::io::{Read, Write};
use std::net::TcpStream;

use common::{TestApp, TestDb, files};

/// The raw status line and body of `GET {path}`, the path sent byte for byte.
fn raw_get(addr: std::net::SocketAddr, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .expect("timeout");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut out = Vec::new();
    // A server that keeps the connection open after its answer ends the read with a timeout.
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
}

#[tokio::test]
async fn media_serves_stored_photos_and_nothing_else() {
    let root = std::env::temp_dir().join(format!(
        "vinops-media-test-{}",
        uuid::Uuid::new_v4().simple()
    ));
    let media = root.join("media");
    std::fs::create_dir_all(media.join("lots/47704465")).expect("dirs");
    std::fs::write(media.join("lots/47704465/1_thb.jpg"), b"\xFF\xD8\xFFjpeg").expect("photo");
    // A file next to the media directory that must never be reachable.
    std::fs::write(root.join("secret.txt"), b"TOP-SECRET").expect("secret");

    let app = TestApp::builder(TestDb::new().await)
        .with_media_dir(media.clone())
        .spawn()
        .await;
    let r = app.get("/media/lots/47704465/1_thb.jpg").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    assert_eq!(
        r.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(r.bytes().await.expect("body").as_ref(), b"\xFF\xD8\xFFjpeg");
    assert_eq!(
        app.get("/media/lots/47704465/2_thb.jpg").await.status(),
        404
    );
    assert_eq!(
        app.get("/media/lots/47704465").await.status(),
        404,
        "a directory"
    );

    for path in [
        "/media/../secret.txt",
        "/media/lots/../../secret.txt",
        "/media/%2e%2e/secret.txt",
        "/media/%2E%2E/secret.txt",
        "/media/lots/%2e%2e/%2e%2e/secret.txt",
        "/media/..%2fsecret.txt",
        "/media/..%5csecret.txt",
        "/media/..\\secret.txt",
        "/media/lots\\..\\..\\secret.txt",
        "/media//etc/passwd",
        "/media/%2fetc%2fpasswd",
        &format!("/media/{}", root.join("secret.txt").display()),
        &format!(
            "/media/%2f{}",
            root.join("secret.txt")
                .display()
                .to_string()
                .trim_start_matches('/')
        ),
        "/media/./lots/47704465/1_thb.jpg",
    ] {
        // Blocking I/O off the runtime's thread, which also runs the server.
        let (addr, p) = (app.addr, path.to_owned());
        let (status, text) = tokio::task::spawn_blocking(move || raw_get(addr, &p))
            .await
            .expect("raw request");
        assert!(!text.contains("TOP-SECRET"), "{path} leaked the file");
        assert!(!text.contains("root:"), "{path} leaked /etc/passwd");
        assert!(status == 404 || status == 400, "{path}: {status}");
    }
    std::fs::remove_dir_all(&root).ok();
}

#[tokio::test]
async fn without_a_local_store_media_is_404() {
    // Photos in a bucket: pages link to its public URL, and `/media` serves nothing.
    let s3 = s3_child::S3Child::start();
    let app = TestApp::builder(TestDb::new().await)
        .with_storage(s3.bucket().await)
        .spawn()
        .await;
    assert_eq!(app.get("/media/lots/1/1_thb.jpg").await.status(), 404);
}

#[tokio::test]
async fn a_suppressed_vins_photos_answer_410_and_come_back_when_lifted() {
    let db = TestDb::new().await;
    let f = files::write_lots(&files::lots_of(11, 20), false, false);
    files::ingest(&db.etl().await, &f).await;
    let owner = db.owner().await;
    let (lot_number, vin): (i64, String) =
        sqlx::query_as("SELECT lot_number, vin FROM lots ORDER BY lot_number LIMIT 1")
            .fetch_one(&owner)
            .await
            .expect("a lot");
    let media = std::env::temp_dir().join(format!(
        "vinops-media-supp-{}",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(media.join(format!("lots/{lot_number}"))).expect("dirs");
    std::fs::write(
        media.join(format!("lots/{lot_number}/1_ful.jpg")),
        b"\xFF\xD8\xFFjpeg",
    )
    .expect("photo");
    let path = format!("/media/lots/{lot_number}/1_ful.jpg");
    let app = TestApp::builder(db)
        .with_media_dir(media.clone())
        .spawn()
        .await;
    assert_eq!(app.get(&path).await.status(), 200);

    sqlx::query("INSERT INTO suppressions (vin, reason) VALUES ($1, 'owner asked')")
        .bind(&vin)
        .execute(&owner)
        .await
        .expect("suppress");
    let r = app.get(&path).await;
    assert_eq!(r.status(), 410);
    assert_eq!(r.headers()["cache-control"], "no-store");

    sqlx::query("DELETE FROM suppressions WHERE vin = $1")
        .bind(&vin)
        .execute(&owner)
        .await
        .expect("unsuppress");
    assert_eq!(app.get(&path).await.status(), 200);
    std::fs::remove_dir_all(&media).ok();
}
