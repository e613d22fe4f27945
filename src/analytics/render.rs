//! A `Report` as Markdown, CSV, JSON or one self-contained HTML page (inline
//! CSS and SVG, nothing fetched). All four print the numbers of the same
//! `Report` with the same formatting helpers, so they agree exactly.

use super::metrics::{Report, Stats, Summary};
use std::collections::BTreeMap;
use std::fmt::Write;

/// "3h 04m", "12m 05s", "45s", "2d 03h".
pub fn duration(secs: i64) -> String {
    let s = secs.max(0);
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m {:02}s", s / 60, s % 60),
        3600..86_400 => format!("{}h {:02}m", s / 3600, (s % 3600) / 60),
        _ => format!("{}d {:02}h", s / 86_400, (s % 86_400) / 3600),
    }
}

pub fn opt_duration(secs: Option<i64>) -> String {
    secs.map_or_else(|| "—".to_string(), duration)
}

/// A 0…1 rate as a percentage with two decimals: the same digits as the JSON.
pub fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "—".to_string(), |r| format!("{:.2}%", r * 100.0))
}

/// An already-multiplied percentage (engagement, growth).
pub fn points(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{v:.2}%"))
}

pub fn json(report: &Report) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(report)
}

fn seconds(v: Option<i64>) -> String {
    v.map_or_else(String::new, |s| s.to_string())
}

fn float(v: Option<f64>) -> String {
    v.map_or_else(String::new, |x| x.to_string())
}

