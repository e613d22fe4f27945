//! `palabre rules check FILE` and `palabre rules test FILE [--since DATE]`:
//! a rules file's criticism categories and automation rules, checked, and
//! the automation rules run dry over the store.

use super::{CmdResult, Context, Failure, print_json};
use crate::inbox::Automation;
use crate::inbox::automation::{self, Applied};
use crate::text::{one_line, sanitize};
use crate::triage::categories;
use chrono::{DateTime, TimeZone, Utc};
use serde_json::json;
use std::path::Path;

/// Checks both kinds of rules in `file`.
pub fn check(ctx: &Context, file: &Path) -> CmdResult {
    let cats = categories::Rules::load(file)?;
    let rules = Automation::load_file(file, &ctx.config, &cats)?;
    println!(
        "{}",
        (ctx.lang.t().cli_moderation.rules_ok)(
            &file.display().to_string(),
            cats.names().count() as u64,
            &cats.names().collect::<Vec<_>>().join(", "),
            rules.len() as u64,
            &rules
                .iter()
                .map(|r| sanitize(&r.name).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        )
    );
    Ok(())
}

/// `--since`: a day (from its midnight in the business time zone) or an
/// RFC 3339 time.
fn since(ctx: &Context, text: Option<&str>) -> Result<DateTime<Utc>, Failure> {
    let Some(text) = text.map(str::trim) else {
        return Ok(DateTime::<Utc>::UNIX_EPOCH);
    };
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .and_then(|t| ctx.config.sla.timezone.from_local_datetime(&t).earliest())
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| Failure::input((ctx.lang.t().cli_moderation.bad_since)(&one_line(text, 60))))
}

/// What the automation rules of `file` would have done to the store's
/// messages from the public since `since`: nothing is changed.
pub fn test(ctx: &Context, file: &Path, since_text: Option<&str>, json_out: bool) -> CmdResult {
    let cats = categories::Rules::load(file)?;
    let rules = Automation::load_file(file, &ctx.config, &cats)?;
    let from = since(ctx, since_text)?;
    let automation = Automation::new(rules, &ctx.config.sla, cats);
    let mut store = ctx.open_store()?;
    let run = automation::dry_run(&mut store, &automation, from)?;
    let per_rule: Vec<(&automation::Rule, Vec<&Applied>)> = automation
        .rules()
        .iter()
        .map(|r| (r, run.applied.iter().filter(|a| a.rule == r.name).collect()))
        .collect();
    if json_out {
        return print_json(&json!({
            "file": file,
            "since": since_text.map(|_| from),
            "examined": run.examined,
            "rules": per_rule.iter().map(|(r, applied)| json!({
                "name": r.name,
                "line": r.line,
                "matched": applied.len(),
                "applications": applied,
            })).collect::<Vec<_>>(),
        }));
    }
    let w = &ctx.lang.t().cli_moderation;
    println!(
        "{}",
        (w.dry_run)(
            &file.display().to_string(),
            automation.rules().len() as u64,
            run.examined,
            &since_text
                .map(|s| sanitize(&one_line(s, 40)).into_owned())
                .unwrap_or_default()
        )
    );
    for (rule, applied) in per_rule {
        println!();
        println!(
            "{}",
            (w.rule_matched)(
                &sanitize(&rule.name),
                &file.display().to_string(),
                rule.line,
                applied.len() as u64
            )
        );
        for a in applied {
            println!(
                "  #{} {}:{} {} \"{}\"",
                a.conversation,
                a.channel,
                sanitize(&one_line(&a.message, 24)),
                sanitize(&a.author),
                sanitize(&one_line(&a.text, 50))
            );
            println!("    → {}", sanitize(&a.did.join(", ")));
        }
    }
    Ok(())
}
