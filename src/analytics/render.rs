//! A `Report` as Markdown, CSV, JSON or one self-contained HTML page (inline
//! CSS and SVG, nothing fetched). Markdown and HTML are for people: their
//! words, dates and numbers follow the language (`--lang`), and they print
//! the numbers of the same `Report` with the same formatting as the stats
//! view. CSV and JSON are for machines: stable names, raw values (rates as
//! 0…1, durations in seconds), the same in every language.

use super::metrics::{Report, Stats, Summary};
use crate::i18n::{Catalogue, Lang};
use std::collections::BTreeMap;
use std::fmt::Write;

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

fn stats_cell(t: &Catalogue, s: &Stats) -> [String; 3] {
    [
        t.opt_duration(s.median),
        t.opt_duration(s.p90),
        t.opt_duration(s.mean),
    ]
}

fn tz(report: &Report) -> chrono_tz::Tz {
    report.period.timezone.parse().unwrap_or(chrono_tz::UTC)
}

/// The period and the business hours, in words.
fn period_line(t: &Catalogue, report: &Report) -> String {
    let zone = tz(report);
    let open = &report.period.open;
    let hours = if open.always {
        (t.report.always_open)(&report.period.timezone)
    } else {
        let clock = |s: u32| format!("{:02}:{:02}", s / 3600, (s % 3600) / 60);
        let days: Vec<&str> = open
            .days
            .iter()
            .map(|d| t.formats.weekdays[d.num_days_from_monday() as usize])
            .collect();
        let holidays = if open.holidays == 0 {
            String::new()
        } else {
            format!(", {}", (t.report.holidays)(open.holidays as u64))
        };
        format!(
            "{} {}–{} ({}){holidays}",
            days.join(" "),
            clock(open.opens),
            clock(open.closes),
            report.period.timezone
        )
    };
    // Whole days read as days (the last one included), other bounds as times.
    use chrono::Timelike;
    let (from, to) = (
        report.period.from.with_timezone(&zone),
        report.period.to.with_timezone(&zone),
    );
    let midnight = |t: &chrono::DateTime<chrono_tz::Tz>| t.hour() == 0 && t.minute() == 0;
    let (from, to) = if midnight(&from) && midnight(&to) && to > from {
        let last = (to - chrono::Duration::days(1)).date_naive();
        (t.day_month_year(from.date_naive()), t.day_month_year(last))
    } else {
        (
            t.date_time(report.period.from, zone),
            t.date_time(report.period.to, zone),
        )
    };
    (t.report.period)(&from, &to, &report.period.timezone, &hours)
}

/// A group's key as people read it (the unassigned group has a name).
fn group_key(t: &Catalogue, key: &str) -> String {
    if key == "(unassigned)" {
        t.report.unassigned.to_string()
    } else {
        key.to_string()
    }
}

/// The group tables' titles and their columns.
fn group_titles(t: &Catalogue) -> [&'static str; 4] {
    let r = &t.report;
    [r.by_channel, r.by_tag, r.by_assignee, r.by_language]
}

fn group_columns(t: &Catalogue) -> [&'static str; 10] {
    let m = &t.metrics;
    [
        m.received,
        m.sent,
        m.response_rate,
        m.first_response_median,
        "p90",
        t.stats.mean,
        m.sla_breaches,
        m.negative,
        m.neutral,
        m.positive,
    ]
}

fn group_cells(t: &Catalogue, s: &Summary) -> [String; 10] {
    let [median, p90, mean] = stats_cell(t, &s.first_response_seconds);
    [
        t.count(s.received),
        t.count(s.sent),
        t.percent(s.response_rate),
        median,
        p90,
        mean,
        t.count(s.sla_breaches),
        t.count(s.sentiment.negative),
        t.count(s.sentiment.neutral),
        t.count(s.sentiment.positive),
    ]
}

fn workload_columns(t: &Catalogue) -> [&'static str; 8] {
    let r = &t.report;
    [
        r.replies,
        r.tags,
        r.status_changes,
        r.assignments,
        r.crisis_flags,
        r.escalations,
        r.notes,
        r.assigned,
    ]
}