/// One long table: section, key, metric, value; rates as 0…1 and durations in
/// seconds, exactly as in the JSON.
pub fn csv(report: &Report) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["section", "key", "metric", "value"])?;
    let summary = |w: &mut csv::Writer<Vec<u8>>, section: &str, key: &str, s: &Summary| {
        let mut rows: Vec<(String, String)> = [
            ("conversations", s.conversations.to_string()),
            ("received", s.received.to_string()),
            ("sent", s.sent.to_string()),
            ("sent_automated", s.sent_automated.to_string()),
            ("answered", s.answered.to_string()),
            ("response_rate", float(s.response_rate)),
        ]
        .map(|(k, v)| (k.to_string(), v))
        .into();
        for (name, st) in [
            ("first_response_seconds", &s.first_response_seconds),
            ("next_reply_seconds", &s.next_reply_seconds),
            ("resolution_seconds", &s.resolution_seconds),
        ] {
            rows.push((format!("{name}.count"), st.count.to_string()));
            rows.push((format!("{name}.median"), seconds(st.median)));
            rows.push((format!("{name}.p90"), seconds(st.p90)));
            rows.push((format!("{name}.mean"), seconds(st.mean)));
        }
        rows.extend(
            [
                ("sla_checked", s.sla_checked.to_string()),
                ("sla_breaches", s.sla_breaches.to_string()),
                ("sentiment.negative", s.sentiment.negative.to_string()),
                ("sentiment.neutral", s.sentiment.neutral.to_string()),
                ("sentiment.positive", s.sentiment.positive.to_string()),
                ("complaints", s.complaints.to_string()),
                ("engagement.replies", s.engagement.replies.to_string()),
                (
                    "engagement.engagements",
                    s.engagement.engagements.to_string(),
                ),
                ("engagement.rate", float(s.engagement.rate)),
            ]
            .map(|(k, v)| (k.to_string(), v)),
        );
        for (metric, value) in rows {
            w.write_record([section, key, &metric, &value])?;
        }
        Ok::<(), csv::Error>(())
    };
    summary(&mut w, "overall", "", &report.overall)?;
    for (section, map) in groups(report) {
        for (key, s) in map {
            summary(&mut w, section, key, s)?;
        }
    }
    for d in &report.days {
        let key = d.date.to_string();
        w.write_record(["day", &key, "received", &d.received.to_string()])?;
        w.write_record(["day", &key, "sent", &d.sent.to_string()])?;
        for (ch, n) in &d.by_channel {
            w.write_record(["day", &key, &format!("received.{ch}"), &n.to_string()])?;
        }
        w.write_record(["day", &key, "negative", &d.sentiment.negative.to_string()])?;
        w.write_record(["day", &key, "neutral", &d.sentiment.neutral.to_string()])?;
        w.write_record(["day", &key, "positive", &d.sentiment.positive.to_string()])?;
    }
    for h in &report.hours {
        let key = format!("{:02}", h.hour);
        w.write_record(["hour", &key, "received", &h.received.to_string()])?;
        w.write_record(["hour", &key, "sent", &h.sent.to_string()])?;
    }
    for b in &report.response_time_distribution {
        w.write_record([
            "first_response",
            &b.label,
            "conversations",
            &b.count.to_string(),
        ])?;
    }
    for b in &report.backlog {
        w.write_record(["backlog", &b.label, "conversations", &b.count.to_string()])?;
    }
    for b in &report.sla_breach_list {
        let key = b.conversation.to_string();
        w.write_record(["sla_breach", &key, "channel", &b.channel])?;
        w.write_record([
            "sla_breach",
            &key,
            "first_inbound_at",
            &b.first_inbound_at.to_rfc3339(),
        ])?;
        w.write_record(["sla_breach", &key, "due_at", &b.due_at.to_rfc3339()])?;
        w.write_record([
            "sla_breach",
            &key,
            "responded_at",
            &b.responded_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
        ])?;
    }
    for c in &report.categories {
        w.write_record([
            "category",
            &c.tag,
            "conversations",
            &c.conversations.to_string(),
        ])?;
    }
    for (i, m) in report.crisis.iter().enumerate() {
        let key = (i + 1).to_string();
        for (metric, value) in [
            ("at", m.at.to_rfc3339()),
            ("conversation", m.conversation.to_string()),
            ("kind", m.kind.clone()),
            ("actor", m.actor.clone()),
            ("detail", m.detail.clone()),
            ("reason", m.reason.clone()),
            ("inbound_hour_before", m.inbound_hour_before.to_string()),
            ("inbound_hour_after", m.inbound_hour_after.to_string()),
        ] {
            w.write_record(["crisis", &key, metric, &value])?;
        }
    }
    for a in &report.audience.accounts {
        let key = format!("{}:{}", a.channel, a.handle);
        w.write_record(["audience", &key, "start", &a.start.to_string()])?;
        w.write_record(["audience", &key, "end", &a.end.to_string()])?;
        w.write_record(["audience", &key, "net", &a.net.to_string()])?;
        w.write_record(["audience", &key, "growth_rate", &float(a.growth_rate)])?;
    }
    w.write_record([
        "audience",
        "",
        "growth_rate",
        &float(report.audience.growth_rate),
    ])?;
    for a in &report.top_authors {
        let key = format!("{}:{}", a.channel, a.handle);
        w.write_record(["author", &key, "followers", &a.followers.to_string()])?;
        w.write_record(["author", &key, "messages", &a.messages.to_string()])?;
    }
    for p in &report.workload {
        for (metric, value) in workload_rows(p) {
            w.write_record(["workload", &p.person, metric, &value.to_string()])?;
        }
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn workload_rows(p: &super::metrics::Workload) -> [(&'static str, u64); 8] {
    [
        ("replies", p.replies),
        ("tags", p.tags),
        ("status_changes", p.status_changes),
        ("assignments", p.assignments),
        ("crisis_flags", p.crisis_flags),
        ("escalations", p.escalations),
        ("notes", p.notes),
        ("assigned", p.assigned),
    ]
}

fn groups(report: &Report) -> [(&'static str, &BTreeMap<String, Summary>); 4] {
    [
        ("channel", &report.by_channel),
        ("tag", &report.by_tag),
        ("assignee", &report.by_assignee),
        ("lang", &report.by_lang),
    ]
}

/// Text from outside in a Markdown table cell: no controls, no pipes.
fn md_cell(text: &str) -> String {
    crate::text::one_line(text, usize::MAX)
        .replace('|', "\\|")
        .replace('`', "'")
}

fn stats_cell(s: &Stats) -> [String; 3] {
    [
        opt_duration(s.median),
        opt_duration(s.p90),
        opt_duration(s.mean),
    ]
}

fn period_line(report: &Report) -> String {
    let tz: chrono_tz::Tz = report.period.timezone.parse().unwrap_or(chrono_tz::UTC);
    let f = |t: chrono::DateTime<chrono::Utc>| {
        t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
    };
    format!(
        "{} → {} ({}); business hours: {}",
        f(report.period.from),
        f(report.period.to),
        report.period.timezone,
        report.period.business_hours
    )
}

pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let o = &report.overall;
    let _ = writeln!(out, "# Palabre report\n\n{}\n", period_line(report));
    let _ = writeln!(out, "## Summary\n\n| Metric | Value |\n|---|---|");
    for (k, v) in summary_rows(o) {
        let _ = writeln!(out, "| {k} | {v} |");
    }
    for (title, map) in [
        ("By channel", &report.by_channel),
        ("By tag", &report.by_tag),
        ("By assignee", &report.by_assignee),
        ("By language", &report.by_lang),
    ] {
        if map.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "\n## {title}\n\n| | Received | Sent | Response rate | First response median | p90 | mean | SLA breaches | Negative | Neutral | Positive |\n|---|---|---|---|---|---|---|---|---|---|---|"
        );
        for (key, s) in map {
            let [m, p, a] = stats_cell(&s.first_response_seconds);
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {m} | {p} | {a} | {} | {} | {} | {} |",
                md_cell(key),
                s.received,
                s.sent,
                percent(s.response_rate),
                s.sla_breaches,
                s.sentiment.negative,
                s.sentiment.neutral,
                s.sentiment.positive
            );
        }
    }
    let _ = writeln!(
        out,
        "\n## Volume by day\n\n| Day | Received | Sent | Negative | Neutral | Positive |\n|---|---|---|---|---|---|"
    );
    for d in &report.days {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            d.date,
            d.received,
            d.sent,
            d.sentiment.negative,
            d.sentiment.neutral,
            d.sentiment.positive
        );
    }
    let _ = writeln!(
        out,
        "\n## Volume by hour\n\n| Hour | Received | Sent |\n|---|---|---|"
    );
    for h in &report.hours {
        let _ = writeln!(out, "| {:02}:00 | {} | {} |", h.hour, h.received, h.sent);
    }
    let _ = writeln!(
        out,
        "\n## First response times\n\n| Within | Conversations |\n|---|---|"
    );
    for b in &report.response_time_distribution {
        let _ = writeln!(out, "| {} | {} |", b.label, b.count);
    }
    let _ = writeln!(out, "\n## SLA breaches\n");
    if report.sla_breach_list.is_empty() {
        let _ = writeln!(out, "None.");
    } else {
        let _ = writeln!(
            out,
            "| Conversation | Channel | First message | Due | Answered |\n|---|---|---|---|---|"
        );
        for b in &report.sla_breach_list {
            let _ = writeln!(
                out,
                "| #{} | {} | {} | {} | {} |",
                b.conversation,
                b.channel,
                b.first_inbound_at.to_rfc3339(),
                b.due_at.to_rfc3339(),
                b.responded_at
                    .map_or_else(|| "never".to_string(), |t| t.to_rfc3339())
            );
        }
    }
    let _ = writeln!(
        out,
        "\n## Open backlog by age\n\n| Waiting | Conversations |\n|---|---|"
    );
    for b in &report.backlog {
        let _ = writeln!(out, "| {} | {} |", b.label, b.count);
    }
    let _ = writeln!(
        out,
        "\n## Complaints by category\n\n| Tag | Conversations |\n|---|---|"
    );
    for c in &report.categories {
        let _ = writeln!(out, "| {} | {} |", md_cell(&c.tag), c.conversations);
    }
    let _ = writeln!(out, "\n## Crisis timeline\n");
    if report.crisis.is_empty() {
        let _ = writeln!(out, "Nothing flagged or escalated.");
    } else {
        let _ = writeln!(
            out,
            "| When | Conversation | What | By | Reason | Inbound hour before | Hour after |\n|---|---|---|---|---|---|---|"
        );
        for m in &report.crisis {
            let _ = writeln!(
                out,
                "| {} | #{} | {} {} | {} | {} | {} | {} |",
                m.at.to_rfc3339(),
                m.conversation,
                m.kind,
                md_cell(&m.detail),
                md_cell(&m.actor),
                md_cell(&m.reason),
                m.inbound_hour_before,
                m.inbound_hour_after
            );
        }
    }
    let e = &o.engagement;
    let _ = writeln!(
        out,
        "\n## Engagement and audience\n\n| Metric | Value |\n|---|---|\n| Our replies | {} |\n| Likes | {} |\n| Shares | {} |\n| Replies to our replies | {} |\n| Engagements | {} |\n| Engagement rate | {} |\n| Audience growth | {} |",
        e.replies,
        e.likes,
        e.shares,
        e.comments,
        e.engagements,
        points(e.rate),
        points(report.audience.growth_rate)
    );
    if !report.audience.accounts.is_empty() {
        let _ = writeln!(
            out,
            "\n| Account | Start | End | Net | Growth |\n|---|---|---|---|---|"
        );
        for a in &report.audience.accounts {
            let _ = writeln!(
                out,
                "| {} {} | {} | {} | {:+} | {} |",
                a.channel,
                md_cell(&a.handle),
                a.start,
                a.end,
                a.net,
                points(a.growth_rate)
            );
        }
    }
    let _ = writeln!(
        out,
        "\n## Top authors by reach\n\n| Author | Channel | Followers | Messages |\n|---|---|---|---|"
    );
    for a in &report.top_authors {
        let _ = writeln!(
            out,
            "| {}{} | {} | {} | {} |",
            md_cell(&a.handle),
            if a.verified { " ✓" } else { "" },
            a.channel,
            a.followers,
            a.messages
        );
    }
    let _ = writeln!(
        out,
        "\n## Workload\n\n| Person | Replies | Tags | Status | Assignments | Crisis flags | Escalations | Notes | Assigned |\n|---|---|---|---|---|---|---|---|---|"
    );
    for p in &report.workload {
        let rows = workload_rows(p);
        let cells: Vec<String> = rows.iter().map(|(_, v)| v.to_string()).collect();
        let _ = writeln!(out, "| {} | {} |", md_cell(&p.person), cells.join(" | "));
    }
    out
}

