//! `cargo bench --bench triage`: scoring 100,000 messages (sentiment and
//! complaint, language detected when the message does not say) on one core.

use criterion::{Criterion, criterion_group, criterion_main};
use palabre::triage::classify::Scores;
use std::time::Duration;

fn bench_triage(c: &mut Criterion) {
    let mut data = Vec::new();
    palabre::benchgen::generate(100_000, 7, &mut data).expect("generate");
    let messages: Vec<palabre::model::Message> = String::from_utf8(data)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("message"))
        .collect();
    let mut group = c.benchmark_group("triage");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("score_100k_messages", |b| {
        b.iter(|| {
            messages
                .iter()
                .map(|m| Scores::of(&m.text, m.lang.as_deref()))
                .filter(|s| s.complaint > 0.5)
                .count()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_triage);
criterion_main!(benches);
