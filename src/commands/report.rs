//! `palabre report --from DATE --to DATE --format md|csv|json|html`

use super::{CmdResult, Context, Failure};
use crate::analytics::{self, Period, Report, render};
use chrono::{DateTime, Duration, Utc};
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Csv,
    Json,
    Html,
}

/// The period a report covers: both dates whole, in the business time zone.
/// Without `--to`, today; without `--from`, the 30 days ending at `--to`.
pub fn period(
    ctx: &Context,
    from: Option<&str>,
    to: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Period, Failure> {
    let tz = ctx.config.sla.timezone;
    let t = &ctx.lang.t().cli;
    let bound = |flag: &str, text: &str| {
        analytics::parse_bound(text).ok_or_else(|| Failure::input((t.bad_bound)(flag, text)))
    };
    let end = match to {
        Some(t) => bound("--to", t)?.as_end(tz),
        None => analytics::last_days(1, now, tz).to,
    };
    let start = match from {
        Some(f) => bound("--from", f)?.as_start(tz),
        None => {
            let last_day = (end - Duration::milliseconds(1)).with_timezone(&tz);
            analytics::last_days(30, last_day.with_timezone(&Utc), tz).from
        }
    };
    if start >= end {
        return Err(Failure::input((t.empty_period)(
            &start.to_rfc3339(),
            &end.to_rfc3339(),
        )));
    }
    Ok(Period {
        from: start,
        to: end,
    })
}

pub fn build(ctx: &Context, period: Period, now: DateTime<Utc>) -> Result<Report, Failure> {
    let store = ctx.open_store()?;
    let facts = store.analytics_facts(period.from, period.to, now)?;
    Ok(analytics::compute(&facts, period, &ctx.config.sla, now))
}

pub fn run(
    ctx: &Context,
    from: Option<&str>,
    to: Option<&str>,
    format: Format,
    output: Option<&std::path::Path>,
) -> CmdResult {
    let now = Utc::now();
    let period = period(ctx, from, to, now)?;
    let report = build(ctx, period, now)?;
    let text = match format {
        Format::Md => render::markdown(&report, ctx.lang),
        Format::Csv => render::csv(&report).map_err(|e| Failure::runtime(e.to_string()))?,
        Format::Json => render::json(&report)? + "\n",
        Format::Html => render::html(&report, ctx.lang),
    };
    match output {
        Some(path) => {
            // Written beside and renamed, so a report being opened is never
            // half-written.
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            let mut tmp = tempfile::NamedTempFile::new_in(dir)
                .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
            tmp.write_all(text.as_bytes())?;
            tmp.persist(path)
                .map_err(|e| Failure::input(format!("{}: {}", path.display(), e.error)))?;
            eprintln!("{}", (ctx.lang.t().cli.wrote)(&path.display().to_string()));
        }
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(())
}
