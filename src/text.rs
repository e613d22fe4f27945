//! Text from the internet is hostile: before anything is drawn or printed,
//! escape sequences, control characters and bidi overrides are neutralised.

use std::borrow::Cow;
use unicode_width::UnicodeWidthChar;

/// Bidi controls, and zero-width characters that terminals draw with
/// inconsistent widths (they would shift every column after them).
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200B}'..='\u{200F}'
            | '\u{061C}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}'
            | '\u{180E}'
    )
}

/// Removes terminal escape sequences (CSI, OSC, and other ESC forms), C0/C1
/// control characters except newline and tab, and bidi overrides/isolates.
/// Tabs become spaces so that columns stay predictable.
pub fn sanitize(input: &str) -> Cow<'_, str> {
    let clean = |c: char| c == '\n' || !(c.is_control() || is_bidi_control(c));
    if input.chars().all(clean) {
        return Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\t' => out.push_str("    "),
            '\r' => {}
            c if c == '\n' => out.push(c),
            c if c.is_control() || is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']') | Some('P') | Some('^') | Some('_') | Some('X') => {
            chars.next();
            skip_string(chars);
        }
        Some(c) if (' '..='/').contains(c) => {
            // nF sequences: intermediates then one final byte.
            while chars.next_if(|c| (' '..='/').contains(c)).is_some() {}
            chars.next();
        }
        Some(_) => {
            chars.next();
        }
        None => {}
    }
}

fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) {
            break;
        }
    }
}

/// OSC/DCS/PM/APC strings end with BEL or ST (ESC \ or U+009C).
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                chars.next_if_eq(&'\\');
                break;
            }
            _ => {}
        }
    }
}

/// The first line of `text`, sanitised, cut to at most `width` columns with an
/// ellipsis when cut.
pub fn one_line(text: &str, width: usize) -> String {
    let clean = sanitize(text);
    let flat: String = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    truncate(&flat, width)
}

/// A value from outside quoted in an error message: sanitised, and cut to
/// `chars` characters with the full length said, so that a 300 kB field
/// does not flood the terminal.
pub fn clip(value: &str, chars: usize) -> String {
    let clean = sanitize(value);
    let total = clean.chars().count();
    if total <= chars {
        return clean.into_owned();
    }
    let kept: String = clean.chars().take(chars).collect();
    format!("{kept}… ({total} characters)")
}

/// Cuts every `quoted` value in an error message with [`clip`].
pub fn clip_quoted(message: &str, chars: usize) -> String {
    let mut out = String::with_capacity(message.len().min(4 * chars));
    let mut parts = message.split('`');
    if let Some(first) = parts.next() {
        out.push_str(&clip(first, 4 * chars));
    }
    for (i, part) in parts.enumerate() {
        out.push('`');
        // Odd parts sit between backticks.
        out.push_str(&clip(part, if i % 2 == 0 { chars } else { 4 * chars }));
    }
    out
}

