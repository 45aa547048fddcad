//! A throwaway `s3s-fs` child process (a real S3-compatible server storing plain files) on its
//! own port and temp directory, for the storage and images tests; stop and start it again on the
//! same port and data to see what the code does while S3 is down. `deploy/scripts/setup.sh`
//! installs s3s-fs (0.14.1).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use server::storage::{Storage, StorageConfig};

pub const ACCESS_KEY: &str = "vinops-test-access";
pub const SECRET_KEY: &str = "vinops-test-secret-key";

/// A free port below the kernel's ephemeral range (32768+): a port the OS hands out to other
/// tests' `bind(0)` could be taken while this server is stopped, and a restart would then talk
/// to someone else's server.
fn free_port() -> u16 {
    loop {
        let pick = 20_000 + (uuid::Uuid::new_v4().as_u128() % 10_000) as u16;
        if TcpListener::bind(("127.0.0.1", pick)).is_ok() {
            return pick;
        }
    }
}

pub struct S3Child {
    pub port: u16,
    pub dir: PathBuf,
    child: Option<Child>,
}

impl S3Child {
    /// Starts s3s-fs on a free port over a fresh temp directory.
    pub fn start() -> S3Child {
        let dir = std::env::temp_dir().join(format!("vinops-s3-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("s3 data dir");
        let mut s = S3Child {
            port: free_port(),
            dir,
            child: None,
        };
        s.restart();
        s
    }

    /// (Re)starts the server on the same port and data, and waits until it accepts connections.
    pub fn restart(&mut self) {
        assert!(self.child.is_none(), "already running");
        let child = Command::new("s3s-fs")
            .args(["--host", "127.0.0.1", "--port", &self.port.to_string()])
            .args(["--access-key", ACCESS_KEY, "--secret-key", SECRET_KEY])
            .arg(&self.dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("s3s-fs on PATH (deploy/scripts/setup.sh installs it)");
        let mut child = child;
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "s3s-fs did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        // Listening, and it is ours: a child that could not bind has exited by now.
        std::thread::sleep(Duration::from_millis(50));
        assert!(
            matches!(child.try_wait(), Ok(None)),
            "s3s-fs exited (port {} taken?)",
            self.port
        );
        self.child = Some(child);
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Storage settings for `bucket` on this server, with short timeouts.
    pub fn config(&self, bucket: &str) -> StorageConfig {
        let mut cfg = StorageConfig::s3(&self.endpoint(), bucket, ACCESS_KEY, SECRET_KEY);
        cfg.s3_timeout_ms = 2000;
        cfg
    }

    /// A store on a new bucket of this server.
    pub async fn storage(&self) -> Storage {
        Storage::from_config(&self.bucket().await).expect("s3 config")
    }

    /// The settings of a new bucket of this server (created).
    pub async fn bucket(&self) -> StorageConfig {
        let bucket = format!("t{}", &uuid::Uuid::new_v4().simple().to_string()[..12]);
        let cfg = self.config(&bucket);
        match Storage::from_config(&cfg).expect("s3 config") {
            Storage::S3(s) => s.ensure_bucket().await.expect("create bucket"),
            Storage::Local(_) => unreachable!("configured with a bucket"),
        }
        cfg
    }

    /// SIGKILL, and waits until the process is gone (the data stays).
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().ok();
            child.wait().ok();
        }
    }
}

impl Drop for S3Child {
    fn drop(&mut self) {
        self.kill();
        std::fs::remove_dir_all(&self.dir).ok();
    }
}
