//! The 1,000,000-message store the benchmarks share, kept under
//! target/bench-data/ (built on first use, or by `cargo bench --bench store`).

use palabre::inbox::Store;
use palabre::inbox::{ImportOptions, import::import_reader};
use std::path::{Path, PathBuf};

pub const N: u64 = 1_000_000;

/// target/bench-data/, where the benchmarks keep their data.
pub fn data_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-data");
    std::fs::create_dir_all(&dir).expect("bench dir");
    dir
}

#[allow(dead_code)] // Not every benchmark reads the shared store.
pub fn store_path() -> PathBuf {
    let db = data_dir().join(format!("store-{N}.db"));
    if !db.exists() {
        import_generated(&db, N, 1);
    }
    db
}

/// Imports `n` generated messages (from `seed`) into the store at
/// `location` (a file, or a PostgreSQL URL).
pub fn import_generated(location: &Path, n: u64, seed: u64) {
    let mut data = Vec::new();
    palabre::benchgen::generate(n, seed, &mut data).expect("generate");
    let mut store = Store::open(location).expect("open");
    import_reader(
        &mut store,
        data.as_slice(),
        "bench",
        "bench",
        &ImportOptions::default(),
        |_| {},
    )
    .expect("import");
}

/// The 1,000,000 messages as a file (`palabre bench-gen 1000000`), made
/// once and shared by the import benchmarks.
#[allow(dead_code)] // Not every benchmark imports the file.
pub fn messages_file() -> PathBuf {
    let path = data_dir().join(format!("messages-{N}.jsonl"));
    if !path.exists() {
        let tmp = path.with_extension("tmp");
        let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp).expect("create"));
        palabre::benchgen::generate(N, 1, &mut out).expect("generate");
        drop(out);
        std::fs::rename(&tmp, &path).expect("rename");
    }
    path
}
