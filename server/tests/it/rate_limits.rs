//! Limits that must hold across replicas and through a bad day: the API and removal-form rate
//! limits shared through Redis (two apps on one Redis and one database are two replicas), the
//! in-process fallback when Redis is down or hung, the removal form refusing new clients when
//! its in-process table is full, single-use form tokens, and one pending removal request per
//! VIN, contact and day — including concurrent submissions on both replicas.

use crate::common;
use crate::redis_child;

use std::net::SocketAddr;
use std::time::Duration;

use common::TestDb;
use common::html::{form_body, form_urlencode};
use redis_child::{RedisChild, free_port};
use server::cache::{Cache, CacheConfig};
use server::config::ApiConfig;
use server::http::seo::SeoConfig;

/// One app ("replica") serving in the background.
#[derive(Clone)]
struct Replica {
    addr: SocketAddr,
    cache: Cache,
    client: reqwest::Client,
}

/// How a replica is configured beyond the test defaults.
#[derive(Clone)]
struct Setup {
    /// `None`: Redis off.
    redis: Option<CacheConfig>,
    api: ApiConfig,
    seo: SeoConfig,
}

async fn replica(db: &TestDb, setup: &Setup) -> Replica {
    let mut s = common::settings(&db.cfg, common::scratch_media_dir());
    if let Some(cfg) = &setup.redis {
        s.cache = cfg.clone();
    }
    s.api = setup.api.clone();
    s.seo = setup.seo.clone();
    let started = common::start(s).await;
    Replica {
        addr: started.addr,
        cache: started.cache,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            // A guard against a hang, not a latency check: a debug build rendering a VIN page
            // beside the whole integration suite on 2 cores once took longer than 10 s.
            .timeout(Duration::from_secs(30))
            .build()
            .expect("client"),
    }
}

/// Two apps on one database and (when configured) one Redis key prefix.
async fn replicas(db: &TestDb, setup: &Setup) -> (Replica, Replica) {
    let a = replica(db, setup).await;
    let b = replica(db, setup).await;
    if setup.redis.is_some() {
        common::wait_cache_up(&a.cache).await;
        common::wait_cache_up(&b.cache).await;
    }
    (a, b)
}

/// Redis on the shared server under a key prefix of this test's own.
fn shared_redis() -> CacheConfig {
    let prefix = format!("vinops-test-{}", uuid::Uuid::new_v4().simple());
    CacheConfig::local("redis://127.0.0.1:6379", prefix)
}

fn api_limit(per_min: u32, burst: u32) -> ApiConfig {
    ApiConfig {
        rate_limit_per_min: per_min,
        rate_limit_burst: burst,
        ..ApiConfig::default()
    }
}

/// One removal form secret for both replicas (as `REMOVAL_FORM_SECRET` must be in production):
/// a form rendered by one is accepted by the other.
fn seo(burst: u32) -> SeoConfig {
    SeoConfig {
        removal_form_secret: Some("test-removal-secret-0123456789abcdef".into()),
        removal_rate_limit_burst: burst,
        ..common::seo_config()
    }
}

impl Replica {
    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// An API call that answers 404 (an unknown VIN): the status and `X-RateLimit-Remaining`.
    async fn api(&self) -> (u16, Option<String>) {
        let res = self
            .client
            .get(self.url("/api/v1/vehicles/12345678901"))
            .send()
            .await
            .expect("request");
        let left = res
            .headers()
            .get("x-ratelimit-remaining")
            .map(|v| v.to_str().expect("ascii").to_owned());
        (res.status().as_u16(), left)
    }

    /// A freshly rendered removal form's token.
    async fn form_token(&self, vin: &str) -> String {
        let page = self
            .client
            .get(self.url(&format!("/en/vin/{vin}")))
            .send()
            .await
            .expect("request")
            .text()
            .await
            .expect("body");
        common::html::removal_form_token(&page)
    }