/// What a crisis moment was: a level set, or an escalation to someone.
fn moment(t: &Catalogue, m: &super::metrics::CrisisMoment) -> String {
    if m.kind == crate::model::EventKind::Escalation.as_str() {
        (t.report.escalated_to)(&m.detail)
    } else {
        let level = m
            .detail
            .parse::<crate::model::CrisisLevel>()
            .map_or(m.detail.as_str(), |l| t.crisis_level(l));
        (t.report.flagged)(level)
    }
}

/// Why a crisis moment happened: a person's words as written, the
/// detector's in the language.
fn reason(t: &Catalogue, m: &super::metrics::CrisisMoment) -> String {
    m.alert
        .as_ref()
        .map_or_else(|| m.reason.clone(), |a| t.alert(a))
}

/// One Markdown table row.
fn md_row(cells: &[String]) -> String {
    format!("| {} |", cells.join(" | "))
}

fn md_header(cells: &[&str]) -> String {
    format!("| {} |\n|{}", cells.join(" | "), "---|".repeat(cells.len()))
}

pub fn markdown(report: &Report, lang: Lang) -> String {
    let t = lang.t();
    let r = &t.report;
    let m = &t.metrics;
    let zone = tz(report);
    let mut out = String::new();
    let o = &report.overall;
    let _ = writeln!(out, "# {}\n\n{}\n", r.title, period_line(t, report));
    let _ = writeln!(
        out,
        "## {}\n\n{}",
        r.summary,
        md_header(&[r.metric, r.value])
    );
    for (k, v) in summary_rows(t, o) {
        let _ = writeln!(out, "| {k} | {v} |");
    }
    for (title, (_, map)) in group_titles(t).into_iter().zip(groups(report)) {
        if map.is_empty() {
            continue;
        }
        let mut head = vec![""];
        head.extend(group_columns(t));
        let _ = writeln!(out, "\n## {title}\n\n{}", md_header(&head));
        for (key, s) in map {
            let mut cells = vec![md_cell(&group_key(t, key))];
            cells.extend(group_cells(t, s));
            let _ = writeln!(out, "{}", md_row(&cells));
        }
    }
    let _ = writeln!(
        out,
        "\n## {}\n\n{}",
        r.volume_by_day,
        md_header(&[r.day, m.received, m.sent, m.negative, m.neutral, m.positive])
    );
    for d in &report.days {
        let _ = writeln!(
            out,
            "{}",
            md_row(&[
                t.full_date(d.date),
                t.count(d.received),
                t.count(d.sent),
                t.count(d.sentiment.negative),
                t.count(d.sentiment.neutral),
                t.count(d.sentiment.positive),
            ])
        );
    }
    let _ = writeln!(
        out,
        "\n## {}\n\n{}",
        r.volume_by_hour,
        md_header(&[r.hour, m.received, m.sent])
    );
    for h in &report.hours {
        let _ = writeln!(
            out,
            "| {:02}:00 | {} | {} |",
            h.hour,
            t.count(h.received),
            t.count(h.sent)
        );
    }
    let _ = writeln!(
        out,
        "\n## {}\n\n{}",
        m.first_response_times,
        md_header(&[r.within, r.conversations])
    );
    for b in &report.response_time_distribution {
        let _ = writeln!(
            out,
            "| {} | {} |",
            t.delay_range(b.from, b.to, b.to_included),
            t.count(b.count)
        );
    }
    let _ = writeln!(out, "\n## {}\n", m.sla_breaches);
    if report.sla_breach_list.is_empty() {
        let _ = writeln!(out, "{}", r.none);
    } else {
        let _ = writeln!(
            out,
            "{}",
            md_header(&[
                r.conversation,
                r.channel,
                r.first_message,
                r.due,
                r.answered
            ])
        );
        for b in &report.sla_breach_list {
            let _ = writeln!(
                out,
                "| #{} | {} | {} | {} | {} |",
                b.conversation,
                b.channel,
                t.date_time(b.first_inbound_at, zone),
                t.date_time(b.due_at, zone),
                b.responded_at
                    .map_or_else(|| m.never.to_string(), |at| t.date_time(at, zone))
            );
        }
    }
    let _ = writeln!(
        out,
        "\n## {}\n\n{}",
        r.backlog,
        md_header(&[r.waiting, r.conversations])
    );
    for b in &report.backlog {
        let _ = writeln!(
            out,
            "| {} | {} |",
            t.delay_range(b.from, b.to, b.to_included),
            t.count(b.count)
        );
    }
    let _ = writeln!(
        out,
        "\n## {}\n\n{}",
        r.complaints_by_category,
        md_header(&[r.tag, r.conversations])
    );
    for c in &report.categories {
        let _ = writeln!(
            out,
            "| {} | {} |",
            md_cell(&c.tag),
            t.count(c.conversations)
        );
    }
    let _ = writeln!(out, "\n## {}\n", r.crisis_timeline);
    if report.crisis.is_empty() {
        let _ = writeln!(out, "{}", r.nothing_flagged);
    } else {
        let _ = writeln!(
            out,
            "{}",
            md_header(&[
                r.when,
                r.conversation,
                r.what,
                r.by,
                r.reason,
                r.hour_before,
                r.hour_after
            ])
        );
        for c in &report.crisis {
            let _ = writeln!(
                out,
                "| {} | #{} | {} | {} | {} | {} | {} |",
                t.date_time(c.at, zone),
                c.conversation,
                md_cell(&moment(t, c)),
                md_cell(t.actor(&c.actor)),
                md_cell(&reason(t, c)),
                t.count(c.inbound_hour_before),
                t.count(c.inbound_hour_after)
            );
        }
    }
    let _ = writeln!(
        out,
        "\n## {}\n\n{}",
        r.engagement,
        md_header(&[r.metric, r.value])
    );
    for (k, v) in engagement_rows(t, report) {
        let _ = writeln!(out, "| {k} | {v} |");
    }
    if !report.audience.accounts.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            md_header(&[r.account, r.start, r.end, r.net, r.growth])
        );
        for a in &report.audience.accounts {
            let _ = writeln!(
                out,
                "| {} {} | {} | {} | {} | {} |",
                a.channel,
                md_cell(&a.handle),
                t.count(a.start),
                t.count(a.end),
                t.signed(a.net),
                t.points(a.growth_rate)
            );
        }
    }
    let _ = writeln!(
        out,
        "\n## {}\n\n{}",
        r.top_authors,
        md_header(&[r.author, r.channel, r.followers, r.messages])
    );
    for a in &report.top_authors {
        let _ = writeln!(
            out,
            "| {}{} | {} | {} | {} |",
            md_cell(&a.handle),
            if a.verified { " ✓" } else { "" },
            a.channel,
            t.count(a.followers),
            t.count(a.messages)
        );
    }
    let mut head = vec![r.person];
    head.extend(workload_columns(t));
    let _ = writeln!(out, "\n## {}\n\n{}", r.workload, md_header(&head));
    for p in &report.workload {
        let cells: Vec<String> = workload_rows(p).iter().map(|(_, v)| t.count(*v)).collect();
        let _ = writeln!(out, "| {} | {} |", md_cell(&p.person), cells.join(" | "));
    }
    out
}

