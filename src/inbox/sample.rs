//! The bundled sample data: the demo's store, and the rhythm of ordinary
//! traffic the crisis replay mixes a timeline into.

use super::Store;
use super::import::{ImportError, ImportOptions, import_reader};
use crate::store::ImportReport;

/// The sample conversations, built into the binary so the demo works from
/// anywhere.
pub const SAMPLE: &str = include_str!("../../sample-data/conversations.jsonl");

/// Imports the sample (adding nothing when it is already there) and treats
/// it as any arrival.
pub fn load(store: &mut Store, actor: &str) -> Result<ImportReport, ImportError> {
    let outcome = import_reader(
        store,
        SAMPLE.as_bytes(),
        "sample-data/conversations.jsonl",
        actor,
        &ImportOptions::default(),
        |_| {},
    )?;
    store.arrived(&outcome.report).map_err(ImportError::Store)?;
    Ok(outcome.report)
}