    /// Posts the removal form (`forwarded`: an `X-Forwarded-For` value): status, `Location`,
    /// `Retry-After` and body.
    async fn remove(
        &self,
        vin: &str,
        token: &str,
        contact: &str,
        forwarded: Option<&str>,
    ) -> (u16, String, Option<String>, String) {
        let body = form_body(&[
            ("token", token),
            ("reason", "I own it"),
            ("contact", contact),
        ]);
        let mut req = self
            .client
            .post(self.url(&format!("/en/vin/{vin}/removal")))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
        if let Some(f) = forwarded {
            req = req.header("x-forwarded-for", f);
        }
        let res = req.send().await.expect("request");
        let header = |name: &str| {
            res.headers()
                .get(name)
                .map(|v| v.to_str().expect("ascii").to_owned())
        };
        let location = header("location").unwrap_or_default();
        let retry = header("retry-after");
        let status = res.status().as_u16();
        (status, location, retry, res.text().await.expect("body"))
    }
}

/// Posts one removal form eight times at once, alternating between the replicas, with the
/// contact `contact(i)` on the i-th post: the statuses.
async fn race(
    a: &Replica,
    b: &Replica,
    vin: &str,
    token: &str,
    contact: impl Fn(usize) -> String,
) -> Vec<u16> {
    let mut posts = tokio::task::JoinSet::new();
    for i in 0..8 {
        let r = if i % 2 == 0 { a.clone() } else { b.clone() };
        let (vin, token, contact) = (vin.to_owned(), token.to_owned(), contact(i));
        posts.spawn(async move { r.remove(&vin, &token, &contact, None).await.0 });
    }
    posts.join_all().await
}

async fn some_vin(db: &TestDb) -> String {
    sqlx::query_scalar("SELECT vin FROM lots ORDER BY id LIMIT 1")
        .fetch_one(&db.owner().await)
        .await
        .expect("a vin")
}

/// `(contact, status)` of the VIN's requests, oldest first.
async fn requests(db: &TestDb, vin: &str) -> Vec<(Option<String>, String)> {
    sqlx::query_as("SELECT contact, status FROM removal_requests WHERE vin = $1 ORDER BY id")
        .bind(vin)
        .fetch_all(&db.owner().await)
        .await
        .expect("requests")
}

#[tokio::test]
async fn two_replicas_share_one_api_limit() {
    let db = TestDb::new().await;
    let setup = Setup {
        redis: Some(shared_redis()),
        api: api_limit(1, 4),
        seo: common::seo_config(),
    };
    let (a, b) = replicas(&db, &setup).await;
    // Four requests spread over both replicas spend one bucket of four.
    let mut seen = Vec::new();
    for r in [&a, &b, &a, &b] {
        seen.push(r.api().await);
    }
    let expected: Vec<(u16, Option<String>)> = ["3", "2", "1", "0"]
        .iter()
        .map(|l| (404, Some((*l).to_owned())))
        .collect();
    assert_eq!(seen, expected);
    // The fifth is refused on either replica (each alone would still have two left).
    assert_eq!(a.api().await.0, 429);
    assert_eq!(b.api().await.0, 429);
    for r in [&a, &b] {
        let c = r.cache.counts();
        assert!(c.limits_shared >= 3, "{c:?}");
        assert_eq!(c.limits_fallback, 0, "{c:?}");
    }
}

#[tokio::test]
async fn api_limit_falls_back_to_the_process_when_redis_is_down() {
    let db = TestDb::new().await;
    // Nothing listens there: Redis is down from the start.
    let setup = Setup {
        redis: Some(CacheConfig::local(
            format!("redis://127.0.0.1:{}", free_port()),
            "vinops-test-down",
        )),
        api: api_limit(1, 3),
        seo: common::seo_config(),
    };
    let app = replica(&db, &setup).await;
    for left in ["2", "1", "0"] {
        assert_eq!(app.api().await, (404, Some(left.to_owned())));
    }
    assert_eq!(app.api().await.0, 429, "still limited, by this process");
    let c = app.cache.counts();
    assert_eq!((c.limits_shared, c.limits_fallback), (0, 4), "{c:?}");
}

#[tokio::test]
async fn api_limit_falls_back_to_the_process_when_redis_hangs() {
    let db = TestDb::new().await;
    let redis = RedisChild::start(free_port());
    let setup = Setup {
        redis: Some(CacheConfig::local(
            redis.url(),
            format!("vinops-test-{}", uuid::Uuid::new_v4().simple()),
        )),
        api: api_limit(1, 3),
        seo: common::seo_config(),
    };
    let app = replica(&db, &setup).await;
    common::wait_cache_up(&app.cache).await;
    assert_eq!(
        app.api().await,
        (404, Some("2".to_owned())),
        "counted in Redis"
    );
    // SIGSTOP: connected, but nothing answers. The first request waits out the command
    // timeout, the next ones skip Redis during the pause after that failure.
    redis.pause();
    let during = tokio::time::timeout(Duration::from_secs(20), async {
        let mut seen = Vec::new();
        for _ in 0..4 {
            seen.push(app.api().await.0);
        }
        seen
    })
    .await
    .expect("a hung Redis does not hang the API");
    assert_eq!(
        during,
        [404, 404, 404, 429],
        "this process's own bucket of three"
    );
    let c = app.cache.counts();
    assert_eq!((c.limits_shared, c.limits_fallback), (1, 4), "{c:?}");
    redis.resume();
}