fn summary_rows(t: &Catalogue, o: &Summary) -> Vec<(&'static str, String)> {
    let m = &t.metrics;
    let with_secs = |v: Option<i64>| match v {
        // The seconds as the JSON and CSV have them, digits unchanged.
        Some(s) => format!("{} ({})", t.duration(s), (t.report.seconds)(&s.to_string())),
        None => "—".into(),
    };
    vec![
        (m.conversations, t.count(o.conversations)),
        (m.received, t.count(o.received)),
        (m.sent, t.count(o.sent)),
        (m.sent_by_rules, t.count(o.sent_automated)),
        (m.answered, t.count(o.answered)),
        (m.response_rate, t.percent(o.response_rate)),
        (
            m.first_response_median,
            with_secs(o.first_response_seconds.median),
        ),
        (
            m.first_response_p90,
            with_secs(o.first_response_seconds.p90),
        ),
        (
            m.first_response_mean,
            with_secs(o.first_response_seconds.mean),
        ),
        (m.next_reply_median, with_secs(o.next_reply_seconds.median)),
        (m.resolution_median, with_secs(o.resolution_seconds.median)),
        (m.sla_checked, t.count(o.sla_checked)),
        (m.sla_breaches, t.count(o.sla_breaches)),
        (m.negative, t.count(o.sentiment.negative)),
        (m.neutral, t.count(o.sentiment.neutral)),
        (m.positive, t.count(o.sentiment.positive)),
        (m.complaints, t.count(o.complaints)),
    ]
}

