//! The 1,000,000-message store the benchmarks share, kept under
//! target/bench-data/ (built on first use, or by `cargo bench --bench store`).

use palabre::inbox::Store;
use palabre::inbox::{ImportOptions, import::import_reader};
use std::path::{Path, PathBuf};

pub const N: u64 = 1_000_000;

pub fn store_path() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-data");
    std::fs::create_dir_all(&dir).expect("bench dir");
    let db = dir.join(format!("store-{N}.db"));
    if !db.exists() {
        let mut data = Vec::new();
        palabre::benchgen::generate(N, 1, &mut data).expect("generate");
        let mut store = Store::open(&db).expect("open");
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
    db
}