#[tokio::test]
async fn removal_form_refuses_new_clients_when_its_table_is_full() {
    let db = TestDb::with_demo(11, 20).await;
    let vin = some_vin(&db).await;
    // No Redis: the in-process limiter decides. It may track one client; the test's requests
    // come through a trusted proxy (127.0.0.1) naming the client.
    let setup = Setup {
        redis: None,
        api: ApiConfig {
            trusted_proxies: "127.0.0.1".into(),
            ..ApiConfig::default()
        },
        seo: SeoConfig {
            removal_rate_limit_max_clients: 1,
            ..seo(10)
        },
    };
    let app = replica(&db, &setup).await;
    let first = Some("198.51.100.1");
    let token = app.form_token(&vin).await;
    let (status, ..) = app.remove(&vin, &token, "a@example.com", first).await;
    assert_eq!(status, 303, "the first client fills the table");

    let token = app.form_token(&vin).await;
    let (status, _, retry, body) = app
        .remove(&vin, &token, "b@example.com", Some("198.51.100.2"))
        .await;
    assert_eq!(status, 503, "a new client is refused, not let through");
    assert!(retry.is_some());
    assert!(body.contains("Temporarily unavailable"), "{body}");

    // The tracked client is still served (and its token was not spent by the refusal above).
    let (status, ..) = app.remove(&vin, &token, "c@example.com", first).await;
    assert_eq!(status, 303);
    assert_eq!(
        requests(&db, &vin).await,
        [
            (Some("a@example.com".to_owned()), "pending".to_owned()),
            (Some("c@example.com".to_owned()), "pending".to_owned())
        ]
    );
}

