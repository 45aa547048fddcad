//! A throwaway PostgreSQL cluster of the machine's own binaries (`initdb` + `pg_ctl`) on a free
//! port, configured like production rather than like the development cluster: TLS on with a
//! certificate from a test CA, passwords (SCRAM) for every TCP login, and plain TCP refused.
//! Run as the `postgres` user when the tests run as root (`initdb` refuses root).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use vinops_dev::pki::PkiFiles;

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
        let dir = std::env::temp_dir().join(format!("vinops-pg-{}", uuid::Uuid::new_v4().simple()));
        let data = dir.join("data");
        std::fs::create_dir_all(&dir).expect("cluster dir");
        let as_postgres = running_as_root();
        let pg = PgChild {
            port,
            bin: bindir(),
            data,
            dir,
            as_postgres,
        };
        if as_postgres {
            run(Command::new("chown").args(["postgres:postgres", pg.dir.to_str().unwrap()]));
        }
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
        let conf = format!(
            "\nport = {port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{}'\n\
             ssl = on\nssl_cert_file = 'server.pem'\nssl_key_file = 'server.key'\n\
             fsync = off\nmax_connections = 40\n",
            pg.dir.display()
        );
        append(&pg.data.join("postgresql.conf"), &conf);
        std::fs::write(
            pg.data.join("pg_hba.conf"),
            "local all all trust\n\
             hostssl all all 127.0.0.1/32 scram-sha-256\n\
             hostnossl all all 127.0.0.1/32 reject\n",
        )
        .expect("pg_hba.conf");
        let log = pg.dir.join("log");
        pg.pg(
            "pg_ctl",
            &[
                "-D",
                pg.data.to_str().unwrap(),
                "-l",
                log.to_str().unwrap(),
                "-w",
                "-t",
                "30",
                "start",
            ],
        );
        pg.psql_in(
            "postgres",
            &format!("CREATE ROLE vinops LOGIN CREATEROLE CREATEDB PASSWORD '{PASSWORD}'"),
        );
        pg.psql_in("postgres", "CREATE DATABASE vinops OWNER vinops");
        pg
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
