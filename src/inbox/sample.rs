//! The bundled sample data: the demo's store, and the rhythm of ordinary
//! traffic the crisis replay mixes a timeline into.

use super::Store;
use super::import::{ImportError, ImportOptions, import_reader};
use crate::model::Message;
use crate::store::ImportReport;
use chrono::{DateTime, Duration, Utc};

/// The sample conversations, built into the binary so the demo works from
/// anywhere.
pub const SAMPLE: &str = include_str!("../../sample-data/conversations.jsonl");

/// How old the sample's newest message is in a new demo store: a morning
/// under way, not a month-old archive.
const FRESHEST: Duration = Duration::minutes(12);

/// The sample's messages, as written.
fn messages() -> Vec<Message> {
    SAMPLE
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .filter_map(|(i, l)| crate::ingest::parse_line(l, i + 1).ok())
        .collect()
}

/// How far the sample's times move so that its newest message is recent
/// at `now`; in a store that already holds the sample, the shift it was
/// given then (so that loading again adds nothing, and a demo store a
/// person worked in keeps its history consistent).
fn shift(store: &Store, sample: &[Message], now: DateTime<Utc>) -> Duration {
    let Some(newest) = sample.iter().map(|m| m.created_at).max() else {
        return Duration::zero();
    };
    if let Some(first) = sample.first()
        && let Ok(conv) = store.resolve_conversation(&format!("{}:{}", first.channel, first.id))
        && let Ok(stored) = store.messages(conv)
        && let Some(m) = stored.iter().find(|m| m.message.id == first.id)
    {
        return m.message.created_at - first.created_at;
    }
    let shift = now - FRESHEST - newest;
    // Whole minutes: the sample's seconds stay as they were.
    Duration::minutes(shift.num_minutes())
}

/// Imports the sample with its times moved to just before `now` (adding
/// nothing when it is already there) and treats it as any arrival.
pub fn load(
    store: &mut Store,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<ImportReport, ImportError> {
    let sample = messages();
    let by = shift(store, &sample, now);
    let mut lines = Vec::with_capacity(SAMPLE.len());
    for mut m in sample {
        m.created_at += by;
        serde_json::to_writer(&mut lines, &m).map_err(|e| ImportError::Io(e.into()))?;
        lines.push(b'\n');
    }
    let outcome = import_reader(
        store,
        lines.as_slice(),
        "sample-data/conversations.jsonl",
        actor,
        &ImportOptions::default(),
        |_| {},
    )?;
    store.arrived(&outcome.report).map_err(ImportError::Store)?;
    Ok(outcome.report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_line_is_a_valid_message() {
        let lines = SAMPLE.lines().filter(|l| !l.trim().is_empty()).count();
        assert_eq!(messages().len(), lines);
    }

    #[test]
    fn the_demo_looks_like_this_morning_and_loading_again_adds_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.db");
        let now = "2027-03-02T09:30:00Z".parse::<DateTime<Utc>>().unwrap();
        let mut store = Store::open(&path).unwrap();
        let first = load(&mut store, "t", now).unwrap();
        assert_eq!(first.new as usize, messages().len());
        let latest = store.latest_message_at().unwrap().unwrap();
        assert!(
            latest <= now && now - latest <= Duration::minutes(13),
            "{latest}"
        );
        // A day later the same store is loaded again: nothing moves.
        let again = load(&mut store, "t", now + Duration::days(1)).unwrap();
        assert_eq!((again.new, again.updated), (0, 0));
        assert_eq!(store.latest_message_at().unwrap(), Some(latest));
    }
}