fn summary_rows(o: &Summary) -> Vec<(&'static str, String)> {
    let with_secs = |v: Option<i64>| match v {
        Some(s) => format!("{} ({s} s)", duration(s)),
        None => "—".into(),
    };
    vec![
        ("Conversations", o.conversations.to_string()),
        ("Received", o.received.to_string()),
        ("Sent", o.sent.to_string()),
        ("Sent by rules", o.sent_automated.to_string()),
        ("Answered", o.answered.to_string()),
        ("Response rate", percent(o.response_rate)),
        (
            "First response, median",
            with_secs(o.first_response_seconds.median),
        ),
        (
            "First response, p90",
            with_secs(o.first_response_seconds.p90),
        ),
        (
            "First response, mean",
            with_secs(o.first_response_seconds.mean),
        ),
        ("Next reply, median", with_secs(o.next_reply_seconds.median)),
        ("Resolution, median", with_secs(o.resolution_seconds.median)),
        ("SLA checked", o.sla_checked.to_string()),
        ("SLA breaches", o.sla_breaches.to_string()),
        ("Negative", o.sentiment.negative.to_string()),
        ("Neutral", o.sentiment.neutral.to_string()),
        ("Positive", o.sentiment.positive.to_string()),
        ("Complaints", o.complaints.to_string()),
    ]
}

