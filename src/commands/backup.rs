//! `palabre backup FILE` and `palabre restore FILE`

use super::{CmdResult, Context, print_json};
use crate::i18n::Catalogue;
use crate::inbox::Store;
use crate::store::BackupSummary;
use std::path::{Path, PathBuf};

pub fn backup(ctx: &Context, file: &Path, json: bool) -> CmdResult {
    let store = ctx.open_store()?;
    let summary = store.backup_to(file)?;
    if json {
        return print_json(&summary);
    }
    let t = ctx.lang.t();
    println!(
        "{}",
        (t.cli.backup_done)(
            &file.display().to_string(),
            &ctx.db.display().to_string(),
            &describe(t, &summary)
        )
    );
    Ok(())
}

/// Before the store's content is replaced, what it held goes to a file
/// beside it, so a restore of the wrong backup loses nothing either.
pub fn restore(ctx: &Context, file: &Path, json: bool) -> CmdResult {
    // Checked before anything else happens, the safety copy included.
    crate::store::inspect_backup(file)?;
    let mut store = ctx.open_store()?;
    let safety = safety_copy_path(&ctx.db);
    let kept = store.backup_to(&safety)?;
    let restored = store.restore_from(file)?;
    drop(store);
    // Reopening brings an older backup's schema up to date.
    let store = Store::open(&ctx.db)?;
    let info = store.info()?;
    if json {
        return print_json(&serde_json::json!({
            "restored": restored,
            "previous_content": kept,
            "schema_version": info.schema_version,
            "conversations": info.conversations,
            "messages": info.messages,
        }));
    }
    let t = ctx.lang.t();
    println!(
        "{}",
        (t.cli.restored)(
            &ctx.db.display().to_string(),
            &file.display().to_string(),
            &describe(t, &restored)
        )
    );
    println!(
        "{}",
        (t.cli.restore_undo)(&safety.display().to_string(), &describe(t, &kept))
    );
    Ok(())
}

fn describe(t: &Catalogue, s: &BackupSummary) -> String {
    (t.cli.contents)(
        s.conversations.max(0) as u64,
        s.messages.max(0) as u64,
        s.events.max(0) as u64,
        &human_bytes(t, s.bytes),
    )
}

/// `palabre.db.before-restore-20261207T013500Z`, with a counter when two
/// restores happen within the same second.
fn safety_copy_path(db: &Path) -> PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let mut base = db.as_os_str().to_owned();
    base.push(format!(".before-restore-{stamp}"));
    let first = PathBuf::from(&base);
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| {
            let mut name = base.clone();
            name.push(format!("-{n}"));
            PathBuf::from(name)
        })
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// A size in bytes: `2.3 MB`, `2,3 Mo`.
fn human_bytes(t: &Catalogue, n: u64) -> String {
    let units = t.formats.bytes;
    if n < 1000 {
        return format!("{}\u{a0}{}", n, units[0]);
    }
    let mut value = n as f64 / 1000.0;
    let mut unit = 1;
    while value >= 1000.0 && unit + 1 < units.len() {
        value /= 1000.0;
        unit += 1;
    }
    format!("{}\u{a0}{}", t.decimal(value, 1), units[unit])
}
