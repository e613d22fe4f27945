//! A real PostgreSQL server for tests and benchmarks, started from Debian's
//! `postgresql` package: `initdb` in a temporary folder, `pg_ctl start` on a
//! free port of 127.0.0.1 with its socket in that folder, as a non-root
//! user (the `postgres` account when run as root, as CI is). One server per
//! process ([`shared`]), one database per test ([`Server::database`]); it
//! is stopped and its folder removed when the process exits.
//!
//! Without PostgreSQL's programs the tests skip loudly, unless
//! `PALABRE_REQUIRE_POSTGRES` is set (CI sets it): then they fail.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// A running server.
pub struct Server {
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
    /// Run the server's programs as this user (when we are root).
    user: Option<String>,
    next: AtomicUsize,
}

impl Drop for Server {
    /// A server of one's own (`start`) stops with its value; the shared
    /// one is never dropped and stops at exit.
    fn drop(&mut self) {
        self.stop();
    }
}

impl Server {
    /// A URL to the server's maintenance database.
    pub fn admin_url(&self) -> String {
        format!("postgres://palabre@127.0.0.1:{}/postgres", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The folder holding the socket (`host=` for a local connection).
    pub fn socket_dir(&self) -> &Path {
        &self.dir
    }

    /// A new, empty database for one test: its URL.
    pub fn database(&self, label: &str) -> Result<String, String> {
        let n = self.next.fetch_add(1, Ordering::SeqCst);
        let clean: String = label
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .take(40)
            .collect();
        let name = format!("t{n}_{clean}");
        self.psql(&format!("CREATE DATABASE \"{name}\""))?;
        Ok(format!("postgres://palabre@127.0.0.1:{}/{name}", self.port))
    }

    /// Runs one SQL command on the maintenance database with psql.
    pub fn psql(&self, sql: &str) -> Result<(), String> {
        self.psql_on("postgres", sql)
    }

    /// Runs one SQL command on `database` with psql.
    pub fn psql_on(&self, database: &str, sql: &str) -> Result<(), String> {
        let out = Command::new(self.bin.join("psql"))
            .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h"])
            .arg(&self.dir)
            .args([
                "-p",
                &self.port.to_string(),
                "-U",
                "palabre",
                "-d",
                database,
                "-c",
                sql,
            ])
            .output()
            .map_err(|e| format!("psql: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(format!(
                "psql {sql}: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ))
        }
    }

    /// Cuts every client connection to `database` (a dropped connection,
    /// as a network cut or a restart of the server makes it).
    pub fn disconnect_all(&self, database: &str) -> Result<(), String> {
        self.psql(&format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid()"
        ))
    }

    /// Drops `name` if it exists and makes it again, empty: its URL.
    pub fn fresh_database(&self, name: &str) -> Result<String, String> {
        self.psql(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))?;
        self.psql(&format!("CREATE DATABASE \"{name}\""))?;
        Ok(format!("postgres://palabre@127.0.0.1:{}/{name}", self.port))
    }

    /// The size of database `name` on disk, in bytes.
    pub fn database_size(&self, name: &str) -> Result<u64, String> {
        self.query("postgres", &format!("SELECT pg_database_size('{name}')"))?
            .parse()
            .map_err(|e| format!("pg_database_size: {e}"))
    }

    /// The rows `sql` returns on `database` (over the socket, as the
    /// superuser), one a line, columns separated by `|`.
    pub fn query(&self, database: &str, sql: &str) -> Result<String, String> {
        let out = Command::new(self.bin.join("psql"))
            .args(["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h"])
            .arg(&self.dir)
            .args([
                "-p",
                &self.port.to_string(),
                "-U",
                "palabre",
                "-d",
                database,
                "-c",
                sql,
            ])
            .output()
            .map_err(|e| format!("psql: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "psql {sql}: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    }

    fn stop(&self) {
        let _ = self
            .as_server_user(self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "immediate", "-w", "stop"])
            .output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }

    fn as_server_user(&self, program: PathBuf) -> Command {
        as_user(self.user.as_deref(), program)
    }
}

fn as_user(user: Option<&str>, program: PathBuf) -> Command {
    use std::os::unix::process::CommandExt;
    let mut c = match user {
        Some(user) => {
            let mut c = Command::new("runuser");
            c.args(["-u", user, "--"]).arg(program);
            c
        }
        None => Command::new(program),
    };
    // The server outlives this command: it must not keep what the test
    // process inherited open (a build lock held by `flock cargo test`
    // would stay held while a leftover server runs).
    // SAFETY: only fcntl, which is async-signal-safe, between fork and exec.
    unsafe {
        c.pre_exec(|| {
            for fd in 3..1024 {
                libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC);
            }
            Ok(())
        });
    }
    c
}

/// Where PostgreSQL's server programs are: PALABRE_POSTGRES_BIN if set (a
/// folder holding initdb, pg_ctl and psql), else the newest of Debian's
/// /usr/lib/postgresql/N/bin, else `initdb` on the PATH.
pub fn programs() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PALABRE_POSTGRES_BIN") {
        let dir = PathBuf::from(dir);
        return dir.join("initdb").exists().then_some(dir);
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let v = e.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((v, bin))
        })
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return Some(bin);
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .find(|p| p.join("initdb").exists() && p.join("pg_ctl").exists())
    })
}