fn engagement_rows(t: &Catalogue, report: &Report) -> Vec<(&'static str, String)> {
    let r = &t.report;
    let e = &report.overall.engagement;
    vec![
        (r.our_replies, t.count(e.replies)),
        (r.likes, t.count(e.likes)),
        (r.shares, t.count(e.shares)),
        (r.replies_to_ours, t.count(e.comments)),
        (r.engagements, t.count(e.engagements)),
        (t.metrics.engagement_rate, t.points(e.rate)),
        (
            t.metrics.audience_growth,
            t.points(report.audience.growth_rate),
        ),
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

fn svg_daily_by_channel(t: &Catalogue, report: &Report) -> String {
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
    let title = esc(t.metrics.daily_volume);
    let mut svg = format!(
        r#"<svg viewBox="0 0 {w} {}" role="img" aria-label="{title}"><title>{title}</title>"#,
        h + 20.0
    );
    for (i, d) in report.days.iter().enumerate() {
        let x = pad + i as f64 * bw;
        let mut y = h - pad;
        let day = esc(&t.day_month(d.date));
        for ch in &channels {
            let v = d.by_channel.get(*ch).copied().unwrap_or(0);
            if v == 0 {
                continue;
            }
            let bh = (h - 2.0 * pad) * v as f64 / max as f64;
            y -= bh;
            let _ = write!(
                svg,
                r#"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{bh:.1}" fill="{}"><title>{day} {}: {v}</title></rect>"#,
                (bw - 2.0).max(1.0),
                channel_colour(ch),
                esc(ch)
            );
        }
        if report.days.len() <= 14 || i % (report.days.len() / 7).max(1) == 0 {
            let _ = write!(
                svg,
                r#"<text x="{:.1}" y="{:.1}" font-size="9" text-anchor="middle">{day}</text>"#,
                x + bw / 2.0,
                h - 8.0,
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

fn svg_negative_share(t: &Catalogue, report: &Report) -> String {
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
    let title = esc(t.report.negative_by_day);
    format!(
        r##"<svg viewBox="0 0 {w} {h}" role="img" aria-label="{title}"><title>{title}</title><line x1="{pad}" y1="{y0}" x2="{x1}" y2="{y0}" stroke="#bbb"/><text x="2" y="{y1t}" font-size="9">{full}</text><text x="2" y="{y0}" font-size="9">{zero}</text><polyline fill="none" stroke="#c62828" stroke-width="2" points="{}"/></svg>"##,
        points.join(" "),
        y0 = h - pad,
        x1 = w - pad,
        y1t = pad + 3.0,
        full = esc(&format!("100{}", t.formats.percent)),
        zero = esc(&format!("0{}", t.formats.percent)),
    )
}

/// An HTML table: its header cells, then rows of cells already escaped.
fn html_table(out: &mut String, head: &[&str], rows: impl IntoIterator<Item = Vec<String>>) {
    out.push_str("<table><tr>");
    for h in head {
        let _ = write!(out, "<th>{}</th>", esc(h));
    }
    out.push_str("</tr>");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{cell}</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
}

pub fn html(report: &Report, lang: Lang) -> String {
    let t = lang.t();
    let r = &t.report;
    let m = &t.metrics;
    let zone = tz(report);
    let o = &report.overall;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="{}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{}</title>
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
<h1>{}</h1>
<p class="period">{}</p>
<div class="kpis">"#,
        r.html_lang,
        esc(r.title),
        esc(r.title),
        esc(&period_line(t, report))
    );
    let seconds = |v: Option<i64>| v.map_or_else(String::new, |s| (r.seconds)(&s.to_string()));
    for (label, value, sub) in [
        (m.received, t.count(o.received), String::new()),
        (
            m.sent,
            t.count(o.sent),
            (r.by_rules)(&t.count(o.sent_automated)),
        ),
        (
            m.response_rate,
            t.percent(o.response_rate),
            (r.answered_n)(&t.count(o.answered)),
        ),
        (
            m.first_response_median,
            t.opt_duration(o.first_response_seconds.median),
            seconds(o.first_response_seconds.median),
        ),
        (
            m.first_response_p90,
            t.opt_duration(o.first_response_seconds.p90),
            seconds(o.first_response_seconds.p90),
        ),
        (
            m.first_response_mean,
            t.opt_duration(o.first_response_seconds.mean),
            seconds(o.first_response_seconds.mean),
        ),
        (
            m.sla_breaches,
            t.count(o.sla_breaches),
            (r.of_checked)(&t.count(o.sla_checked)),
        ),
        (
            m.negative,
            t.count(o.sentiment.negative),
            (r.neutral_positive)(
                &t.count(o.sentiment.neutral),
                &t.count(o.sentiment.positive),
            ),
        ),
        (
            m.engagement_rate,
            t.points(o.engagement.rate),
            (r.engagements_n)(&t.count(o.engagement.engagements)),
        ),
        (
            m.audience_growth,
            t.points(report.audience.growth_rate),
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
    let _ = write!(out, "</div>\n<h2>{}</h2>\n", esc(m.daily_volume));
    out.push_str(&svg_daily_by_channel(t, report));
    let _ = write!(out, "\n<h2>{}</h2>\n", esc(r.negative_by_day));
    out.push_str(&svg_negative_share(t, report));
    let _ = write!(out, "\n<h2>{}</h2>\n", esc(m.first_response_times));
    let dist: Vec<(String, u64)> = report
        .response_time_distribution
        .iter()
        .map(|b| (t.delay_range(b.from, b.to, b.to_included), b.count))
        .collect();
    out.push_str(&svg_bars(&dist, "#1565c0", m.first_response_times));
    let _ = write!(out, "\n<h2>{}</h2>\n", esc(r.volume_by_hour));
    let hours: Vec<(String, u64)> = report
        .hours
        .iter()
        .map(|h| (format!("{:02}", h.hour), h.received))
        .collect();
    out.push_str(&svg_bars(&hours, "#6a1b9a", r.inbound_by_hour));

    let _ = write!(out, "\n<h2>{}</h2>\n", esc(r.summary));
    html_table(
        &mut out,
        &[r.metric, r.value],
        summary_rows(t, o)
            .into_iter()
            .map(|(k, v)| vec![esc(k), esc(&v)]),
    );
    for (title, (_, map)) in group_titles(t).into_iter().zip(groups(report)) {
        if map.is_empty() {
            continue;
        }
        let _ = write!(out, "\n<h2>{}</h2>\n", esc(title));
        let mut head = vec![""];
        head.extend(group_columns(t));
        html_table(
            &mut out,
            &head,
            map.iter().map(|(key, s)| {
                let mut cells = vec![esc(&group_key(t, key))];
                cells.extend(group_cells(t, s).iter().map(|c| esc(c)));
                cells
            }),
        );
    }
    let _ = write!(out, "\n<h2>{}</h2>\n", esc(m.sla_breaches));
    if report.sla_breach_list.is_empty() {
        let _ = write!(out, "<p>{}</p>", esc(r.none));
    } else {
        html_table(
            &mut out,
            &[
                r.conversation,
                r.channel,
                r.first_message,
                r.due,
                r.answered,
            ],
            report.sla_breach_list.iter().map(|b| {
                vec![
                    format!("#{}", b.conversation),
                    esc(&b.channel),
                    esc(&t.date_time(b.first_inbound_at, zone)),
                    esc(&t.date_time(b.due_at, zone)),
                    esc(&b
                        .responded_at
                        .map_or_else(|| m.never.to_string(), |at| t.date_time(at, zone))),
                ]
            }),
        );
    }
    let _ = write!(out, "\n<h2>{}</h2>\n", esc(r.backlog));
    html_table(
        &mut out,
        &[r.waiting, r.conversations],
        report.backlog.iter().map(|b| {
            vec![
                esc(&t.delay_range(b.from, b.to, b.to_included)),
                t.count(b.count),
            ]
        }),
    );
    let _ = write!(out, "\n<h2>{}</h2>\n", esc(r.complaints_by_category));
    html_table(
        &mut out,
        &[r.tag, r.conversations],
        report
            .categories
            .iter()
            .map(|c| vec![esc(&c.tag), t.count(c.conversations)]),
    );
    let _ = write!(out, "\n<h2>{}</h2>\n", esc(r.crisis_timeline));
    if report.crisis.is_empty() {
        let _ = write!(out, "<p>{}</p>", esc(r.nothing_flagged));
    } else {
        html_table(
            &mut out,
            &[
                r.when,
                r.conversation,
                r.what,
                r.by,
                r.reason,
                r.hour_before,
                r.hour_after,
            ],
            report.crisis.iter().map(|c| {
                vec![
                    esc(&t.date_time(c.at, zone)),
                    format!("#{}", c.conversation),
                    esc(&moment(t, c)),
                    esc(t.actor(&c.actor)),
                    esc(&reason(t, c)),
                    t.count(c.inbound_hour_before),
                    t.count(c.inbound_hour_after),
                ]
            }),
        );
    }
    let _ = write!(out, "\n<h2>{}</h2>\n", esc(r.engagement));
    html_table(
        &mut out,
        &[r.metric, r.value],
        engagement_rows(t, report)
            .into_iter()
            .map(|(k, v)| vec![esc(k), esc(&v)]),
    );
    if !report.audience.accounts.is_empty() {
        html_table(
            &mut out,
            &[r.account, r.start, r.end, r.net, r.growth],
            report.audience.accounts.iter().map(|a| {
                vec![
                    format!("{} {}", esc(&a.channel), esc(&a.handle)),
                    t.count(a.start),
                    t.count(a.end),
                    esc(&t.signed(a.net)),
                    esc(&t.points(a.growth_rate)),
                ]
            }),
        );
    }
    let _ = write!(out, "\n<h2>{}</h2>\n", esc(r.top_authors));
    html_table(
        &mut out,
        &[r.author, r.channel, r.followers, r.messages],
        report.top_authors.iter().map(|a| {
            vec![
                format!("{}{}", esc(&a.handle), if a.verified { " ✓" } else { "" }),
                esc(&a.channel),
                t.count(a.followers),
                t.count(a.messages),
            ]
        }),
    );
    let _ = write!(out, "\n<h2>{}</h2>\n", esc(r.workload));
    let mut head = vec![r.person];
    head.extend(workload_columns(t));
    html_table(
        &mut out,
        &head,
        report.workload.iter().map(|p| {
            let mut cells = vec![esc(&p.person)];
            cells.extend(workload_rows(p).iter().map(|(_, v)| t.count(*v)));
            cells
        }),
    );
    let _ = write!(
        out,
        "\n<p class=\"period\">{}</p>\n</body></html>\n",
        esc(&(r.generated)(&t.date_time(report.generated_at, zone)))
    );
    out
}
