//! The simulated Copart photo API over real https (a CA of its own): the JSON shape of Copart's
//! `lotImages` answer, the JPEGs behind its links, 404 lots, the http→https-style redirect,
//! throttling and server errors, and the hostile answers the images job's tests use.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use vinops_dev::simulator::{
    Hostile, HostileBody, LotImages, PHOTO_HOST, PhotoConfig, PhotoEndpoints, PhotoFault,
    PhotoFaults, PhotoSize, SimConfig, spawn, spawn_photos,
};

/// A plain reqwest client (no rules of the images job) that trusts the simulator's CA and
/// finds its names at its address.
fn client_with(e: &PhotoEndpoints, redirect: reqwest::redirect::Policy) -> reqwest::Client {
    let ca = reqwest::Certificate::from_pem_bundle(e.ca_pem().as_bytes()).expect("CA");
    reqwest::Client::builder()
        .redirect(redirect)
        .tls_certs_merge(ca)
        .resolve(PHOTO_HOST, SocketAddr::new(e.https.ip(), 0))
        .resolve("other.sim.test", SocketAddr::new(e.https.ip(), 0))
        .build()
        .expect("client")
}

fn client(e: &PhotoEndpoints) -> reqwest::Client {
    client_with(e, reqwest::redirect::Policy::none())
}

fn addr() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 0))
}

