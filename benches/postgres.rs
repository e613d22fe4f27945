//! `cargo bench --bench postgres`: the team edition's store on a real
//! PostgreSQL server that the benchmark starts itself (Debian's postgresql
//! package; every commit flushed to disk, 1 GB of shared buffers): import
//! 1,000,000 messages (COPY), then query the queue and search on that
//! store, the same measures as `--bench store` on SQLite. The messages
//! file is shared with that benchmark (target/bench-data/).

use criterion::{Criterion, criterion_group, criterion_main};
use palabre::inbox::Store;
use palabre::inbox::{ImportOptions, import::import_reader};
use palabre::model::{Channel, Status};
use palabre::store::QueueFilter;
use palabre_test_server::postgres;
use std::path::Path;
use std::time::{Duration, Instant};

mod common;
use common::{N, messages_file};

/// Imports `file` into a new, empty database `name`, as `palabre import`
/// does, with the crisis scan after it.
fn import_into(server: &postgres::Server, name: &str, file: &Path) -> Duration {
    let url = server.fresh_database(name).expect("a fresh database");
    // The schema is made by the first open, before the clock starts: a
    // team's database is created once, then imported into.
    drop(Store::open(Path::new(&url)).expect("open"));
    let start = Instant::now();
    let mut store = Store::open(Path::new(&url)).expect("open");
    let reader =
        std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(file).expect("open data"));
    let options = ImportOptions {
        expected_bytes: std::fs::metadata(file).ok().map(|m| m.len()),
        ..Default::default()
    };
    let outcome =
        import_reader(&mut store, reader, "bench", "bench", &options, |_| {}).expect("import");
    assert_eq!(outcome.report.new, N);
    palabre::inbox::crisis::scan(&mut store, palabre::inbox::crisis::DETECTOR)
        .expect("crisis scan");
    start.elapsed()
}

fn bench_postgres(c: &mut Criterion) {
    let file = messages_file();
    let server = postgres::start_with(postgres::FOR_BENCHMARKS).expect("a PostgreSQL server");
    let mut group = c.benchmark_group("postgres_import");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(300));
    group.bench_function("import_1m_messages", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| import_into(&server, "import_scratch", &file))
                .sum()
        })
    });
    group.finish();

    let took = import_into(&server, "store_1m", &file);
    let url = format!("postgres://palabre@127.0.0.1:{}/store_1m", server.port());
    let store = Store::open(Path::new(&url)).expect("open store");
    eprintln!(
        "database for {N} messages: {:.0} MB (imported in {took:.1?})",
        server.database_size("store_1m").unwrap_or(0) as f64 / 1e6
    );
    let mut group = c.benchmark_group("postgres_queries_1m");
    group.bench_function("list_limit50_channel_status", |b| {
        let filter = QueueFilter {
            channel: Some(Channel::Instagram),
            status: Some(Status::New),
            limit: 50,
            ..Default::default()
        };
        b.iter(|| assert_eq!(store.list(&filter).expect("list").len(), 50))
    });
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

criterion_group!(benches, bench_postgres);
criterion_main!(benches);