fn esc(text: &str) -> String {
    let clean = crate::text::sanitize(text);
    let clean: &str = &clean;
    let mut out = String::with_capacity(clean.len());
    for ch in clean.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Channel colours for the charts (print-friendly, distinct in greyscale order).
fn channel_colour(channel: &str) -> &'static str {
    match channel {
        "mastodon" => "#6364ff",
        "bluesky" => "#1185fe",
        "reddit" => "#ff4500",
        "youtube" => "#cc0000",
        "x" => "#222222",
        "facebook" => "#1877f2",
        "instagram" => "#c13584",
        "email" => "#2e7d32",
        _ => "#888888",
    }
}

fn svg_bars(values: &[(String, u64)], colour: &str, title: &str) -> String {
    let max = values.iter().map(|v| v.1).max().unwrap_or(0).max(1);
    let (w, h, pad) = (640.0, 180.0, 24.0);
    let n = values.len().max(1) as f64;
    let bw = (w - 2.0 * pad) / n;
    let mut svg = format!(
        r#"<svg viewBox="0 0 {w} {h}" role="img" aria-label="{}"><title>{}</title>"#,
        esc(title),
        esc(title)
    );
    for (i, (label, v)) in values.iter().enumerate() {
        let bh = (h - 2.0 * pad) * (*v as f64) / max as f64;
        let x = pad + i as f64 * bw;
        let _ = write!(
            svg,
            r#"<rect x="{x:.1}" y="{:.1}" width="{:.1}" height="{bh:.1}" fill="{colour}"><title>{}: {v}</title></rect>"#,
            h - pad - bh,
            (bw - 2.0).max(1.0),
            esc(label)
        );
        if values.len() <= 12 || i % (values.len() / 8).max(1) == 0 {
            let _ = write!(
                svg,
                r#"<text x="{:.1}" y="{:.1}" font-size="9" text-anchor="middle">{}</text>"#,
                x + bw / 2.0,
                h - 8.0,
                esc(label)
            );
        }
    }
    let _ = write!(
        svg,
        r#"<text x="{pad}" y="12" font-size="9">max {max}</text></svg>"#
    );
    svg
}