/// Settings for tests: nothing is flushed to disk (a crash loses the
/// test's data, which nobody keeps).
const FOR_TESTS: &str = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off";

/// Settings for benchmarks: as durable as a real server (every commit
/// flushed), with the memory a team's server would be given.
pub const FOR_BENCHMARKS: &str =
    "-c shared_buffers=1GB -c maintenance_work_mem=512MB -c max_wal_size=8GB -c work_mem=32MB";

/// Starts a server for tests in a new temporary folder.
pub fn start() -> Result<Server, String> {
    start_with(FOR_TESTS)
}

/// Starts a server in a new temporary folder with `settings` (`-c name=value …`).
pub fn start_with(settings: &str) -> Result<Server, String> {
    start_configured(settings, &[], None)
}

/// A server's certificate, its key, and the certificate authority it
/// trusts for client certificates (PEM).
pub struct Tls<'a> {
    pub cert_pem: &'a str,
    pub key_pem: &'a str,
    pub client_ca_pem: Option<&'a str>,
}

/// Starts a server for tests that takes encrypted connections (`ssl=on`)
/// with `tls`; `hba` are pg_hba.conf lines read before the ones that trust
/// every local connection (e.g. `hostssl all lea 127.0.0.1/32 scram-sha-256`).
pub fn start_tls(tls: &Tls<'_>, hba: &[&str]) -> Result<Server, String> {
    let mut files = vec![("server.crt", tls.cert_pem), ("server.key", tls.key_pem)];
    let mut settings =
        format!("{FOR_TESTS} -c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key");
    if let Some(ca) = tls.client_ca_pem {
        files.push(("client-ca.crt", ca));
        settings.push_str(" -c ssl_ca_file=client-ca.crt");
    }
    let mut rules: Vec<&str> = hba.to_vec();
    rules.extend([
        "local all all trust",
        "host all all 127.0.0.1/32 trust",
        "host all all ::1/128 trust",
    ]);
    start_configured(&settings, &files, Some(&rules.join("\n")))
}

