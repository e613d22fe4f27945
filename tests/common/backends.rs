//! Every backend this build can open, each with a fresh, empty store: the
//! embedded one in a temporary folder, PostgreSQL in a new database of the
//! test binary's own server (`palabre_test_server::postgres`). Without
//! PostgreSQL's programs that one is skipped loudly, unless
//! PALABRE_REQUIRE_POSTGRES is set.

use palabre::inbox::Store;
use palabre_test_server::postgres;
use std::path::PathBuf;

pub struct Opened {
    pub name: &'static str,
    pub store: Store,
    /// What `--db` takes to open the same store again (a file or a URL).
    pub location: PathBuf,
    _dir: tempfile::TempDir,
}

#[allow(dead_code)] // Not every test binary opens a second connection.
impl Opened {
    /// The same store again, on a connection of its own (another moderator).
    pub fn open_again(&self) -> Store {
        Store::open(&self.location).expect("open again")
    }
}

/// A fresh store on each backend, for the test named `test`.
pub fn each(test: &str) -> Vec<Opened> {
    let mut out = vec![sqlite()];
    out.extend(postgres(test));
    out
}

pub fn sqlite() -> Opened {
    let dir = tempfile::tempdir().expect("temp dir");
    let location = dir.path().join("palabre.db");
    Opened {
        name: "sqlite",
        store: Store::open(&location).expect("open sqlite"),
        location,
        _dir: dir,
    }
}

/// A fresh database on the test binary's PostgreSQL server.
pub fn postgres(test: &str) -> Option<Opened> {
    let server = postgres::shared_or_skip(test)?;
    let url = server.database(test).expect("create a database");
    let location = PathBuf::from(&url);
    Some(Opened {
        name: "postgres",
        store: Store::open(&location).expect("open postgres"),
        location,
        _dir: tempfile::tempdir().expect("temp dir"),
    })
}