#[tokio::test]
async fn removal_form_limit_is_shared_by_the_replicas() {
    let db = TestDb::with_demo(12, 20).await;
    let vin = some_vin(&db).await;
    let setup = Setup {
        redis: Some(shared_redis()),
        api: ApiConfig::default(),
        seo: seo(2),
    };
    let (a, b) = replicas(&db, &setup).await;
    for (i, r) in [&a, &b].into_iter().enumerate() {
        let token = r.form_token(&vin).await;
        let contact = format!("owner{i}@example.com");
        assert_eq!(r.remove(&vin, &token, &contact, None).await.0, 303);
    }
    let token = a.form_token(&vin).await;
    let (status, _, retry, _) = a.remove(&vin, &token, "x@example.com", None).await;
    assert_eq!(status, 429, "a burst of two across both replicas");
    assert!(retry.is_some());
    assert_eq!(requests(&db, &vin).await.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn removal_tokens_are_single_use_on_every_replica() {
    let db = TestDb::with_demo(13, 20).await;
    let vin = some_vin(&db).await;
    let setup = Setup {
        redis: None,
        api: ApiConfig::default(),
        seo: seo(100),
    };
    let (a, b) = replicas(&db, &setup).await;
    let token = a.form_token(&vin).await;
    let (status, location, ..) = a.remove(&vin, &token, "a@example.com", None).await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("/en/vin/{vin}?removal=sent#removal"));

    // The same form sent again with the same contact (a double click): the first answer again,
    // nothing recorded twice.
    let (status, location, ..) = b.remove(&vin, &token, "A@example.com ", None).await;
    assert_eq!(
        (status, location),
        (303, format!("/en/vin/{vin}?removal=sent#removal"))
    );
    // The same form with other contents, on the replica that took it and on the other one.
    for r in [&a, &b] {
        let (status, _, _, body) = r.remove(&vin, &token, "b@example.com", None).await;
        assert_eq!(status, 409);
        assert!(body.contains("Form already sent"), "{body}");
        // The way back is a URL never loaded before: a fresh form, not a cached copy.
        assert!(body.contains(&format!("/en/vin/{vin}?form=")), "{body}");
    }
    // In Russian too.
    let res = b
        .client
        .post(b.url(&format!("/ru/vin/{vin}/removal")))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("token={}&reason=x", form_urlencode(&token)))
        .send()
        .await
        .expect("request");
    assert_eq!(res.status().as_u16(), 409);
    assert!(
        res.text()
            .await
            .expect("body")
            .contains("Форма уже отправлена")
    );

    // One fresh token posted eight times at once over both replicas, each with another
    // contact: exactly one is taken.
    let token = b.form_token(&vin).await;
    let mut statuses = race(&a, &b, &vin, &token, |i| format!("race{i}@example.com")).await;
    statuses.sort_unstable();
    assert_eq!(statuses, [303, 409, 409, 409, 409, 409, 409, 409]);
    assert_eq!(requests(&db, &vin).await.len(), 2);
    // And eight times with one contact (a storm of clicks): the same answer to all, one request.
    let token = a.form_token(&vin).await;
    let statuses = race(&a, &b, &vin, &token, |_| "click@example.com".to_owned()).await;
    assert_eq!(statuses, [303; 8]);
    assert_eq!(requests(&db, &vin).await.len(), 3);

    // What is spent is kept apart from the site's read-only role.
    let web = db.web();
    let denied = sqlx::query("SELECT 1 FROM removal_form_tokens")
        .fetch_all(&web)
        .await
        .expect_err("the web role cannot read spent tokens");
    assert!(denied.to_string().contains("permission denied"), "{denied}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_pending_request_per_vin_contact_and_day() {
    let db = TestDb::with_demo(14, 20).await;
    let vin = some_vin(&db).await;
    let setup = Setup {
        redis: Some(shared_redis()),
        api: ApiConfig::default(),
        seo: seo(100),
    };
    let (a, b) = replicas(&db, &setup).await;
    let sent = format!("/en/vin/{vin}?removal=sent#removal");

    let token = a.form_token(&vin).await;
    assert_eq!(
        a.remove(&vin, &token, "Owner@Example.com", None).await.0,
        303
    );
    // The same contact, typed differently, on the other replica: the same confirmation,
    // nothing new recorded.
    let token = b.form_token(&vin).await;
    let (status, location, ..) = b.remove(&vin, &token, "owner@example.COM ", None).await;
    assert_eq!((status, location), (303, sent.clone()));
    // Another contact is another request; so is no contact at all.
    let token = b.form_token(&vin).await;
    assert_eq!(
        b.remove(&vin, &token, "other@example.com", None).await.0,
        303
    );
    let token = a.form_token(&vin).await;
    assert_eq!(a.remove(&vin, &token, "", None).await.0, 303);
    let pending = |c: &str| (Some(c.to_owned()), "pending".to_owned());
    assert_eq!(
        requests(&db, &vin).await,
        [
            pending("Owner@Example.com"),
            pending("other@example.com"),
            (None, "pending".to_owned())
        ]
    );

    // Eight fresh forms for one new contact, posted at once over both replicas: one request.
    let mut tokens = Vec::new();
    for i in 0..8 {
        let r = if i % 2 == 0 { &a } else { &b };
        tokens.push((r.clone(), r.form_token(&vin).await));
    }
    let mut posts = tokio::task::JoinSet::new();
    for (r, token) in tokens {
        let vin = vin.clone();
        posts.spawn(async move { r.remove(&vin, &token, "race@example.com", None).await });
    }
    for (status, location, ..) in posts.join_all().await {
        assert_eq!((status, location), (303, sent.clone()));
    }
    let raced = requests(&db, &vin)
        .await
        .into_iter()
        .filter(|(c, _)| c.as_deref() == Some("race@example.com"))
        .count();
    assert_eq!(raced, 1);

    // A day later the same contact may ask again.
    sqlx::query(
        "UPDATE removal_requests SET requested_at = requested_at - interval '1 day'
         WHERE vin = $1 AND contact = 'Owner@Example.com'",
    )
    .bind(&vin)
    .execute(&db.owner().await)
    .await
    .expect("age the request");
    let token = a.form_token(&vin).await;
    assert_eq!(
        a.remove(&vin, &token, "owner@example.com", None).await.0,
        303
    );
    assert_eq!(requests(&db, &vin).await.len(), 5);
}