/// Starts a server with `settings`, `files` written into its data folder
/// (owned by the server's user, readable by it alone: PostgreSQL refuses a
/// key others can read) and `hba` as its pg_hba.conf when given.
fn start_configured(
    settings: &str,
    files: &[(&str, &str)],
    hba: Option<&str>,
) -> Result<Server, String> {
    let bin = programs().ok_or("PostgreSQL's programs (initdb, pg_ctl) are not installed")?;
    // SAFETY: getuid has no preconditions.
    let root = unsafe { libc::getuid() } == 0;
    let user = root.then(|| "postgres".to_string());
    let dir = std::env::temp_dir().join(format!(
        "palabre-pg-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    ));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    if let Some(user) = &user {
        let (uid, gid) = account(user)?;
        chown(&dir, uid, gid)?;
    }
    let data = dir.join("data");
    let out = as_user(user.as_deref(), bin.join("initdb"))
        .arg("-D")
        .arg(&data)
        .args([
            "-U",
            "palabre",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ])
        .output()
        .map_err(|e| format!("initdb: {e}"))?;
    if !out.status.success() {
        let _ = std::fs::remove_dir_all(&dir);
        return Err(format!(
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let owner = match &user {
        Some(user) => Some(account(user)?),
        None => None,
    };
    let hba_file = hba.map(|h| ("pg_hba.conf", format!("{h}\n")));
    for (name, text) in files
        .iter()
        .map(|(n, t)| (*n, t.to_string()))
        .chain(hba_file)
    {
        let path = data.join(name);
        write_private(&path, &text)?;
        if let Some((uid, gid)) = owner {
            chown(&path, uid, gid)?;
        }
    }
    // A free port: the kernel picks one, the server takes it a moment later.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| format!("no free port: {e}"))?
        .port();
    let options = format!(
        "-p {port} -k {} -c listen_addresses=127.0.0.1 -c max_connections=300 {settings}",
        dir.display()
    );
    let out = as_user(user.as_deref(), bin.join("pg_ctl"))
        .arg("-D")
        .arg(&data)
        .args(["-o", &options, "-l"])
        .arg(dir.join("server.log"))
        .args(["-w", "-t", "60", "start"])
        .output()
        .map_err(|e| format!("pg_ctl: {e}"))?;
    if !out.status.success() {
        let log = std::fs::read_to_string(dir.join("server.log")).unwrap_or_default();
        let _ = std::fs::remove_dir_all(&dir);
        return Err(format!(
            "pg_ctl start failed: {} {}",
            String::from_utf8_lossy(&out.stderr).trim(),
            log.trim()
        ));
    }
    Ok(Server {
        dir,
        bin,
        port,
        user,
        next: AtomicUsize::new(0),
    })
}

fn account(user: &str) -> Result<(u32, u32), String> {
    let name = std::ffi::CString::new(user).map_err(|e| e.to_string())?;
    // SAFETY: getpwnam returns null or a pointer to static storage that we
    // read at once, with no other passwd call in between.
    unsafe {
        let pw = libc::getpwnam(name.as_ptr());
        if pw.is_null() {
            return Err(format!(
                "no user {user} to run PostgreSQL as (the postgresql package creates it)"
            ));
        }
        Ok(((*pw).pw_uid, (*pw).pw_gid))
    }
}

fn write_private(path: &Path, text: &str) -> Result<(), String> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn chown(path: &Path, uid: u32, gid: u32) -> Result<(), String> {
    std::os::unix::fs::chown(path, Some(uid), Some(gid))
        .map_err(|e| format!("{}: {e}", path.display()))
}

static SHARED: OnceLock<Result<&'static Server, String>> = OnceLock::new();
static STARTED: Mutex<Vec<&'static Server>> = Mutex::new(Vec::new());

extern "C" fn stop_started() {
    if let Ok(mut started) = STARTED.lock() {
        for server in started.drain(..) {
            server.stop();
        }
    }
}

/// Keeps `server` for the rest of the process and stops it at exit (a
/// server left running would outlive the tests, and hold whatever files
/// the test process had open).
pub fn for_the_process(server: Server) -> &'static Server {
    static REGISTERED: std::sync::Once = std::sync::Once::new();
    let server: &'static Server = Box::leak(Box::new(server));
    if let Ok(mut started) = STARTED.lock() {
        started.push(server);
    }
    // SAFETY: registers a plain function run once at exit.
    REGISTERED.call_once(|| unsafe {
        libc::atexit(stop_started);
    });
    server
}

/// The process's server, started on first use, stopped at exit.
pub fn shared() -> Result<&'static Server, String> {
    SHARED.get_or_init(|| Ok(for_the_process(start()?))).clone()
}

/// Whether a missing PostgreSQL must fail the tests (CI) rather than skip them.
pub fn required() -> bool {
    std::env::var_os("PALABRE_REQUIRE_POSTGRES").is_some_and(|v| !v.is_empty() && v != "0")
}

/// The shared server, or None (after saying so loudly) when it cannot be
/// had and it is not required. Panics when it is required.
pub fn shared_or_skip(test: &str) -> Option<&'static Server> {
    match shared() {
        Ok(server) => Some(server),
        Err(e) if !required() => {
            // Straight to the process's stderr: the test harness captures
            // what eprintln! writes, and a skip must not pass unseen.
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "\n!!! SKIPPED {test}: no PostgreSQL server ({e}).\n!!! Install Debian's postgresql package to run it; set PALABRE_REQUIRE_POSTGRES=1 to fail instead.\n"
            );
            None
        }
        Err(e) => panic!("{test}: PALABRE_REQUIRE_POSTGRES is set but no server could start: {e}"),
    }
}
