//! The simulated Copart photo API over real HTTP: the JSON shape of reference §6.1, the JPEGs
//! behind its links, 404 lots, the http→https-style redirect, throttling and server errors.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use server::simulator::{
    LotImages, PhotoConfig, PhotoFault, PhotoFaults, PhotoSize, SimConfig, spawn, spawn_photos,
};

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

fn addr() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 0))
}

/// A lot number with photos and one without, by the simulator's own rule.
fn lots(sim: &server::simulator::PhotoSim) -> (u32, u32) {
    let with = (47_000_000..)
        .find(|l| sim.photo_count(*l) > 0)
        .expect("some");
    let without = (47_000_000..)
        .find(|l| sim.photo_count(*l) == 0)
        .expect("some");
    (with, without)
}

#[tokio::test]
async fn metadata_in_the_real_shape_and_the_jpegs_behind_it() {
    let h = spawn_photos(PhotoConfig::default(), addr())
        .await
        .expect("spawn");
    let (lot, _) = lots(&h.sim);
    let c = client();
    let url = format!(
        "{}/v1/lotImages/{lot}?country=us&brand=cprt&yardNumber=72",
        h.base_url()
    );
    // Like Copart's http URL: a 302 to the "https" one, query kept.
    let r = c.get(&url).send().await.expect("request");
    assert_eq!(r.status(), 302);
    let to = r.headers()["location"].to_str().expect("ascii").to_owned();
    assert!(
        to.ends_with(&format!(
            "/https/v1/lotImages/{lot}?country=us&brand=cprt&yardNumber=72"
        )),
        "{to}"
    );
    let r = c.get(&to).send().await.expect("request");
    assert_eq!(r.status(), 200);
    let raw: serde_json::Value = r.json().await.expect("json");
    let first = &raw["lotImages"][0];
    assert_eq!(first["sequence"], 1);
    assert_eq!(first["link"].as_array().expect("links").len(), 3);
    for key in ["url", "isThumbNail", "isHdImage"] {
        assert!(first["link"][0].get(key).is_some(), "{key} missing");
    }
    let doc: LotImages = serde_json::from_value(raw).expect("shape");
    assert_eq!(doc.lot_images.len(), usize::from(h.sim.photo_count(lot)));
    for img in &doc.lot_images {
        let suffixes: Vec<&str> = img.link.iter().map(|l| &l.url[l.url.len() - 8..]).collect();
        assert_eq!(suffixes, ["_thb.jpg", "_ful.jpg", "_hrs.jpg"]);
        assert!(img.link[0].is_thumb_nail && !img.link[0].is_hd_image);
        assert!(img.link[2].is_hd_image);
    }
    let link = &doc.lot_images[1].link[1];
    let r = c.get(&link.url).send().await.expect("image");
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    let bytes = r.bytes().await.expect("body");
    assert_eq!(&bytes[..2], &[0xFF, 0xD8]);
    assert_eq!(bytes, h.sim.image(lot, 2, PhotoSize::Full).expect("truth"));
    // A sequence the lot does not have.
    let past = link.url.replace(
        "/2_ful.jpg",
        &format!("/{}_ful.jpg", h.sim.photo_count(lot) + 1),
    );
    assert_eq!(c.get(&past).send().await.expect("request").status(), 404);
    h.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn lots_without_photos_answer_404() {
    let mut cfg = PhotoConfig::default();
    cfg.faults.redirect = false;
    let h = spawn_photos(cfg, addr()).await.expect("spawn");
    let (_, lot) = lots(&h.sim);
    let url = format!(
        "{}/v1/lotImages/{lot}?country=us&brand=cprt&yardNumber=1",
        h.base_url()
    );
    assert_eq!(
        client().get(&url).send().await.expect("request").status(),
        404
    );
    assert_eq!(h.sim.stats().not_found, 1);
}

#[tokio::test]
async fn throttling_server_errors_and_slow_answers() {
    let h = spawn_photos(PhotoConfig::default(), addr())
        .await
        .expect("spawn");
    let (lot, _) = lots(&h.sim);
    let c = client();
    let url = format!("{}/https/v1/lotImages/{lot}", h.base_url());
    h.sim.fault_next(
        PhotoFault::Throttle {
            retry_after_secs: 7,
        },
        1,
    );
    let r = c.get(&url).send().await.expect("request");
    assert_eq!(r.status(), 429);
    assert_eq!(r.headers()["retry-after"], "7");
    h.sim.fault_next(PhotoFault::ServerError, 1);
    assert_eq!(c.get(&url).send().await.expect("request").status(), 503);
    h.sim.fault_next(PhotoFault::Slow { delay_ms: 400 }, 1);
    let started = Instant::now();
    assert_eq!(c.get(&url).send().await.expect("request").status(), 200);
    assert!(started.elapsed() >= Duration::from_millis(400));
    assert_eq!(c.get(&url).send().await.expect("request").status(), 200);

    // Shares, set over the control endpoint like the export's faults.
    let r = c
        .post(format!("{}/__sim/photo_faults", h.base_url()))
        .json(&PhotoFaults {
            error_rate: 1.0,
            ..PhotoFaults::default()
        })
        .send()
        .await
        .expect("control");
    assert_eq!(r.status(), 204);
    assert_eq!(c.get(&url).send().await.expect("request").status(), 503);
    let stats = h.sim.stats();
    assert_eq!(
        (stats.throttled, stats.server_errors, stats.slow),
        (1, 2, 1)
    );
}

#[tokio::test]
async fn the_export_simulator_can_point_image_urls_at_itself() {
    let mut cfg = SimConfig::new(5, 20);
    cfg.photos_here = true;
    let sim = spawn(cfg, addr()).await.expect("spawn");
    let export = sim.export();
    let text = String::from_utf8_lossy(&export.bytes);
    let base = format!("http://{}/v1/lotImages/", sim.addr);
    assert_eq!(text.matches(&base).count(), 20, "every row's Image URL");
    // And answers them.
    let line = text.lines().nth(1).expect("a row");
    let start = line.find(&base).expect("url");
    let url: String = line[start..]
        .chars()
        .take_while(|c| *c != ',' && *c != '"')
        .collect();
    let r = reqwest::get(&url)
        .await
        .expect("request (redirect followed)");
    assert!(r.status() == 200 || r.status() == 404, "{}", r.status());
    sim.shutdown().await.expect("shutdown");
}
