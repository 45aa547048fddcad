//! Configuration from environment variables (each also a CLI flag), with defaults that work on
//! a developer machine with local PostgreSQL (trust auth) and Redis. `deploy/.env.example`
//! documents every variable. Credentials are held as [`SecretUrl`] / [`SecretString`], which
//! print redacted (see `redact_url`), and their flags hide the environment's value in `--help`.

use std::net::SocketAddr;

use clap::Args;

use crate::secret::{SecretString, SecretUrl};

/// The database connections. `ETL_DATABASE_URL` and `WEB_DATABASE_URL` default to
/// `DATABASE_URL` with the user swapped (see [`role_url`]), so pointing `DATABASE_URL` at
/// another database moves every role there; set them to use other hosts or passwords.
#[derive(Debug, Clone)]
pub struct DbConfig {
    /// Owner/admin connection: runs migrations.
    pub database_url: SecretUrl,
    /// Read-write connection for the ETL and image jobs (role vinops_etl).
    pub etl_database_url: SecretUrl,
    /// Read-only connection for pages and the API (role vinops_web).
    pub web_database_url: SecretUrl,
    /// Connections in the web pool.
    pub web_pool_max: u32,
    /// Per-statement timeout for web queries, in milliseconds.
    pub web_statement_timeout_ms: u64,
}

/// The role of the ETL and image jobs (created by the migrations).
pub const ETL_ROLE: &str = "vinops_etl";
/// The read-only role of pages and the API (created by the migrations).
pub const WEB_ROLE: &str = "vinops_web";

/// `DbConfig` as given on the command line or in the environment, before the role URLs are
/// derived.
#[derive(Debug, Clone, Args)]
struct DbArgs {
    /// Owner/admin connection: runs migrations.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "postgres://vinops@127.0.0.1:5432/vinops",
        hide_env_values = true
    )]
    database_url: SecretUrl,
    /// Read-write connection for the ETL and image jobs (role vinops_etl). Default:
    /// DATABASE_URL with the user vinops_etl and no password.
    #[arg(long, env = "ETL_DATABASE_URL", hide_env_values = true)]
    etl_database_url: Option<SecretUrl>,
    /// Read-only connection for pages and the API (role vinops_web). Default: DATABASE_URL
    /// with the user vinops_web and no password.
    #[arg(long, env = "WEB_DATABASE_URL", hide_env_values = true)]
    web_database_url: Option<SecretUrl>,
    /// Connections in the web pool.
    #[arg(long, env = "WEB_DB_POOL_MAX", default_value_t = 16)]
    web_pool_max: u32,
    /// Per-statement timeout for web queries, in milliseconds: a slow query fails fast rather
    /// than holding a connection.
    #[arg(long, env = "WEB_DB_STATEMENT_TIMEOUT_MS", default_value_t = 2000)]
    web_statement_timeout_ms: u64,
}

impl DbArgs {
    fn resolve(self) -> Result<DbConfig, clap::Error> {
        // Empty counts as unset, as for the other URLs of `.env.example` (`COPART_CSV_URL=`).
        let derive = |given: &Option<SecretUrl>, role: &str, var: &str| match given {
            Some(url) if !url.expose().trim().is_empty() => Ok(url.clone()),
            Some(_) | None => role_url(self.database_url.expose(), role)
                .map(SecretUrl::from)
                .ok_or_else(|| underivable(var)),
        };
        Ok(DbConfig {
            etl_database_url: derive(&self.etl_database_url, ETL_ROLE, "ETL_DATABASE_URL")?,
            web_database_url: derive(&self.web_database_url, WEB_ROLE, "WEB_DATABASE_URL")?,
            database_url: self.database_url,
            web_pool_max: self.web_pool_max,
            web_statement_timeout_ms: self.web_statement_timeout_ms,
        })
    }
}

