//! What the clients' tests need around the scripted HTTP server
//! (`crates/test-server`, re-exported here): palabre's HTTP client with
//! short waits, the fixtures (`tests/fixtures/`) and a store in a temporary
//! directory.

use std::time::Duration;

pub use super::testing::fixture;
pub use palabre_test_server::*;

/// The clients' HTTP for tests: quick retries, and a time-out short enough
/// for a test yet long enough for a busy machine.
pub fn http() -> super::http::Http {
    super::http::Http::new(super::http::Policy {
        attempts: 3,
        backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(50),
        timeout: Duration::from_millis(1500),
        max_wait: Duration::from_secs(3),
    })
    .expect("http client")
}

/// Longer than [`http`]'s time-out: the answer never reaches the client.
pub const TOO_LATE: Duration = Duration::from_secs(3);

/// A store in a temporary directory, and what tests need from it.
pub mod store {
    use crate::inbox::Store;
    use crate::store::Change;
    use std::path::PathBuf;

    pub struct TempStore {
        pub _dir: tempfile::TempDir,
        pub path: PathBuf,
    }

    pub fn temp() -> TempStore {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("palabre.db");
        Store::open(&path).expect("open store");
        TempStore { _dir: dir, path }
    }

    impl TempStore {
        /// The SQLite store itself: the counts below are its own.
        pub fn open(&self) -> Store<crate::store::Sqlite> {
            Store::sqlite(&self.path, Default::default()).expect("open store")
        }

        /// Queues `text` in the conversation holding `channel:ext_id`.
        pub fn queue_reply(&self, reference: &str, text: &str) -> i64 {
            let mut store = self.open();
            let conv = store.resolve_conversation(reference).expect("conversation");
            store
                .apply(
                    conv,
                    Change::QueueReply {
                        text: text.to_string(),
                        // Tests queue second replies on purpose.
                        check: crate::store::ReplyCheck::Anyway,
                    },
                    "test",
                )
                .expect("queue");
            conv
        }

        /// (status, remote id, error) of every outbox row.
        pub fn outbox(&self) -> Vec<(String, Option<String>, Option<String>)> {
            let store = self.open();
            store.outbox_rows_for_tests()
        }

        pub fn message_count(&self) -> i64 {
            self.open().message_count_for_tests()
        }

        pub fn cursor(&self, account: &str) -> Option<String> {
            self.open().account_cursor(account).expect("cursor")
        }
    }
}