/// A lot number with photos and one without, by the simulator's own rule.
fn lots(sim: &vinops_dev::simulator::PhotoSim) -> (u32, u32) {
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
    let c = client(&h.endpoints);
    let url = format!(
        "{}/v1/lotImages/{lot}?country=us&brand=cprt&yardNumber=72",
        h.base_url()
    );
    assert!(url.starts_with("https://photos.sim.test:"), "{url}");
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
        client(&h.endpoints)
            .get(&url)
            .send()
            .await
            .expect("request")
            .status(),
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
    let c = client(&h.endpoints);
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
    let base = format!("{}/v1/lotImages/", sim.photo_endpoints.base_url());
    assert!(base.starts_with("https://photos.sim.test:"), "{base}");
    assert_eq!(text.matches(&base).count(), 20, "every row's Image URL");
    // And answers them.
    let line = text.lines().nth(1).expect("a row");
    let start = line.find(&base).expect("url");
    let url: String = line[start..]
        .chars()
        .take_while(|c| *c != ',' && *c != '"')
        .collect();
    let r = client_with(&sim.photo_endpoints, reqwest::redirect::Policy::limited(3))
        .get(&url)
        .send()
        .await
        .expect("request (redirect followed)");
    assert!(r.status() == 200 || r.status() == 404, "{}", r.status());
    sim.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn https_with_a_certificate_only_its_own_ca_vouches_for() {
    let h = spawn_photos(PhotoConfig::default(), addr())
        .await
        .expect("spawn");
    let (lot, _) = lots(&h.sim);
    let path = format!("/https/v1/lotImages/{lot}");
    // Without the CA: refused by the client's TLS, whatever the name.
    let stranger = reqwest::Client::builder()
        .resolve(PHOTO_HOST, h.addr)
        .build()
        .expect("client");
    let e = stranger
        .get(format!("{}{path}", h.base_url()))
        .send()
        .await
        .expect_err("untrusted");
    assert!(e.is_connect(), "{e:?}");
    // With it: the photo host, any other *.sim.test name and 127.0.0.1 itself, so a refusal in
    // the images job's tests is the job's doing, never the certificate's.
    let c = client(&h.endpoints);
    let port = h.addr.port();
    for base in [
        h.base_url(),
        format!("https://other.sim.test:{port}"),
        format!("https://127.0.0.1:{port}"),
    ] {
        let r = c.get(format!("{base}{path}")).send().await.expect(&base);
        assert_eq!(r.status(), 200, "{base}");
    }
    // The same routes over plain http beside it.
    let plain = reqwest::Client::new()
        .get(format!("http://{}{path}", h.endpoints.http))
        .send()
        .await
        .expect("plain");
    assert_eq!(plain.status(), 200);
    let stats = h.sim.stats();
    assert_eq!((stats.other_host_requests, stats.plain_requests), (2, 1));
    // The rules the images job gets for it name the host, its pin and the CA.
    let net = h.net();
    assert!(net.allowed.allows_name(PHOTO_HOST));
    assert_eq!(net.pins.entries(), [format!("{PHOTO_HOST}=127.0.0.1")]);
    assert_eq!(net.summary().extra_ca.as_deref(), Some("simulator"));
    h.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn hostile_answers_set_over_the_control_endpoint() {
    let h = spawn_photos(PhotoConfig::default(), addr())
        .await
        .expect("spawn");
    let (lot, _) = lots(&h.sim);
    let c = client(&h.endpoints);
    let set = |behaviour: Option<Hostile>| {
        let c = c.clone();
        let url = format!("{}/__sim/photo_hostile", h.base_url());
        async move {
            let r = c
                .post(url)
                .json(&serde_json::json!({"lot": lot, "behaviour": behaviour}))
                .send()
                .await
                .expect("control");
            assert_eq!(r.status(), 204);
        }
    };
    let meta = format!("{}/v1/lotImages/{lot}?country=us", h.base_url());
    let image = format!("{}/v1/AUTH_svc.pdoc00001/lpp/{lot}/1_ful.jpg", h.base_url());

    set(Some(Hostile::RedirectMetadata {
        to: "https://169.254.169.254/latest/meta-data/".into(),
    }))
    .await;
    let r = c.get(&meta).send().await.expect("metadata");
    assert_eq!(r.status(), 302);
    assert_eq!(
        r.headers()["location"],
        "https://169.254.169.254/latest/meta-data/"
    );

    set(Some(Hostile::RedirectImages {
        to: "http://127.0.0.1:1{path}".into(),
    }))
    .await;
    let r = c.get(&image).send().await.expect("image");
    assert_eq!(r.status(), 302);
    assert_eq!(
        r.headers()["location"],
        format!("http://127.0.0.1:1/v1/AUTH_svc.pdoc00001/lpp/{lot}/1_ful.jpg")
    );
    // Under another name the same lot is answered normally (where a redirect would land).
    let other = image.replace(PHOTO_HOST, "other.sim.test");
    let r = c.get(&other).send().await.expect("image elsewhere");
    assert_eq!(r.status(), 200);
    assert_eq!(&r.bytes().await.expect("body")[..3], &[0xFF, 0xD8, 0xFF]);

    set(Some(Hostile::LinkImagesTo {
        base: "https://10.0.0.7".into(),
    }))
    .await;
    let doc: LotImages = c
        .get(format!("{}/https/v1/lotImages/{lot}", h.base_url()))
        .send()
        .await
        .expect("metadata")
        .json()
        .await
        .expect("json");
    assert!(
        doc.lot_images[0].link[0].url.starts_with(&format!(
            "https://10.0.0.7/v1/AUTH_svc.pdoc00001/lpp/{lot}/1_"
        )),
        "{:?}",
        doc.lot_images[0]
    );

    set(Some(Hostile::ImageBody {
        body: HostileBody::Png,
    }))
    .await;
    let r = c.get(&image).send().await.expect("png");
    assert_eq!(
        r.headers()["content-type"],
        "image/jpeg",
        "lies about its type"
    );
    assert!(r.bytes().await.expect("body").starts_with(b"\x89PNG"));

    // 50 MB, declared: the length is there before a byte of body.
    let huge = |declare_length| Hostile::ImageBody {
        body: HostileBody::Huge {
            bytes: 50 * 1024 * 1024,
            declare_length,
        },
    };
    set(Some(huge(true))).await;
    let r = c.get(&image).send().await.expect("huge");
    assert_eq!(r.content_length(), Some(50 * 1024 * 1024));
    drop(r);
    // Undeclared: chunked, streamed as read (the first chunk starts like a JPEG).
    set(Some(huge(false))).await;
    let mut r = c.get(&image).send().await.expect("huge");
    assert_eq!(r.content_length(), None);
    let first = r.chunk().await.expect("chunk").expect("a chunk");
    assert!(first.starts_with(&[0xFF, 0xD8, 0xFF]));
    assert!(first.len() <= 64 * 1024);
    drop(r);

    set(None).await;
    let r = c.get(&image).send().await.expect("normal again");
    assert_eq!(r.status(), 200);
    assert!(h.sim.stats().hostile >= 6);
    h.shutdown().await.expect("shutdown");
}