/// The error for a role URL `var` that cannot be derived from `DATABASE_URL`.
fn underivable(var: &str) -> clap::Error {
    let msg =
        format!("DATABASE_URL is not a scheme://… URL, so {var} cannot be derived; set {var}\n");
    clap::Error::raw(clap::error::ErrorKind::ValueValidation, msg)
}

// By hand rather than derived, so that the role URLs are derived once, where the arguments are
// parsed: everything downstream sees three complete URLs.
impl clap::Args for DbConfig {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        DbArgs::augment_args(cmd)
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        DbArgs::augment_args_for_update(cmd)
    }
}

impl clap::FromArgMatches for DbConfig {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        DbArgs::from_arg_matches(matches)?.resolve()
    }

    /// Re-reads every argument: whether a role URL was derived is not kept, so a partial
    /// update could not tell a derived URL from a given one.
    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

/// `database_url` with the user `role` and no password: same scheme, host, port, database and
/// query. `None` when it is not a `scheme://` URL.
pub fn role_url(database_url: &str, role: &str) -> Option<String> {
    let (scheme, rest) = database_url.split_once("://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    Some(format!("{scheme}://{role}@{host}{tail}"))
}

#[derive(Debug, Clone, Args)]
pub struct ServeConfig {
    /// Address to listen on (cargo-leptos sets LEPTOS_SITE_ADDR in development).
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,
    /// Public origin of the site, for absolute links.
    #[arg(long, env = "SITE_URL", default_value = "http://127.0.0.1:3000")]
    pub site_url: String,
    /// The operator listener (`/metrics`, `/admin/*`, the detailed `/health`): an address, or
    /// `off`. Bound to loopback by default: these never go on the public port.
    #[arg(long, env = "OPS_ADDR", default_value = "127.0.0.1:3900")]
    pub ops_addr: crate::http::ops::OpsAddr,
    /// Run pending migrations at start-up. Off by default: production runs `vinops-server
    /// migrate` as its own deploy step, before any replica starts; a failure here does not stop
    /// the site, `/readyz` then answers 503 and says why.
    #[arg(long, env = "MIGRATE_ON_START", default_value_t = false, action = clap::ArgAction::Set)]
    pub migrate_on_start: bool,
    /// Limits and headers of the public edge (connections, requests, bodies, security headers).
    #[command(flatten)]
    pub edge: EdgeConfig,
}

/// The public edge: what the site enforces itself, with or without a reverse proxy in front.
/// Every limit has a default that a normal visitor never reaches.
#[derive(Debug, Clone, Args)]
pub struct EdgeConfig {
    /// Seconds a connection may take to send a complete request head, and may stay idle between
    /// two requests (slowloris). A reverse proxy's idle upstream keep-alive must be shorter.
    #[arg(long, env = "HTTP_HEADER_READ_TIMEOUT_SECS", default_value_t = 15)]
    pub header_read_timeout_secs: u64,
    /// Open connections at most; past it the server stops accepting until one closes (the kernel
    /// backlog holds the rest). Keep it well below the process's open-file limit.
    #[arg(long, env = "HTTP_MAX_CONNECTIONS", default_value_t = 2048)]
    pub max_connections: usize,
    /// Seconds a request may take until its response starts; then 503 + `Retry-After`.
    #[arg(long, env = "HTTP_REQUEST_TIMEOUT_SECS", default_value_t = 15)]
    pub request_timeout_secs: u64,
    /// Requests handled at once; one more is answered 503 + `Retry-After` at once (load
    /// shedding) instead of waiting for a database connection. `/healthz` is never shed.
    #[arg(long, env = "HTTP_MAX_IN_FLIGHT", default_value_t = 128)]
    pub max_in_flight: usize,
    /// Largest request body, in bytes, on every route (413 above it).
    #[arg(long, env = "HTTP_MAX_BODY_BYTES", default_value_t = 65_536)]
    pub max_body_bytes: usize,
    /// `Strict-Transport-Security` max-age in seconds; 0 sends no such header. Browsers ignore
    /// it over plain HTTP, so it is sent on every response: the app cannot tell whether the
    /// proxy in front terminated TLS.
    #[arg(long, env = "HSTS_MAX_AGE_SECS", default_value_t = 31_536_000)]
    pub hsts_max_age_secs: u64,
}

impl Default for EdgeConfig {
    /// The CLI defaults.
    fn default() -> Self {
        EdgeConfig {
            header_read_timeout_secs: 15,
            max_connections: 2048,
            request_timeout_secs: 15,
            max_in_flight: 128,
            max_body_bytes: 65_536,
            hsts_max_age_secs: 31_536_000,
        }
    }
}

/// The JSON API (`/api/v1`): browser access (CORS) and the per-client rate limit.
#[derive(Debug, Clone, Args)]
pub struct ApiConfig {
    /// Origins allowed to call the API from a browser, comma-separated, each exactly as the
    /// browser sends it (`https://vinops.online`). Empty: no CORS headers at all.
    #[arg(long, env = "API_CORS_ORIGINS", default_value = "")]
    pub cors_origins: String,
    /// Sustained requests per minute per client IP (token refill rate); 0 disables the limit.
    #[arg(long, env = "API_RATE_LIMIT_PER_MIN", default_value_t = 60)]
    pub rate_limit_per_min: u32,
    /// Requests a client may make at once before the sustained rate applies (bucket size).
    #[arg(long, env = "API_RATE_LIMIT_BURST", default_value_t = 30)]
    pub rate_limit_burst: u32,
    /// Reverse proxies (comma-separated IP addresses) whose `X-Forwarded-For` is believed.
    /// Empty: the client is the socket's peer, and `X-Forwarded-For` is ignored (anyone can
    /// send one, so trusting it unconditionally would let a client pick its own bucket).
    #[arg(long, env = "API_TRUSTED_PROXIES", default_value = "")]
    pub trusted_proxies: String,
}

impl Default for ApiConfig {
    /// The CLI defaults.
    fn default() -> Self {
        ApiConfig {
            cors_origins: String::new(),
            rate_limit_per_min: 60,
            rate_limit_burst: 30,
            trusted_proxies: String::new(),
        }
    }
}

impl ApiConfig {
    /// The non-empty, trimmed CORS origins.
    pub fn cors_origin_list(&self) -> Vec<String> {
        split_list(&self.cors_origins)
    }

    /// The trusted proxy addresses; an entry that is not an IP address is an error, so a typo
    /// cannot silently turn the proxy's own address into everybody's rate-limit bucket.
    pub fn trusted_proxy_list(&self) -> anyhow::Result<Vec<std::net::IpAddr>> {
        split_list(&self.trusted_proxies)
            .iter()
            .map(|s| {
                s.parse()
                    .map_err(|_| anyhow::anyhow!("API_TRUSTED_PROXIES: {s:?} is not an IP address"))
            })
            .collect()
    }
}

fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Where the Copart export comes from and where good files are kept.
#[derive(Debug, Clone, Args)]
pub struct SourceConfig {
    /// The tokenized sales-data URL (a secret: never logged). Empty means "not configured".
    #[arg(
        long = "copart-csv-url",
        env = "COPART_CSV_URL",
        default_value = "",
        hide_env_values = true
    )]
    pub csv_url: SecretUrl,
    /// Optional member session cookie (secret).
    #[arg(long = "copart-cookie", env = "COPART_COOKIE", hide_env_values = true)]
    pub cookie: Option<SecretString>,
    #[arg(
        long = "copart-user-agent",
        env = "COPART_USER_AGENT",
        default_value = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"
    )]
    pub user_agent: String,
    #[arg(
        long = "copart-referer",
        env = "COPART_REFERER",
        default_value = "https://www.copart.com/downloadSalesData"
    )]
    pub referer: String,
    /// Whole-download timeout in seconds.
    #[arg(long, env = "COPART_DOWNLOAD_TIMEOUT_SECS", default_value_t = 300)]
    pub download_timeout_secs: u64,
    /// Local root of the raw-file archive (raw/copart/YYYY/MM/DD/HHMM.csv.gz below it) when no
    /// archive bucket is set; downloads are staged in its `incoming/` either way.
    #[arg(long, env = "ARCHIVE_DIR", default_value = "var/archive")]
    pub archive_dir: std::path::PathBuf,
    /// A private S3 bucket for the archive, on the photo store's S3 endpoint and credentials, so
    /// every replica shares it. Empty: the local `ARCHIVE_DIR`.
    #[arg(long, env = "ARCHIVE_S3_BUCKET", default_value = "")]
    pub archive_s3_bucket: String,
    /// Archived exports older than this many days are deleted.
    #[arg(long, env = "ARCHIVE_KEEP_DAYS", default_value_t = 7)]
    pub archive_keep_days: u32,
    /// Size budget of the archive in MiB: past it the oldest exports go first (the newest always
    /// stays).
    #[arg(long, env = "ARCHIVE_MAX_MB", default_value_t = 20_480)]
    pub archive_max_mb: u64,
    /// Free space in MiB the download directory must have before a download starts (a download
    /// that fills the disk would stop the database on the same disk).
    #[arg(long, env = "ETL_MIN_FREE_MB", default_value_t = 1_024)]
    pub min_free_mb: u64,
    #[command(flatten)]
    pub limits: EtlLimits,
}

