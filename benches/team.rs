//! `cargo bench --bench team`: five moderators working at once on one store,
//! side by side on SQLite (one file, five processes' worth of connections)
//! and PostgreSQL (a server the benchmark starts itself, every commit
//! flushed). Each moderator, on a connection of their own, takes the next
//! conversation nobody has (`n`), reads it, tags it and queues a reply:
//! one sample is 5 moderators × 20 conversations. Stores of 100,000
//! messages (about 26,000 conversations).

use criterion::{Criterion, criterion_group, criterion_main};
use palabre::inbox::Store;
use palabre::store::{Change, QueueFilter, ReplyCheck};
use palabre_test_server::postgres;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const MESSAGES: u64 = 100_000;
const MODERATORS: usize = 5;
const EACH: usize = 20;

mod common;

fn import(location: &Path) {
    common::import_generated(location, MESSAGES, 7);
}

/// Five moderators at once, each taking, reading, tagging and answering
/// `EACH` conversations; how long until the last is done.
fn round(location: &Path) -> Duration {
    let start = Instant::now();
    std::thread::scope(|s| {
        for m in 0..MODERATORS {
            s.spawn(move || {
                let mut store = Store::open(location).expect("open");
                let who = format!("mod{m}");
                for _ in 0..EACH {
                    let Some(id) = store
                        .take_next(&QueueFilter::default(), &who, chrono::Utc::now())
                        .expect("next")
                    else {
                        panic!("the store ran out of conversations: make it larger");
                    };
                    store.conversation(id).expect("read");
                    store
                        .apply(id, Change::Tag(vec!["bench".into()]), &who)
                        .expect("tag");
                    store
                        .apply(
                            id,
                            Change::QueueReply {
                                text: "Thanks, we are on it.".into(),
                                check: ReplyCheck::Once,
                            },
                            &who,
                        )
                        .expect("reply");
                }
            });
        }
    });
    start.elapsed()
}

fn bench_team(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let sqlite: PathBuf = dir.path().join("team.db");
    import(&sqlite);
    let server = postgres::start_with(postgres::FOR_BENCHMARKS).expect("a PostgreSQL server");
    let url = PathBuf::from(server.fresh_database("team").expect("database"));
    import(&url);
    let mut group = c.benchmark_group("five_moderators");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for (name, location) in [("sqlite", &sqlite), ("postgres", &url)] {
        group.bench_function(format!("{name}_5x20_take_read_tag_reply"), |b| {
            b.iter_custom(|iters| (0..iters).map(|_| round(location)).sum())
        });
    }
    group.finish();
}

criterion_group!(benches, bench_team);
criterion_main!(benches);
