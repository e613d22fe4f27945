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