/// Caps on what one export may cost the process (which also serves pages): its size, the size
/// of one record, and its invalid rows. A file over a cap is rejected with the reason before
/// anything is written; a record over the record cap is one invalid row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Args)]
pub struct EtlLimits {
    /// Largest export accepted, in MiB: a download is cut (and an `etl ingest` file refused)
    /// past it. A real export is ~96 MB for ~150k rows.
    #[arg(
        long = "etl-max-file-mb",
        env = "ETL_MAX_FILE_MB",
        default_value_t = 1024
    )]
    pub max_file_mb: u64,
    /// Largest CSV record, in bytes: a longer record is skipped as an invalid row without being
    /// held in memory (a real row is under 1 KiB).
    #[arg(
        long = "etl-max-record-bytes",
        env = "ETL_MAX_RECORD_BYTES",
        default_value_t = 65_536
    )]
    pub max_record_bytes: usize,
    /// Invalid rows per file above which the whole file is rejected (most likely a wrong file).
    #[arg(
        long = "etl-max-row-errors",
        env = "ETL_MAX_ROW_ERRORS",
        default_value_t = 10_000
    )]
    pub max_row_errors: u64,
    /// The same as a share of the file's rows, in percent; it only applies past
    /// [`EtlLimits::ROW_ERRORS_FLOOR`] invalid rows, so a small file is not judged by a few.
    #[arg(
        long = "etl-max-row-error-percent",
        env = "ETL_MAX_ROW_ERROR_PERCENT",
        default_value_t = 5
    )]
    pub max_row_error_percent: u8,
}

