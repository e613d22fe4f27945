//! `cargo bench --bench store`: import 1,000,000 messages, then query the
//! queue and search on that store. Data and store are kept under
//! target/bench-data/ between runs.

use criterion::{Criterion, criterion_group, criterion_main};
use palabre::inbox::Store;
use palabre::inbox::{ImportOptions, import::import_reader};
use palabre::model::{Channel, Status};
use palabre::store::QueueFilter;
use std::path::Path;
use std::time::{Duration, Instant};

mod common;
use common::{N, data_dir, messages_file};

fn import_into(db: &Path, file: &Path) -> Duration {
    let search = palabre::store::search_path(db);
    for path in [db, search.as_path()] {
        for ext in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
        }
    }
    // The previous run's half gigabyte is written out before this one
    // starts: each run measures an import on a quiet disk.
    // SAFETY: sync(2) takes no arguments and cannot fail.
    unsafe { libc::sync() };
    let start = Instant::now();
    let mut store = Store::open(db).expect("open");
    let reader =
        std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(file).expect("open data"));
    // As `palabre import FILE` does: the file's size sizes the import, and
    // the crisis detector looks at what came in.
    let options = ImportOptions {
        expected_bytes: std::fs::metadata(file).ok().map(|m| m.len()),
        ..Default::default()
    };
    let outcome =
        import_reader(&mut store, reader, "bench", "bench", &options, |_| {}).expect("import");
    assert_eq!(outcome.report.new, N);
    palabre::inbox::crisis::scan(&mut store, palabre::inbox::crisis::DETECTOR)
        .expect("crisis scan");
    // Closing waits for the search index to commit: part of the import.
    drop(store);
    start.elapsed()
}

fn bench_store(c: &mut Criterion) {
    let file = messages_file();
    let mut group = c.benchmark_group("import");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(90));
    let scratch = data_dir().join("import-scratch.db");
    group.bench_function("import_1m_messages", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| import_into(&scratch, &file)).sum())
    });
    group.finish();

    let db = data_dir().join(format!("store-{N}.db"));
    if !db.exists() {
        import_into(&db, &file);
    }
    // Opened first: an older store is upgraded (and its size changes).
    let store = Store::open(&db).expect("open store");
    let search = palabre::store::search_path(&db);
    let size: u64 = [db.as_path(), search.as_path()]
        .iter()
        .flat_map(|p| ["", "-wal"].map(|ext| format!("{}{ext}", p.display())))
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    eprintln!(
        "store files (store and search index) for {N} messages: {:.0} MB",
        size as f64 / 1e6
    );

    let mut group = c.benchmark_group("queries_1m");
    group.bench_function("list_limit50_channel_status", |b| {
        let filter = QueueFilter {
            channel: Some(Channel::Instagram),
            status: Some(Status::New),
            limit: 50,
            ..Default::default()
        };
        b.iter(|| assert_eq!(store.list(&filter).expect("list").len(), 50))
    });
    // Search words of different frequencies: a rare pseudo-word, a domain word,
    // two words that must both appear, and the most common English word (in
    // nearly half the messages, and as the last word a prefix: "the*").
    for (name, query) in [
        ("search_rare_word", "kalo"),
        ("search_domain_word", "remboursement"),
        ("search_two_words", "refund waiting"),
        ("search_common_word", "the"),
    ] {
        group.bench_function(name, |b| {
            let filter = QueueFilter {
                search: Some(query.into()),
                limit: 50,
                ..Default::default()
            };
            b.iter(|| store.list(&filter).expect("search"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_store);
criterion_main!(benches);