fn svg_daily_by_channel(report: &Report) -> String {
    let channels: Vec<&str> = report.by_channel.keys().map(String::as_str).collect();
    let max = report
        .days
        .iter()
        .map(|d| d.received)
        .max()
        .unwrap_or(0)
        .max(1);
    let (w, h, pad) = (640.0, 200.0, 24.0);
    let n = report.days.len().max(1) as f64;
    let bw = (w - 2.0 * pad) / n;
    let mut svg = format!(
        r#"<svg viewBox="0 0 {w} {}" role="img" aria-label="Daily volume by channel"><title>Daily volume by channel</title>"#,
        h + 20.0
    );
    for (i, d) in report.days.iter().enumerate() {
        let x = pad + i as f64 * bw;
        let mut y = h - pad;
        for ch in &channels {
            let v = d.by_channel.get(*ch).copied().unwrap_or(0);
            if v == 0 {
                continue;
            }
            let bh = (h - 2.0 * pad) * v as f64 / max as f64;
            y -= bh;
            let _ = write!(
                svg,
                r#"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{bh:.1}" fill="{}"><title>{} {}: {v}</title></rect>"#,
                (bw - 2.0).max(1.0),
                channel_colour(ch),
                d.date,
                ch
            );
        }
        if report.days.len() <= 14 || i % (report.days.len() / 7).max(1) == 0 {
            let _ = write!(
                svg,
                r#"<text x="{:.1}" y="{:.1}" font-size="9" text-anchor="middle">{}</text>"#,
                x + bw / 2.0,
                h - 8.0,
                d.date.format("%d %b")
            );
        }
    }
    for (i, ch) in channels.iter().enumerate() {
        let x = pad + i as f64 * 70.0;
        let _ = write!(
            svg,
            r#"<rect x="{x}" y="{}" width="10" height="10" fill="{}"/><text x="{}" y="{}" font-size="10">{}</text>"#,
            h + 4.0,
            channel_colour(ch),
            x + 14.0,
            h + 13.0,
            esc(ch)
        );
    }
    let _ = write!(
        svg,
        r#"<text x="{pad}" y="12" font-size="9">max {max}</text></svg>"#
    );
    svg
}

fn svg_negative_share(report: &Report) -> String {
    let (w, h, pad) = (640.0, 140.0, 24.0);
    let n = report.days.len().max(2) as f64 - 1.0;
    let mut points = Vec::new();
    for (i, d) in report.days.iter().enumerate() {
        if let Some(share) = d.sentiment.negative_share() {
            let x = pad + i as f64 * (w - 2.0 * pad) / n;
            let y = h - pad - share * (h - 2.0 * pad);
            points.push(format!("{x:.1},{y:.1}"));
        }
    }
    format!(
        r##"<svg viewBox="0 0 {w} {h}" role="img" aria-label="Negative share by day"><title>Negative share by day</title><line x1="{pad}" y1="{y0}" x2="{x1}" y2="{y0}" stroke="#bbb"/><text x="2" y="{y1t}" font-size="9">100%</text><text x="2" y="{y0}" font-size="9">0%</text><polyline fill="none" stroke="#c62828" stroke-width="2" points="{}"/></svg>"##,
        points.join(" "),
        y0 = h - pad,
        x1 = w - pad,
        y1t = pad + 3.0,
    )
}