impl Default for EtlLimits {
    /// The CLI defaults.
    fn default() -> Self {
        EtlLimits {
            max_file_mb: 1024,
            max_record_bytes: 65_536,
            max_row_errors: 10_000,
            max_row_error_percent: 5,
        }
    }
}

impl EtlLimits {
    /// Below this many invalid rows the percentage is not applied: 3 bad rows out of 20 say
    /// nothing about the file, 3,000 out of 20,000 do.
    pub const ROW_ERRORS_FLOOR: u64 = 100;

    pub fn max_file_bytes(&self) -> u64 {
        self.max_file_mb.saturating_mul(1 << 20)
    }

    /// The invalid rows a file of `rows` rows may have and still be ingested.
    pub fn allowed_row_errors(&self, rows: u64) -> u64 {
        let share = rows.saturating_mul(u64::from(self.max_row_error_percent)) / 100;
        self.max_row_errors.min(share.max(Self::ROW_ERRORS_FLOOR))
    }
}

/// Log output format: `pretty` for terminals, `json` for production log shipping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Pretty,
    Json,
}

/// Replaces the password (and any query string, which may carry tokens) of a URL for logging.
///
/// The credentials end at the last `@` before the first `/`, `?` or `#`. A password holding one
/// of those unescaped would end that span early, leaving its tail after it: so an `@` anywhere
/// after the host hides everything but the scheme (rare in the URLs configured here).
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return "<unparseable url>".to_owned();
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    if tail.contains('@') {
        return format!("{scheme}://***");
    }
    let path = tail.split(['?', '#']).next().unwrap_or_default();
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _password)) => format!("{user}:***@{host}"),
            None => format!("{userinfo}@{host}"),
        },
        None => authority.to_owned(),
    };
    format!("{scheme}://{authority}{path}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_hides_passwords_and_tokens() {
        assert_eq!(
            redact_url("postgres://etl:s3cret@db:5432/vinops?sslmode=require"),
            "postgres://etl:***@db:5432/vinops"
        );
        assert_eq!(
            redact_url("postgres://vinops@127.0.0.1/vinops"),
            "postgres://vinops@127.0.0.1/vinops"
        );
        assert_eq!(
            redact_url("https://inventory.copart.io/FTPLSTDM/salesdata.cgi?authKey=TOKEN"),
            "https://inventory.copart.io/FTPLSTDM/salesdata.cgi"
        );
        assert!(!redact_url("nonsense").contains("nonsense"));
    }

    /// An unescaped `/`, `?` or `#` in a password (or `@` in a path) makes the end of the
    /// credentials ambiguous: nothing of a password may show either way.
    #[test]
    fn redaction_hides_passwords_with_delimiters() {
        for url in [
            "postgres://etl:pa?ss-hunter2@db/vinops",
            "postgres://etl:pa/ss-hunter2@db/vinops",
            "postgres://etl:pa#ss-hunter2@db/vinops",
            "postgres://etl:pa@ss-hunter2@db/vinops",
            "redis://:hunter2?x@cache:6379",
            "postgres://us/er-hunter2:pw@db/vinops",
        ] {
            let shown = redact_url(url);
            assert!(
                !shown.contains("hunter2") && !shown.contains("pa"),
                "{url} → {shown}"
            );
            assert!(
                shown.starts_with(url.split("://").next().unwrap_or_default()),
                "{shown}"
            );
        }
        assert_eq!(
            redact_url("https://host.example/path@x?k=v"),
            "https://***",
            "an @ after the host may end a password"
        );
    }

    /// Parses `args` (and nothing from the environment) as the `DbConfig` of a command.
    fn db_config(args: &[&str]) -> Result<DbConfig, clap::Error> {
        use clap::{Args as _, FromArgMatches as _};
        let cmd = DbConfig::augment_args(clap::Command::new("t").no_binary_name(true));
        // The test process may have DATABASE_URL & co. set: these tests must not see them.
        let cmd = cmd.mut_args(|a| a.env(None::<&str>));
        DbConfig::from_arg_matches(&cmd.try_get_matches_from(args)?)
    }

    #[test]
    fn role_urls_follow_database_url() {
        let cfg = db_config(&[
            "--database-url",
            "postgres://admin:s3cret@db.internal:6432/vinops_perf?sslmode=require&application_name=x",
        ])
        .expect("valid");
        assert_eq!(
            cfg.etl_database_url.expose(),
            "postgres://vinops_etl@db.internal:6432/vinops_perf?sslmode=require&application_name=x"
        );
        assert_eq!(
            cfg.web_database_url.expose(),
            "postgres://vinops_web@db.internal:6432/vinops_perf?sslmode=require&application_name=x"
        );
        for url in [cfg.etl_database_url.expose(), cfg.web_database_url.expose()] {
            assert!(!url.contains("s3cret") && !url.contains("admin"), "{url}");
            let opts: sqlx::postgres::PgConnectOptions = url.parse().expect("parses");
            assert_eq!(opts.get_host(), "db.internal");
            assert_eq!(opts.get_port(), 6432);
            assert_eq!(opts.get_database(), Some("vinops_perf"));
        }
        let etl: sqlx::postgres::PgConnectOptions =
            cfg.etl_database_url.expose().parse().expect("parses");
        assert_eq!(etl.get_username(), "vinops_etl");
    }

    #[test]
    fn explicit_role_urls_win() {
        let cfg = db_config(&[
            "--database-url",
            "postgres://vinops@127.0.0.1:5432/other",
            "--etl-database-url",
            "postgres://etl:pw@replica:5432/vinops",
        ])
        .expect("valid");
        assert_eq!(
            cfg.etl_database_url.expose(),
            "postgres://etl:pw@replica:5432/vinops"
        );
        assert_eq!(
            cfg.web_database_url.expose(),
            "postgres://vinops_web@127.0.0.1:5432/other"
        );
    }

    #[test]
    fn defaults_are_the_local_database() {
        let cfg = db_config(&[]).expect("valid");
        assert_eq!(
            cfg.database_url.expose(),
            "postgres://vinops@127.0.0.1:5432/vinops"
        );
        assert_eq!(
            cfg.etl_database_url.expose(),
            "postgres://vinops_etl@127.0.0.1:5432/vinops"
        );
        assert_eq!(
            cfg.web_database_url.expose(),
            "postgres://vinops_web@127.0.0.1:5432/vinops"
        );
        assert_eq!((cfg.web_pool_max, cfg.web_statement_timeout_ms), (16, 2000));
    }

    #[test]
    fn role_url_keeps_everything_but_the_user() {
        assert_eq!(
            role_url("postgres://u:p@[::1]:5433/db", "r").as_deref(),
            Some("postgres://r@[::1]:5433/db")
        );
        assert_eq!(
            role_url("postgresql://host/db?host=/run/postgresql", "r").as_deref(),
            Some("postgresql://r@host/db?host=/run/postgresql")
        );
        assert_eq!(
            role_url("postgres://u:p%40ss@host", "r").as_deref(),
            Some("postgres://r@host")
        );
        assert_eq!(role_url("host=db user=x", "r"), None);
        let err = db_config(&["--database-url", "host=db dbname=vinops"]).expect_err("no URL");
        assert!(err.to_string().contains("ETL_DATABASE_URL"), "{err}");
    }

    #[test]
    fn row_error_cap_is_the_smaller_of_count_and_share_with_a_floor() {
        let l = EtlLimits::default();
        assert_eq!(l.allowed_row_errors(150_000), 7_500);
        assert_eq!(l.allowed_row_errors(1_000_000), 10_000);
        assert_eq!(l.allowed_row_errors(20), EtlLimits::ROW_ERRORS_FLOOR);
        let strict = EtlLimits {
            max_row_errors: 3,
            ..l
        };
        assert_eq!(strict.allowed_row_errors(1_000_000), 3);
        assert_eq!(l.max_file_bytes(), 1 << 30);
    }

    #[test]
    fn api_lists_are_trimmed_and_checked() {
        let cfg = ApiConfig {
            cors_origins: " https://a.example , ,https://b.example".into(),
            trusted_proxies: "10.0.0.1, ::1".into(),
            ..ApiConfig::default()
        };
        assert_eq!(
            cfg.cors_origin_list(),
            ["https://a.example", "https://b.example"]
        );
        assert_eq!(cfg.trusted_proxy_list().expect("ips").len(), 2);
        assert!(ApiConfig::default().cors_origin_list().is_empty());
        let bad = ApiConfig {
            trusted_proxies: "10.0.0.0/8".into(),
            ..ApiConfig::default()
        };
        assert!(bad.trusted_proxy_list().is_err());
    }
}