/// Cuts to at most `width` terminal columns, marking a cut with `…`.
pub fn truncate(text: &str, width: usize) -> String {
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// When something happened, as a clock on the wall says it in `tz`: the
/// time alone today, the day and time this year, the full date before.
pub fn when(
    then: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
    tz: chrono_tz::Tz,
    lang: crate::i18n::Lang,
) -> String {
    use chrono::{Datelike, Timelike};
    let (t, n) = (then.with_timezone(&tz), now.with_timezone(&tz));
    let clock = format!("{:02}:{:02}", t.hour(), t.minute());
    if t.date_naive() == n.date_naive() {
        return clock;
    }
    let weekday = t.weekday().num_days_from_monday() as usize;
    let month = t.month0() as usize;
    let (days, months): (&[&str; 7], &[&str; 12]) = match lang {
        crate::i18n::Lang::En => (
            &["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
            &[
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ],
        ),
        crate::i18n::Lang::Fr => (
            &["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
            &[
                "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
                "nov.", "déc.",
            ],
        ),
    };
    if t.year() == n.year() {
        format!("{} {} {} {clock}", days[weekday], t.day(), months[month])
    } else {
        format!("{} {} {} {clock}", t.day(), months[month], t.year())
    }
}

/// "3m", "5h", "2d": how long ago, in the largest unit that fits.
pub fn age(then: chrono::DateTime<chrono::Utc>, now: chrono::DateTime<chrono::Utc>) -> String {
    let secs = (now - then).num_seconds().max(0);
    match secs {
        0..=59 => format!("{secs}s"),
        60..=3599 => format!("{}m", secs / 60),
        3600..=86_399 => format!("{}h", secs / 3600),
        86_400..=2_591_999 => format!("{}d", secs / 86_400),
        _ => format!("{}mo", secs / 2_592_000),
    }
}

/// One line saying what an event did.
pub fn describe(e: &crate::model::Event) -> String {
    use crate::model::EventKind;
    let p = &e.payload;
    let s = |k: &str| p.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
    let list = |k: &str| {
        p.get(k)
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|t| t.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default()
    };
    match e.kind {
        EventKind::Status => format!("{} → {}{}", s("from"), s("to"), reason(p)),
        EventKind::Tag => format!("+ {}", list("tags")),
        EventKind::Untag => format!("− {}", list("tags")),
        EventKind::Assign => format!(
            "{} → {}",
            p.get("from").and_then(|v| v.as_str()).unwrap_or("nobody"),
            p.get("to").and_then(|v| v.as_str()).unwrap_or("nobody")
        ),
        EventKind::CrisisFlag => format!("{} → {}{}", s("from"), s("to"), reason(p)),
        EventKind::Escalation => format!("to {}: {}", s("to"), s("note")),
        EventKind::Note => s("text"),
        EventKind::ReplyQueued | EventKind::ReplySent => crate::text::one_line(&s("text"), 60),
        EventKind::ReplyFailed => s("error"),
        EventKind::DraftSaved => format!(
            "{} characters",
            p.get("chars").and_then(|v| v.as_u64()).unwrap_or(0)
        ),
        EventKind::Edited => format!("{} {}", s("channel"), s("message")),
        EventKind::EscalationHookOk | EventKind::EscalationHookFailed => hook(e),
        EventKind::ActionQueued => format!(
            "{} {}{}{}",
            s("kind"),
            s("message"),
            Some(s("reason"))
                .filter(|r| !r.is_empty())
                .map(|r| format!(": {r}"))
                .unwrap_or_default(),
            p.get("undoes")
                .and_then(|v| v.as_i64())
                .map(|u| format!(" (undoes action {u})"))
                .unwrap_or_default()
        ),
        EventKind::ActionDone => format!("{} {} done", s("kind"), s("message")),
        EventKind::ActionFailed => format!("{} {}: {}", s("kind"), s("message"), s("error")),
        EventKind::ActionCancelled => {
            format!("{} {} cancelled before it left", s("kind"), s("message"))
        }
        EventKind::Rule => format!("{} on {}: {}", s("rule"), s("message"), list("did")),
        EventKind::RuleHookOk | EventKind::RuleHookFailed => hook(e),
        EventKind::Priority => format!(
            "priority {:+}",
            p.get("boost").and_then(|v| v.as_i64()).unwrap_or(0)
        ),
        EventKind::Sentiment if s("from") == s("to") => format!("{} (confirmed)", s("to")),
        EventKind::Sentiment => format!(
            "{} → {} (corrected)",
            Some(s("from"))
                .filter(|f| !f.is_empty())
                .unwrap_or("?".into()),
            s("to")
        ),
    }
}

/// "webhook https://hooks.example: 200, 2nd attempt" /
/// "command notify: failed after 3 attempts: notify exited with 1".
fn hook(e: &crate::model::Event) -> String {
    let p = &e.payload;
    let what = p.get("hook").and_then(|v| v.as_str()).unwrap_or("hook");
    let target = p.get("target").and_then(|v| v.as_str()).unwrap_or("");
    let attempts = p.get("attempts").and_then(|v| v.as_u64()).unwrap_or(1);
    let tries = if attempts == 1 {
        "1 attempt".to_string()
    } else {
        format!("{attempts} attempts")
    };
    if matches!(
        e.kind,
        crate::model::EventKind::EscalationHookOk | crate::model::EventKind::RuleHookOk
    ) {
        let answer = match (what, p.get("status").and_then(|v| v.as_i64())) {
            ("webhook", Some(code)) => format!("delivered (HTTP {code})"),
            _ => "done".to_string(),
        };
        format!("{what} {target}: {answer} after {tries}")
    } else {
        let error = p.get("error").and_then(|v| v.as_str()).unwrap_or("failed");
        format!("{what} {target}: failed after {tries}: {error}")
    }
}

fn reason(p: &serde_json::Value) -> String {
    match p.get("reason").and_then(|v| v.as_str()) {
        Some(r) if !r.is_empty() => format!(" ({r})"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn strips_escapes_controls_and_bidi() {
        let hostile = "ok\u{1b}[2J\u{1b}]0;pwned\u{7}\u{1b}]8;;http://x\u{1b}\\link\u{202E}evil\u{0}\r\nnext\u{9b}31m";
        assert_eq!(sanitize(hostile), "oklinkevil\nnext");
        assert!(matches!(sanitize("plain é 漢字 👍"), Cow::Borrowed(_)));
    }

    #[test]
    fn truncates_by_columns_not_bytes() {
        let s = truncate("漢字漢字漢字", 7);
        assert!(s.width() <= 7, "{s}");
        assert!(s.ends_with('…'));
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(one_line("a\nb\tc", 20), "a b c");
    }
}

#[cfg(test)]
mod when_tests {
    use super::when;
    use crate::i18n::Lang;
    use chrono::{TimeZone, Utc};

    #[test]
    fn times_read_as_a_clock_in_the_business_time_zone() {
        let now = Utc.with_ymd_and_hms(2026, 11, 10, 12, 0, 0).unwrap();
        let paris = chrono_tz::Europe::Paris;
        let today = Utc.with_ymd_and_hms(2026, 11, 10, 7, 58, 0).unwrap();
        assert_eq!(when(today, now, paris, Lang::En), "08:58");
        let monday = Utc.with_ymd_and_hms(2026, 11, 9, 18, 5, 0).unwrap();
        assert_eq!(when(monday, now, paris, Lang::En), "Mon 9 Nov 19:05");
        assert_eq!(when(monday, now, paris, Lang::Fr), "lun. 9 nov. 19:05");
        let last_year = Utc.with_ymd_and_hms(2025, 12, 31, 23, 30, 0).unwrap();
        assert_eq!(
            when(last_year, now, chrono_tz::UTC, Lang::Fr),
            "31 déc. 2025 23:30"
        );
        // Late on New Year’s Eve in UTC is already this year in Paris.
        assert_eq!(when(last_year, now, paris, Lang::En), "Thu 1 Jan 00:30");
    }
}
