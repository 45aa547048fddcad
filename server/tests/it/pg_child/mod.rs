//! A throwaway PostgreSQL cluster of the machine's own binaries (`initdb` + `pg_ctl`) on a free
//! port, configured like production rather than like the development cluster: TLS on with a
//! certificate from a test CA, passwords (SCRAM) for every TCP login, and plain TCP refused.
//! Run as the `postgres` user when the tests run as root (`initdb` refuses root).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use server::config::DbConfig;
use vinops_dev::pki::{DevPki, PkiFiles};

/// The password of every role in the cluster (the owner `vinops`, `vinops_web`, `vinops_etl`).
pub const PASSWORD: &str = "s3cret-test-only";

pub struct PgChild {
    pub port: u16,
    dir: PathBuf,
    data: PathBuf,
    bin: PathBuf,
    as_postgres: bool,
}

impl PgChild {
    /// A cluster on `port` with TLS from `tls` (chain and key copied into the data directory,
    /// where the server user can read them) and one database, `vinops`, owned by `vinops`.
    pub fn start_tls(port: u16, tls: &PkiFiles) -> PgChild {
        let pg = PgChild::empty(port);
        let pwfile = pg.dir.join("pw");
        std::fs::write(&pwfile, PASSWORD).expect("password file");
        pg.own(&pwfile);
        pg.pg(
            "initdb",
            &[
                "-D",
                pg.data.to_str().unwrap(),
                "-U",
                "postgres",
                "--pwfile",
                pwfile.to_str().unwrap(),
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        );
        for (from, to) in [(&tls.chain, "server.pem"), (&tls.key, "server.key")] {
            let dest = pg.data.join(to);
            std::fs::copy(from, &dest).expect("copy the certificate");
            pg.own(&dest);
        }
        pg.own_settings();
        append(
            &pg.data.join("postgresql.conf"),
            "ssl = on\nssl_cert_file = 'server.pem'\nssl_key_file = 'server.key'\n\
             fsync = off\nmax_connections = 40\n",
        );
        std::fs::write(
            pg.data.join("pg_hba.conf"),
            "local all all trust\n\
             local replication all trust\n\
             hostssl all all 127.0.0.1/32 scram-sha-256\n\
             hostnossl all all 127.0.0.1/32 reject\n",
        )
        .expect("pg_hba.conf");
        pg.start();
        pg.psql_in(
            "postgres",
            &format!("CREATE ROLE vinops LOGIN CREATEROLE CREATEDB PASSWORD '{PASSWORD}'"),
        );
        pg.psql_in("postgres", "CREATE DATABASE vinops OWNER vinops");
        pg
    }

    /// A hot standby of `primary` on `port`: a `pg_basebackup` of it (settings, certificate and
    /// pg_hba included) streaming from it over its Unix socket, replaying as it goes.
    pub fn standby_of(primary: &PgChild, port: u16) -> PgChild {
        let pg = PgChild::empty(port);
        pg.pg(
            "pg_basebackup",
            &[
                "-D",
                pg.data.to_str().unwrap(),
                "-h",
                primary.dir.to_str().unwrap(),
                "-p",
                &primary.port.to_string(),
                "-U",
                "postgres",
                "-R",
                "-X",
                "stream",
                // An immediate checkpoint: the default spreads it over minutes.
                "--checkpoint=fast",
                "--no-sync",
            ],
        );
        pg.own_settings();
        pg.start();
        pg
    }

    /// A directory of its own for a cluster on `port`, owned by the server's user.
    fn empty(port: u16) -> PgChild {
        let dir = std::env::temp_dir().join(format!("vinops-pg-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("cluster dir");
        let as_postgres = running_as_root();
        if as_postgres {
            run(Command::new("chown").args(["postgres:postgres", dir.to_str().unwrap()]));
        }
        PgChild {
            port,
            bin: bindir(),
            data: dir.join("data"),
            dir,
            as_postgres,
        }
    }

    /// This cluster's port and socket directory (appended: the last setting in the file wins,
    /// so a standby's copy of its primary's file is overridden).
    fn own_settings(&self) {
        let conf = format!(
            "\nport = {}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{}'\n",
            self.port,
            self.dir.display()
        );
        append(&self.data.join("postgresql.conf"), &conf);
    }

    fn start(&self) {
        let log = self.dir.join("log");
        self.pg(
            "pg_ctl",
            &[
                "-D",
                self.data.to_str().unwrap(),
                "-l",
                log.to_str().unwrap(),
                "-w",
                "-t",
                "30",
                "start",
            ],
        );
    }

    /// Waits until this standby has replayed everything `primary` has written so far.
    pub fn wait_replayed(&self, primary: &PgChild) {
        let target = primary.psql("SELECT pg_current_wal_lsn()");
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let done = self.psql(&format!(
                "SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn"
            ));
            if done == "t" {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "standby did not replay up to {target}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A URL to the `vinops` database as `role` over TCP; `params` is the query string.
    pub fn url(&self, role: &str, params: &str) -> String {
        format!(
            "postgres://{role}:{PASSWORD}@127.0.0.1:{}/vinops?{params}",
            self.port
        )
    }

    /// Runs SQL in the `vinops` database as the superuser (see [`PgChild::psql_in`]).
    pub fn psql(&self, sql: &str) -> String {
        self.psql_in("vinops", sql)
    }

    /// Runs SQL in `database` as the superuser over the Unix socket (trusted: the socket
    /// directory is the cluster's own).
    pub fn psql_in(&self, database: &str, sql: &str) -> String {
        let out = self.pg_output(
            "psql",
            &[
                "-X",
                "-q",
                "-tA",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                self.dir.to_str().unwrap(),
                "-p",
                &self.port.to_string(),
                "-U",
                "postgres",
                "-d",
                database,
                "-c",
                sql,
            ],
        );
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// The deploy step over `cfg` (the owner's URL), then the passwords of the roles the
    /// migrations created; answers a pool of the ETL role, as the jobs connect.
    pub async fn migrate_for_site(&self, cfg: &DbConfig) -> sqlx::PgPool {
        server::db::migrate(&cfg.database_url, &server::db::MigrateConfig::default())
            .await
            .expect("migrations over TLS");
        self.set_role_passwords();
        sqlx::postgres::PgPoolOptions::new()
            .max_connections(2)
            .connect(cfg.etl_database_url.expose())
            .await
            .expect("the ETL role over TLS")
    }

    /// Sets the password of the roles the migrations created.
    pub fn set_role_passwords(&self) {
        self.psql(&format!(
            "ALTER ROLE vinops_web PASSWORD '{PASSWORD}'; ALTER ROLE vinops_etl PASSWORD '{PASSWORD}';"
        ));
    }

    fn own(&self, path: &Path) {
        if self.as_postgres {
            run(Command::new("chown").args(["postgres:postgres", path.to_str().unwrap()]));
        }
    }

    fn pg(&self, tool: &str, args: &[&str]) {
        self.pg_output(tool, args);
    }

    fn pg_output(&self, tool: &str, args: &[&str]) -> Output {
        let program = self.bin.join(tool);
        let mut cmd = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&program);
            c
        } else {
            Command::new(&program)
        };
        cmd.args(args).current_dir(&self.dir);
        run(&mut cmd)
    }
}

impl Drop for PgChild {
    fn drop(&mut self) {
        let stopped = Instant::now();
        let _ = self.pg_output(
            "pg_ctl",
            &[
                "-D",
                self.data.to_str().unwrap(),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
        );
        if stopped.elapsed() < Duration::from_secs(30) {
            std::fs::remove_dir_all(&self.dir).ok();
        }
    }
}

/// A test CA and a server certificate for 127.0.0.1 and `db.test` only (not `localhost`), in a
/// fresh directory.
pub fn pki(dir_name: &str) -> PkiFiles {
    let pki = DevPki::generate(
        "Vinops TLS test CA",
        &["db.test"],
        &[std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST)],
    )
    .expect("test CA");
    let dir = std::env::temp_dir().join(format!(
        "vinops-{dir_name}-{}",
        uuid::Uuid::new_v4().simple()
    ));
    pki.write(&dir).expect("certificate files")
}

/// `sslmode=verify-full` against the CA of `ca`.
pub fn verified(ca: &Path) -> String {
    format!("sslmode=verify-full&sslrootcert={}", ca.display())
}

/// The three roles of the site on `pg` over verified TLS, as a deployment configures them.
pub fn tls_db_config(pg: &PgChild, ca: &Path) -> DbConfig {
    DbConfig {
        database_url: pg.url("vinops", &verified(ca)).into(),
        etl_database_url: pg.url("vinops_etl", &verified(ca)).into(),
        web_database_url: pg.url("vinops_web", &verified(ca)).into(),
        web_pool_max: 2,
        web_statement_timeout_ms: 5000,
    }
}

/// The newest installed PostgreSQL's binaries (`PG_BINDIR` overrides).
fn bindir() -> PathBuf {
    if let Ok(dir) = std::env::var("PG_BINDIR") {
        return PathBuf::from(dir);
    }
    let mut versions: Vec<u32> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL under /usr/lib/postgresql (or set PG_BINDIR)")
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    versions.sort_unstable();
    let v = versions.last().expect("an installed PostgreSQL version");
    PathBuf::from(format!("/usr/lib/postgresql/{v}/bin"))
}

fn running_as_root() -> bool {
    let out = Command::new("id").arg("-u").output().expect("id -u");
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

fn append(path: &Path, text: &str) {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .expect("open for append");
    f.write_all(text.as_bytes()).expect("append");
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}
