//! `palabre import FILE... [-]`: one transaction per file; a bad line stops
//! that file with `FILE:LINE: FIELD: reason` and leaves the store untouched,
//! unless `--skip-invalid`.

use super::{CmdResult, Context, Failure, print_json};
use crate::i18n::Catalogue;
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
    let t = ctx.lang.t();
    if files.is_empty() {
        return Err(Failure::input(t.cli.give_a_file));
    }
    let mut store = ctx.open_inbox()?;
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
                .map_err(|e| Failure::input((t.cli.cannot_open)(&name, &e.to_string())))?;
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
                    eprintln!("{name}:{} ({})", t.line_error(e), t.cli.skipped);
                }
                skipped_any |= !outcome.skipped.is_empty();
                if !json {
                    println!("{name}: {}", summary(t, &outcome.report));
                }
                total.add(&outcome.report);
            }
            Err(failure) if json && index > 0 => {
                // Say what was committed from the earlier files before failing.
                print_json(&total)?;
                return Err(file_failure(t, &name, failure));
            }
            Err(failure) => return Err(file_failure(t, &name, failure)),
        }
    }
    super::report_arrival(t, &store.arrived(&total)?);
    if let Some(lag) = store.search_lag() {
        eprintln!("{}", (t.cli.search_lag)(&lag.to_string()));
    }
    if json {
        print_json(&total)?;
    } else if files.len() > 1 {
        println!("{}: {}", t.cli.total, summary(t, &total));
    }
    if skipped_any {
        eprintln!("{}", (t.cli.invalid_skipped)(total.skipped));
    }
    Ok(())
}

fn file_failure(t: &Catalogue, name: &str, failure: ImportError) -> Failure {
    match failure {
        ImportError::Line(e)
            if e.line == 1
                && let Some(hint) =
                    native_hint(t, name, e.reason.starts_with("not valid JSON")) =>
        {
            Failure::input(format!(
                "{name}:{}\n{name}: {}",
                t.line_error(&e),
                (t.cli.nothing_imported_because)(&hint)
            ))
        }
        ImportError::Line(e) => Failure::input(format!(
            "{name}:{}\n{name}: {}",
            t.line_error(&e),
            t.cli.nothing_imported
        )),
        ImportError::Io(e) => Failure::input(format!("{name}: {e}")),
        ImportError::Store(e) => Failure::runtime(format!("{name}: {e}")),
    }
}

/// When a file that fails as JSONL from its first line is one JSON
/// document, it is most likely a saved API response imported without
/// `--from`: say which network's parser reads it.
fn native_hint(t: &Catalogue, file: &str, broken_line: bool) -> Option<String> {
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
        [] => t.cli.not_jsonl.to_string(),
        [one] => (t.cli.saved_response)(one, &shown),
        many => (t.cli.saved_responses)(
            &many.join(&format!(" {} --from ", t.cli.or)),
            many[0],
            &shown,
        ),
    })
}

pub fn summary(t: &Catalogue, r: &ImportReport) -> String {
    (t.cli.imported)(r.new, r.unchanged, r.updated, r.skipped)
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
    let t = ctx.lang.t();
    if files.is_empty() {
        return Err(Failure::input(t.cli.give_a_file));
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
                .map_err(|e| Failure::input((t.cli.cannot_read)(&name, &e.to_string())))?;
            buf
        } else {
            std::fs::read(file)
                .map_err(|e| Failure::input((t.cli.cannot_open)(&name, &e.to_string())))?
        };
        let parsed = crate::channels::parse(network, &bytes, account).map_err(|e| {
            let e = crate::text::sanitize(&e.to_string()).into_owned();
            Failure::input(format!(
                "{name}: {e}\n{name}: {}",
                (t.cli.nothing_imported_native)(network.as_str())
            ))
        })?;
        pages.push((name, parsed));
    }
    let mut store = ctx.open_inbox()?;
    let mut total = NativeReport::default();
    for (name, parsed) in &pages {
        for s in &parsed.skipped {
            eprintln!(
                "{name}: {}: {} ({})",
                crate::text::sanitize(&s.path),
                crate::text::sanitize(&s.reason),
                t.cli.skipped
            );
        }
        for w in &parsed.warnings {
            eprintln!(
                "{name}: {}: {}",
                t.cli.network_said,
                crate::text::sanitize(w)
            );
        }
        if !parsed.incomplete.is_empty() {
            eprintln!(
                "{name}: {}",
                (t.cli.incomplete)(parsed.incomplete.len() as u64)
            );
        }
        let report = import_parsed(&mut store, parsed, name, &ctx.actor)
            .map_err(|e| Failure::runtime(format!("{name}: {e}")))?;
        if !json {
            let ignored = if parsed.ignored > 0 {
                (t.cli.ignored)(parsed.ignored as u64)
            } else {
                String::new()
            };
            println!("{name}: {}{ignored}", summary(t, &report));
        }
        total.report.add(&report);
        total.ignored += parsed.ignored as u64;
    }
    super::report_arrival(t, &store.arrived(&total.report)?);
    if json {
        print_json(&total)?;
    } else if pages.len() > 1 {
        println!("{}: {}", t.cli.total, summary(t, &total.report));
    }
    Ok(())
}
