//! `palabre import FILE... [-]`: one transaction per file; a bad line stops
//! that file with `FILE:LINE: FIELD: reason` and leaves the store untouched,
//! unless `--skip-invalid`.

use super::{CmdResult, Context, Failure, print_json};
use crate::inbox::import::{import_parsed, import_reader};
use crate::inbox::{ImportError, ImportOptions};
use crate::store::ImportReport;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{BufReader, Read};
use std::sync::atomic::{AtomicU64, Ordering};

/// Counts bytes as they are read, for the progress bar.
struct Counted<R> {
    inner: R,
    bytes: &'static AtomicU64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

fn progress_bar(len: Option<u64>) -> ProgressBar {
    let bar = match len {
        Some(len) => ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr())
            .with_style(
                ProgressStyle::with_template("{prefix} [{bar:30}] {bytes}/{total_bytes} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
            ),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
    };
    // indicatif draws nothing when stderr is not a terminal.
    bar
}

/// `palabre import`
pub fn run(ctx: &Context, files: &[String], options: &ImportOptions, json: bool) -> CmdResult {
    ctx.load_transformer()?;
    if files.is_empty() {
        return Err(Failure::input(
            "import: give at least one FILE, or - for standard input",
        ));
    }
    let mut store = ctx.open_store()?;
    let mut total = ImportReport::default();
    let mut skipped_any = false;
    for (index, file) in files.iter().enumerate() {
        let name = if file == "-" {
            "<stdin>".to_string()
        } else {
            file.clone()
        };
        static BYTES: AtomicU64 = AtomicU64::new(0);
        BYTES.store(0, Ordering::Relaxed);
        let (reader, len): (Box<dyn Read + Send>, Option<u64>) = if file == "-" {
            (Box::new(std::io::stdin()), None)
        } else {
            let f = std::fs::File::open(file)
                .map_err(|e| Failure::input(format!("{name}: cannot open: {e}")))?;
            let len = f.metadata().ok().map(|m| m.len());
            (Box::new(f), len)
        };
        let bar = progress_bar(len);
        bar.set_prefix(name.clone());
        let reader = BufReader::with_capacity(
            1 << 20,
            Counted {
                inner: reader,
                bytes: &BYTES,
            },
        );
        let options = ImportOptions {
            expected_bytes: len,
            ..options.clone()
        };
        let result = import_reader(&mut store, reader, &name, &ctx.actor, &options, |_| {
            bar.set_position(BYTES.load(Ordering::Relaxed));
        });
        bar.finish_and_clear();
        match result {
            Ok(outcome) => {
                for e in &outcome.skipped {
                    eprintln!("{name}:{e} (skipped)");
                }
                skipped_any |= !outcome.skipped.is_empty();
                if !json {
                    println!("{name}: {}", summary(&outcome.report));
                }
                total.add(&outcome.report);
            }
            Err(failure) if json && index > 0 => {
                // Say what was committed from the earlier files before failing.
                print_json(&total)?;
                return Err(file_failure(&name, failure));
            }
            Err(failure) => return Err(file_failure(&name, failure)),
        }
    }
    {
        let flagged = store.arrived(&total)?;
        if flagged > 0 {
            eprintln!("crisis detector: {flagged} conversation(s) flagged potential");
        }
    }
    if let Some(lag) = store.search_lag() {
        eprintln!("search index: {lag}");
    }
    if json {
        print_json(&total)?;
    } else if files.len() > 1 {
        println!("total: {}", summary(&total));
    }
    if skipped_any {
        eprintln!("{} invalid line(s) skipped", total.skipped);
    }
    Ok(())
}

fn file_failure(name: &str, failure: ImportError) -> Failure {
    match failure {
        ImportError::Line(e)
            if e.line == 1
                && let Some(hint) = native_hint(name, e.reason.starts_with("not valid JSON")) =>
        {
            Failure::input(format!("{name}:{e}\n{name}: nothing imported: {hint}"))
        }
        ImportError::Line(e) => Failure::input(format!(
            "{name}:{e}\n{name}: nothing imported from this file (use --skip-invalid to import the valid lines)"
        )),
        ImportError::Io(e) => Failure::input(format!("{name}: {e}")),
        ImportError::Store(e) => Failure::runtime(format!("{name}: {e}")),
    }
}

/// When a file that fails as JSONL from its first line is one JSON
/// document, it is most likely a saved API response imported without
/// `--from`: say which network's parser reads it.
fn native_hint(file: &str, broken_line: bool) -> Option<String> {
    const LARGEST: u64 = 256 << 20;
    if file == "<stdin>" || std::fs::metadata(file).ok()?.len() > LARGEST {
        return None;
    }
    let bytes = std::fs::read(file).ok()?;
    serde_json::from_slice::<serde::de::IgnoredAny>(&bytes).ok()?;
    let readers: Vec<&str> = crate::channels::NETWORKS
        .iter()
        .filter(|&&network| {
            crate::channels::parse(network, &bytes, &Default::default())
                .is_ok_and(|p| !p.messages.is_empty())
        })
        .map(|n| n.as_str())
        .collect();
    let shown = crate::text::clip(file, 120);
    Some(match readers.as_slice() {
        // One line that is one document with a bad field: a JSONL mistake.
        [] if !broken_line => return None,
        [] => "the file is one JSON document, not JSONL (one message per line); a saved network response is imported with --from NETWORK (see palabre import --help)".to_string(),
        [one] => format!(
            "this is a saved {one} response, not JSONL: import it with `palabre import --from {one} {shown}`"
        ),
        many => format!(
            "this is a saved network response, not JSONL: import it with --from {} (`palabre import --from {} {shown}`)",
            many.join(" or --from "),
            many[0]
        ),
    })
}

pub fn summary(r: &ImportReport) -> String {
    format!(
        "{} new, {} unchanged, {} updated, {} skipped",
        r.new, r.unchanged, r.updated, r.skipped
    )
}

/// What one native response produced.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct NativeReport {
    #[serde(flatten)]
    pub report: ImportReport,
    /// Items left out on purpose (likes, follows, reposts…).
    pub ignored: u64,
}