pub fn html(report: &Report) -> String {
    let o = &report.overall;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Palabre report</title>
<style>
body {{ font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #222; padding: 0 1rem; }}
h1 {{ margin-bottom: .2rem; }} h2 {{ margin-top: 2rem; border-bottom: 1px solid #ddd; }}
.period {{ color: #555; }}
.kpis {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: .6rem; }}
.kpi {{ border: 1px solid #ddd; border-radius: 6px; padding: .5rem .7rem; }}
.kpi b {{ display: block; font-size: 1.4rem; }} .kpi small {{ color: #666; }}
table {{ border-collapse: collapse; width: 100%; margin: .5rem 0; }}
th, td {{ border-bottom: 1px solid #eee; padding: .25rem .5rem; text-align: right; }}
th:first-child, td:first-child {{ text-align: left; }}
svg {{ width: 100%; height: auto; }}
@media print {{ body {{ margin: 0; max-width: none; }} h2 {{ break-after: avoid; }} table, svg {{ break-inside: avoid; }} }}
</style></head><body>
<h1>Palabre report</h1>
<p class="period">{}</p>
<div class="kpis">"#,
        esc(&period_line(report))
    );
    for (label, value, sub) in [
        ("Received", o.received.to_string(), String::new()),
        (
            "Sent",
            o.sent.to_string(),
            format!("{} by rules", o.sent_automated),
        ),
        (
            "Response rate",
            percent(o.response_rate),
            format!("{} answered", o.answered),
        ),
        (
            "First response, median",
            opt_duration(o.first_response_seconds.median),
            seconds_note(o.first_response_seconds.median),
        ),
        (
            "First response, p90",
            opt_duration(o.first_response_seconds.p90),
            seconds_note(o.first_response_seconds.p90),
        ),
        (
            "First response, mean",
            opt_duration(o.first_response_seconds.mean),
            seconds_note(o.first_response_seconds.mean),
        ),
        (
            "SLA breaches",
            o.sla_breaches.to_string(),
            format!("of {} checked", o.sla_checked),
        ),
        (
            "Negative",
            o.sentiment.negative.to_string(),
            format!(
                "{} neutral, {} positive",
                o.sentiment.neutral, o.sentiment.positive
            ),
        ),
        (
            "Engagement rate",
            points(o.engagement.rate),
            format!("{} engagements", o.engagement.engagements),
        ),
        (
            "Audience growth",
            points(report.audience.growth_rate),
            String::new(),
        ),
    ] {
        let _ = write!(
            out,
            r#"<div class="kpi">{}<b>{}</b><small>{}</small></div>"#,
            esc(label),
            esc(&value),
            esc(&sub)
        );
    }
    out.push_str("</div>\n<h2>Daily volume by channel</h2>\n");
    out.push_str(&svg_daily_by_channel(report));
    out.push_str("\n<h2>Negative share by day</h2>\n");
    out.push_str(&svg_negative_share(report));
    out.push_str("\n<h2>First response times</h2>\n");
    let dist: Vec<(String, u64)> = report
        .response_time_distribution
        .iter()
        .map(|b| (b.label.clone(), b.count))
        .collect();
    out.push_str(&svg_bars(&dist, "#1565c0", "First response times"));
    out.push_str("\n<h2>Volume by hour of day</h2>\n");
    let hours: Vec<(String, u64)> = report
        .hours
        .iter()
        .map(|h| (format!("{:02}", h.hour), h.received))
        .collect();
    out.push_str(&svg_bars(&hours, "#6a1b9a", "Inbound messages by hour"));

    out.push_str("\n<h2>Summary</h2>\n<table><tr><th>Metric</th><th>Value</th></tr>");
    for (k, v) in summary_rows(o) {
        let _ = write!(out, "<tr><td>{}</td><td>{}</td></tr>", esc(k), esc(&v));
    }
    out.push_str("</table>");
    for (title, map) in [
        ("By channel", &report.by_channel),
        ("By tag", &report.by_tag),
        ("By assignee", &report.by_assignee),
        ("By language", &report.by_lang),
    ] {
        if map.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "\n<h2>{title}</h2>\n<table><tr><th></th><th>Received</th><th>Sent</th><th>Response rate</th><th>First response median</th><th>p90</th><th>mean</th><th>SLA breaches</th><th>Negative</th><th>Neutral</th><th>Positive</th></tr>"
        );
        for (key, s) in map {
            let [m, p, a] = stats_cell(&s.first_response_seconds);
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(key),
                s.received,
                s.sent,
                percent(s.response_rate),
                esc(&m),
                esc(&p),
                esc(&a),
                s.sla_breaches,
                s.sentiment.negative,
                s.sentiment.neutral,
                s.sentiment.positive
            );
        }
        out.push_str("</table>");
    }
    out.push_str("\n<h2>SLA breaches</h2>\n");
    if report.sla_breach_list.is_empty() {
        out.push_str("<p>None.</p>");
    } else {
        out.push_str("<table><tr><th>Conversation</th><th>Channel</th><th>First message</th><th>Due</th><th>Answered</th></tr>");
        for b in &report.sla_breach_list {
            let _ = write!(
                out,
                "<tr><td>#{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                b.conversation,
                esc(&b.channel),
                b.first_inbound_at.to_rfc3339(),
                b.due_at.to_rfc3339(),
                b.responded_at
                    .map_or_else(|| "never".to_string(), |t| t.to_rfc3339())
            );
        }
        out.push_str("</table>");
    }
    out.push_str(
        "\n<h2>Open backlog by age</h2>\n<table><tr><th>Waiting</th><th>Conversations</th></tr>",
    );
    for b in &report.backlog {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td></tr>",
            esc(&b.label),
            b.count
        );
    }
    out.push_str("</table>\n<h2>Complaints by category</h2>\n<table><tr><th>Tag</th><th>Conversations</th></tr>");
    for c in &report.categories {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td></tr>",
            esc(&c.tag),
            c.conversations
        );
    }
    out.push_str("</table>\n<h2>Crisis timeline</h2>\n");
    if report.crisis.is_empty() {
        out.push_str("<p>Nothing flagged or escalated.</p>");
    } else {
        out.push_str("<table><tr><th>When</th><th>Conversation</th><th>What</th><th>By</th><th>Reason</th><th>Inbound hour before</th><th>Hour after</th></tr>");
        for m in &report.crisis {
            let _ = write!(
                out,
                "<tr><td>{}</td><td>#{}</td><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                m.at.to_rfc3339(),
                m.conversation,
                esc(&m.kind),
                esc(&m.detail),
                esc(&m.actor),
                esc(&m.reason),
                m.inbound_hour_before,
                m.inbound_hour_after
            );
        }
        out.push_str("</table>");
    }
    let e = &o.engagement;
    let _ = write!(
        out,
        "\n<h2>Engagement and audience</h2>\n<table><tr><th>Metric</th><th>Value</th></tr><tr><td>Our replies</td><td>{}</td></tr><tr><td>Likes</td><td>{}</td></tr><tr><td>Shares</td><td>{}</td></tr><tr><td>Replies to our replies</td><td>{}</td></tr><tr><td>Engagements</td><td>{}</td></tr><tr><td>Engagement rate</td><td>{}</td></tr><tr><td>Audience growth</td><td>{}</td></tr></table>",
        e.replies,
        e.likes,
        e.shares,
        e.comments,
        e.engagements,
        points(e.rate),
        points(report.audience.growth_rate)
    );
    if !report.audience.accounts.is_empty() {
        out.push_str(
            "<table><tr><th>Account</th><th>Start</th><th>End</th><th>Net</th><th>Growth</th></tr>",
        );
        for a in &report.audience.accounts {
            let _ = write!(
                out,
                "<tr><td>{} {}</td><td>{}</td><td>{}</td><td>{:+}</td><td>{}</td></tr>",
                esc(&a.channel),
                esc(&a.handle),
                a.start,
                a.end,
                a.net,
                points(a.growth_rate)
            );
        }
        out.push_str("</table>");
    }
    out.push_str("\n<h2>Top authors by reach</h2>\n<table><tr><th>Author</th><th>Channel</th><th>Followers</th><th>Messages</th></tr>");
    for a in &report.top_authors {
        let _ = write!(
            out,
            "<tr><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&a.handle),
            if a.verified { " ✓" } else { "" },
            esc(&a.channel),
            a.followers,
            a.messages
        );
    }
    out.push_str("</table>\n<h2>Workload</h2>\n<table><tr><th>Person</th><th>Replies</th><th>Tags</th><th>Status</th><th>Assignments</th><th>Crisis flags</th><th>Escalations</th><th>Notes</th><th>Assigned</th></tr>");
    for p in &report.workload {
        let _ = write!(out, "<tr><td>{}</td>", esc(&p.person));
        for (_, v) in workload_rows(p) {
            let _ = write!(out, "<td>{v}</td>");
        }
        out.push_str("</tr>");
    }
    let _ = write!(
        out,
        "</table>\n<p class=\"period\">Generated by Palabre at {}. Definitions: see the README, section Analytics.</p>\n</body></html>\n",
        report.generated_at.to_rfc3339()
    );
    out
}

fn seconds_note(v: Option<i64>) -> String {
    v.map_or_else(String::new, |s| format!("{s} s"))
}
