//! What the sync tests need around the scripted HTTP server
//! (`crates/test-server`, re-exported here): the fixtures, an account entry
//! pointing at the server, and palabre's HTTP client with short waits.
#![allow(dead_code)]

use palabre::config::AccountEntry;
use palabre::model::Channel;
use std::time::Duration;

pub use palabre_test_server::*;

/// A file of `tests/fixtures/`.
pub fn fixture(path: &str) -> String {
    let full = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

pub fn entry(network: Channel, base_url: &str, handle: &str) -> AccountEntry {
    AccountEntry {
        name: format!("{network}-test"),
        network,
        base_url: Some(base_url.to_string()),
        handle: handle.to_string(),
        id: None,
        token_env: None,
        token_file: None,
        poll_seconds: None,
    }
}

/// Short waits, so that retries and time-outs take milliseconds.
pub fn http(timeout: Duration) -> palabre::channels::http::Http {
    palabre::channels::http::Http::new(palabre::channels::http::Policy {
        attempts: 3,
        backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(40),
        timeout,
        max_wait: Duration::from_secs(3),
    })
    .unwrap()
}

/// The stores a test runs against: the embedded one and PostgreSQL.
#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// A new, empty store for the test named `test`: a folder kept while
    /// the test runs, and what `--db` takes (a file, or a database's URL on
    /// the test binary's PostgreSQL server). None when PostgreSQL is not
    /// installed and not required (the skip is said loudly).
    pub fn fresh(self, test: &str) -> Option<(tempfile::TempDir, std::path::PathBuf)> {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = match self {
            Backend::Sqlite => dir.path().join("palabre.db"),
            Backend::Postgres => {
                let server = palabre_test_server::postgres::shared_or_skip(test)?;
                server.database(test).expect("a database").into()
            }
        };
        Some((dir, db))
    }
}

/// Runs each named `async fn NAME(backend: Backend)` as two tests,
/// `NAME::sqlite` and `NAME::postgres`.
#[allow(unused_macros)] // Not every test binary runs on both.
macro_rules! on_both_backends {
    ($($test:ident),* $(,)?) => {$(
        mod $test {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$test(super::common::Backend::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$test(super::common::Backend::Postgres).await
            }
        }
    )*};
}
