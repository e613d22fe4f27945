//! The import pipeline: one stream in one transaction, parsed and scored on
//! one thread while the store writes on another. A bad line stops the
//! stream and leaves the store untouched, unless `skip_invalid`.

use super::Store;
use crate::ingest::{self, LineError, LineResult};
use crate::model::Scores;
use crate::store::{ImportReport, StoreError};
use std::io::BufRead;
use std::sync::mpsc;

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub skip_invalid: bool,
    /// The stream's size in bytes, if known: sizes the import's maps.
    pub expected_bytes: Option<u64>,
}

/// A short interchange line, to estimate a file's messages from its size
/// (too many costs a little memory, too few a little time).
const TYPICAL_LINE: u64 = 300;

/// Why a file was not imported.
#[derive(Debug)]
pub enum ImportError {
    /// A line is invalid and `skip_invalid` is off; nothing of the file was kept.
    Line(LineError),
    Io(std::io::Error),
    Store(StoreError),
}

/// What one file produced: totals and, with `skip_invalid`, the skipped lines.
#[derive(Debug, Default)]
pub struct FileOutcome {
    pub report: ImportReport,
    pub skipped: Vec<LineError>,
}

const BATCH: usize = 512;

/// What the parser thread sends the store's writer.
enum Parsed {
    Lines(Vec<Result<(crate::model::Message, Option<Scores>), LineError>>),
    /// The end of the stream, or why it could not be read to the end: the
    /// writer commits only after a complete read.
    End(std::io::Result<()>),
}

/// Imports one stream in one transaction. The store's writer has a thread
/// to itself: another parses and scores the lines, so that JSON and triage
/// cost the writer nothing (and a third indexes for search, see
/// `store::search`).
pub fn import_reader<R: BufRead + Send>(
    store: &mut Store,
    reader: R,
    source: &str,
    actor: &str,
    options: &ImportOptions,
    mut progress: impl FnMut(u64),
) -> Result<FileOutcome, ImportError> {
    let learned = store.learned().map_err(ImportError::Store)?;
    let mut importer = store.importer(actor, source).map_err(ImportError::Store)?;
    if let Some(bytes) = options.expected_bytes {
        importer.expect_messages(usize::try_from(bytes / TYPICAL_LINE).unwrap_or(usize::MAX));
    }
    let mut skipped = Vec::new();
    let (send, receive) = mpsc::sync_channel::<Parsed>(64);
    std::thread::scope(|scope| {
        let parser = scope.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            let read = ingest::read_jsonl(reader, |r: LineResult| {
                batch.push(r.map(|m| {
                    let scores = learned.scores_for(&m);
                    (m, scores)
                }));
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    return send.send(Parsed::Lines(full)).is_ok();
                }
                true
            });
            if !batch.is_empty() {
                let _ = send.send(Parsed::Lines(batch));
            }
            let _ = send.send(Parsed::End(read));
        });
        let mut lines = 0u64;
        let mut outcome = Err(ImportError::Io(std::io::Error::other(
            "the parser thread stopped",
        )));
        'outer: for parsed in receive.iter() {
            let batch = match parsed {
                Parsed::Lines(batch) => batch,
                Parsed::End(read) => {
                    outcome = read.map_err(ImportError::Io);
                    break;
                }
            };
            for result in batch {
                lines += 1;
                match result {
                    Ok((message, scores)) => {
                        if let Err(e) = importer.add_owned(message, scores.as_ref()) {
                            outcome = Err(ImportError::Store(e));
                            break 'outer;
                        }
                    }
                    Err(e) if options.skip_invalid => {
                        importer.skip();
                        skipped.push(e);
                    }
                    Err(e) => {
                        outcome = Err(ImportError::Line(e));
                        break 'outer;
                    }
                }
            }
            progress(lines);
        }
        // Dropping the receiver stops the parser if we broke out early.
        drop(receive);
        // Commit, or (dropping the importer) roll back.
        let outcome = outcome.and_then(|()| importer.finish().map_err(ImportError::Store));
        if parser.join().is_err() {
            return Err(ImportError::Io(std::io::Error::other(
                "the parser thread panicked",
            )));
        }
        outcome.map(|report| FileOutcome { report, skipped })
    })
}

/// Imports one parsed page in one transaction: all of it, or (on a store
/// error) nothing. Items the parser could not read count as skipped.
pub fn import_parsed(
    store: &mut Store,
    parsed: &crate::channels::Parsed,
    source: &str,
    actor: &str,
) -> Result<ImportReport, StoreError> {
    let learned = store.learned()?;
    let mut importer = store.importer(actor, source)?;
    for message in &parsed.messages {
        importer.add_scored(message, learned.scores_for(message).as_ref())?;
    }
    for _ in &parsed.skipped {
        importer.skip();
    }
    // Dropped without `finish` on an error above: the transaction rolls back.
    importer.finish()
}
