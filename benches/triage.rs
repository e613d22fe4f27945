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
    // The crisis detector over a month of mentions at a busy brand's pace.
    let start = chrono::DateTime::parse_from_rfc3339("2026-10-01T00:00:00Z")
        .expect("time")
        .to_utc();
    let rhythm = [30.0; 168];
    let mentions =
        palabre::triage::crisis::background(&rhythm, start, start + chrono::Duration::days(30), 1);
    group.bench_function(
        format!("crisis_detector_{}_mentions", mentions.len()),
        |b| {
            b.iter(|| {
                let mut d = palabre::triage::crisis::Detector::new(Default::default());
                mentions.iter().filter_map(|m| d.push(m)).count()
            })
        },
    );
    group.finish();
}

criterion_group!(benches, bench_triage);
criterion_main!(benches);
