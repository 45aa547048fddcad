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

    fn start_with(port: u16, extra: &[&str]) -> RedisChild {
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string()])
            .args(["--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .args(["--daemonize", "no", "--loglevel", "warning"])
            .args(extra)
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