/// `palabre import --from NETWORK FILE...`: each file is one saved response
/// of a listing endpoint, parsed whole before anything is written, so a
/// missing required field leaves the store untouched.
pub fn run_native(
    ctx: &Context,
    files: &[String],
    network: crate::model::Channel,
    account: &crate::channels::Account,
    json: bool,
) -> CmdResult {
    ctx.load_transformer()?;
    if files.is_empty() {
        return Err(Failure::input(
            "import: give at least one FILE, or - for standard input",
        ));
    }
    // Read and parse every file first: a bad one stops the import before
    // the store is opened for writing.
    let mut pages = Vec::with_capacity(files.len());
    for file in files {
        let name = if file == "-" {
            "<stdin>".to_string()
        } else {
            file.clone()
        };
        let bytes = if file == "-" {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| Failure::input(format!("{name}: cannot read: {e}")))?;
            buf
        } else {
            std::fs::read(file).map_err(|e| Failure::input(format!("{name}: cannot open: {e}")))?
        };
        let parsed = crate::channels::parse(network, &bytes, account).map_err(|e| {
            let e = crate::text::sanitize(&e.to_string()).into_owned();
            Failure::input(format!(
                "{name}: {e}\n{name}: nothing imported (expected a saved {network} response, see palabre import --help)"
            ))
        })?;
        pages.push((name, parsed));
    }
    let mut store = ctx.open_store()?;
    let mut total = NativeReport::default();
    for (name, parsed) in &pages {
        for s in &parsed.skipped {
            eprintln!(
                "{name}: {}: {} (skipped)",
                crate::text::sanitize(&s.path),
                crate::text::sanitize(&s.reason)
            );
        }
        for w in &parsed.warnings {
            eprintln!("{name}: the network said: {}", crate::text::sanitize(w));
        }
        if !parsed.incomplete.is_empty() {
            eprintln!(
                "{name}: {} thread(s) have more replies than this response holds",
                parsed.incomplete.len()
            );
        }
        let report = import_parsed(&mut store, parsed, name, &ctx.actor)
            .map_err(|e| Failure::runtime(format!("{name}: {e}")))?;
        if !json {
            let ignored = if parsed.ignored > 0 {
                format!(
                    ", {} ignored (not mentions, replies or comments)",
                    parsed.ignored
                )
            } else {
                String::new()
            };
            println!("{name}: {}{ignored}", summary(&report));
        }
        total.report.add(&report);
        total.ignored += parsed.ignored as u64;
    }
    {
        let flagged = store.arrived(&total.report)?;
        if flagged > 0 {
            eprintln!("crisis detector: {flagged} conversation(s) flagged potential");
        }
    }
    if json {
        print_json(&total)?;
    } else if pages.len() > 1 {
        println!("total: {}", summary(&total.report));
    }
    Ok(())
}
