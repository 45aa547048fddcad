//! A throwaway redis-server child process on its own port (no persistence), for tests that stop,
//! pause or kill Redis without touching the shared server.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A port nothing listens on right now (the OS picked it; it is released before use).
pub fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind an ephemeral port");
    listener.local_addr().expect("local addr").port()
}

pub struct RedisChild {
    port: u16,
    child: Option<Child>,
}

impl RedisChild {
    /// Starts `redis-server` on `port` and waits until it accepts connections.
    pub fn start(port: u16) -> RedisChild {
        RedisChild::start_with(port, &[])
    }

    /// Starts `redis-server` on `port` with `requirepass password`: clients must authenticate.
    pub fn start_with_password(port: u16, password: &str) -> RedisChild {
        RedisChild::start_with(port, &["--requirepass", password])
    }

    /// Starts `redis-server` speaking only TLS on `port` (no plain port), presenting the chain
    /// and key of `tls`; clients need no certificate of their own.
    pub fn start_tls(port: u16, tls: &vinops_dev::pki::PkiFiles) -> RedisChild {
        let path = |p: &std::path::Path| p.to_str().expect("UTF-8 path").to_owned();
        let args = [
            "--port".to_owned(),
            "0".to_owned(),
            "--tls-port".to_owned(),
            port.to_string(),
            "--tls-cert-file".to_owned(),
            path(&tls.chain),
            "--tls-key-file".to_owned(),
            path(&tls.key),
            "--tls-ca-cert-file".to_owned(),
            path(&tls.ca),
            "--tls-auth-clients".to_owned(),
            "no".to_owned(),
        ];
        RedisChild::spawn(port, &args.iter().map(String::as_str).collect::<Vec<_>>())
    }

    fn start_with(port: u16, extra: &[&str]) -> RedisChild {
        let port_arg = port.to_string();
        let mut args = vec!["--port", &port_arg];
        args.extend_from_slice(extra);
        RedisChild::spawn(port, &args)
    }

    /// `redis-server` with `args` after the common ones, waited for on `port`.
    fn spawn(port: u16, args: &[&str]) -> RedisChild {
        let child = Command::new("redis-server")
            .args(["--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .args(["--daemonize", "no", "--loglevel", "warning"])
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server on PATH");
        let deadline = Instant::now() + Duration::from_secs(5);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "redis-server did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        RedisChild {
            port,
            child: Some(child),
        }
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// The `rediss://` URL of a server started with [`RedisChild::start_tls`].
    pub fn tls_url(&self) -> String {
        format!("rediss://127.0.0.1:{}", self.port)
    }

    /// SIGSTOP: the server keeps its connections but answers nothing (a hung Redis).
    pub fn pause(&self) {
        self.signal("-STOP");
    }

    pub fn resume(&self) {
        self.signal("-CONT");
    }

    /// SIGKILL, and waits until the process is gone.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            // Resume first: a stopped process cannot be reaped promptly on every kernel.
            self.signal_pid(child.id(), "-CONT");
            child.kill().ok();
            child.wait().ok();
        }
    }

    fn signal(&self, sig: &str) {
        if let Some(child) = &self.child {
            self.signal_pid(child.id(), sig);
        }
    }

    fn signal_pid(&self, pid: u32, sig: &str) {
        let status = Command::new("kill")
            .args([sig, &pid.to_string()])
            .status()
            .expect("kill");
        assert!(status.success(), "kill {sig} {pid}");
    }
}

impl Drop for RedisChild {
    fn drop(&mut self) {
        self.kill();
    }
}
