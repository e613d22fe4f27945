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
