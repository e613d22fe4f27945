//! The interchange format: JSONL, one message per line, validated with errors
//! that name the line and the field; and how a message finds its thread.

use crate::model::Message;
use std::io::BufRead;

/// A line that is not a valid message. Displayed as `LINE: FIELD: reason`
/// (in English); the caller puts the file name in front. `problem` is the
/// same reason as a value, which the interface says in its language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}: {field}: {reason}")]
pub struct LineError {
    pub line: usize,
    pub field: String,
    pub reason: String,
    pub problem: Problem,
}

/// What is wrong with a line, as a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Required,
    Empty,
    RepliesToItself,
    EmptyParent,
    EmptyThread,
    TooLarge,
    /// (the value, cut)
    NotALanguage(String),
    /// (the byte where it stops being UTF-8)
    NotUtf8(usize),
    /// The JSON reader's own words (English).
    NotJson(String),
    TextAfter(String),
    /// A value of the wrong type or shape, in the JSON reader's words.
    Invalid(String),
}

impl Problem {
    /// In English, as the error's `Display` and machines read it.
    pub fn english(&self) -> String {
        match self {
            Problem::Required => "is required".into(),
            Problem::Empty => "must not be empty".into(),
            Problem::RepliesToItself => "a message cannot reply to itself".into(),
            Problem::EmptyParent => "must be null or a message id, not empty".into(),
            Problem::EmptyThread => "must be absent or a thread id, not empty".into(),
            Problem::TooLarge => "is larger than any real count".into(),
            Problem::NotALanguage(v) => {
                format!("`{v}` is not a language code such as \"fr\" or \"en\"")
            }
            Problem::NotUtf8(at) => format!("not valid UTF-8 (byte {at})"),
            Problem::NotJson(why) => format!("not valid JSON: {why}"),
            Problem::TextAfter(why) => format!("unexpected text after the JSON object: {why}"),
            Problem::Invalid(why) => why.clone(),
        }
    }
}

/// Parses and validates one line of the interchange format.
pub fn parse_line(text: &str, line: usize) -> Result<Message, LineError> {
    // Reasons quote the offending value, which came from outside.
    let err = |field: &str, problem: Problem| {
        let problem = match problem {
            Problem::NotALanguage(v) => Problem::NotALanguage(crate::text::clip(&v, 60)),
            Problem::Invalid(why) => Problem::Invalid(crate::text::clip_quoted(&why, 60)),
            other => other,
        };
        LineError {
            line,
            field: crate::text::sanitize(field).into_owned(),
            reason: crate::text::clip_quoted(&problem.english(), 60),
            problem,
        }
    };
    // Fast path: most lines are valid. Only a failing line pays for the
    // path tracking that names the field.
    if let Ok(message) = serde_json::from_str::<Message>(text) {
        validate(&message).map_err(|(field, problem)| err(field, problem))?;
        return Ok(message);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let message: Message = match serde_path_to_error::deserialize(&mut de) {
        Ok(m) => m,
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let reason = inner.to_string();
            // serde reports a missing field at its parent: name the field itself.
            let reason = strip_position(&reason);
            if let Some(rest) = reason.strip_prefix("missing field `") {
                let name = rest.split('`').next().unwrap_or("");
                let field = if path == "." || path.is_empty() {
                    name.to_string()
                } else {
                    format!("{path}.{name}")
                };
                return Err(err(&field, Problem::Required));
            }
            let broken = inner.is_syntax() || inner.is_eof();
            let field = if broken || path == "." || path == "?" || path.is_empty() {
                "(line)".to_string()
            } else {
                path
            };
            let problem = if inner.is_syntax() || inner.is_eof() {
                Problem::NotJson(reason)
            } else {
                Problem::Invalid(reason)
            };
            return Err(err(&field, problem));
        }
    };
    if let Err(e) = de.end() {
        return Err(err(
            "(line)",
            Problem::TextAfter(strip_position(&e.to_string())),
        ));
    }
    validate(&message).map_err(|(field, problem)| err(field, problem))?;
    Ok(message)
}

fn strip_position(reason: &str) -> String {
    match reason.rfind(" at line ") {
        Some(i) => reason[..i].to_string(),
        None => reason.to_string(),
    }
}

fn validate(m: &Message) -> Result<(), (&'static str, Problem)> {
    if m.id.trim().is_empty() {
        return Err(("id", Problem::Empty));
    }
    if m.parent_id.as_deref() == Some(m.id.as_str()) {
        return Err(("parent_id", Problem::RepliesToItself));
    }
    if m.parent_id.as_deref().is_some_and(|p| p.trim().is_empty()) {
        return Err(("parent_id", Problem::EmptyParent));
    }
    if m.thread_id.as_deref().is_some_and(|t| t.trim().is_empty()) {
        return Err(("thread_id", Problem::EmptyThread));
    }
    if m.author.handle.trim().is_empty() {
        return Err(("author.handle", Problem::Empty));
    }
    let too_big = |n: u64| n > i64::MAX as u64;
    if m.author.followers.is_some_and(too_big) {
        return Err(("author.followers", Problem::TooLarge));
    }
    for (field, n) in [
        ("metrics.likes", m.metrics.likes),
        ("metrics.shares", m.metrics.shares),
        ("metrics.replies", m.metrics.replies),
    ] {
        if too_big(n) {
            return Err((field, Problem::TooLarge));
        }
    }
    if let Some(lang) = &m.lang {
        let ok = {
            let mut parts = lang.split(['-', '_']);
            let primary = parts.next().unwrap_or("");
            (2..=3).contains(&primary.len())
                && primary.chars().all(|c| c.is_ascii_alphabetic())
                && parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
        };
        if !ok {
            return Err(("lang", Problem::NotALanguage(lang.clone())));
        }
    }
    Ok(())
}

/// One line's result while reading a stream.
pub type LineResult = Result<Message, LineError>;

/// Reads interchange lines from `reader`, calling `each` with every non-blank
/// line's result. Stops early when `each` returns `false`.
pub fn read_jsonl<R: BufRead>(
    mut reader: R,
    mut each: impl FnMut(LineResult) -> bool,
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let mut line = 0usize;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            return Ok(());
        }
        line += 1;
        let mut bytes = buf.as_slice();
        if line == 1 {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        let result = match std::str::from_utf8(bytes) {
            Ok(text) => {
                let text = text.trim();
                if text.is_empty() {
                    continue;
                }
                parse_line(text, line)
            }
            Err(e) => {
                let problem = Problem::NotUtf8(e.valid_up_to());
                Err(LineError {
                    line,
                    field: "(line)".into(),
                    reason: problem.english(),
                    problem,
                })
            }
        };
        if !each(result) {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"channel":"mastodon","id":"1","parent_id":null,"kind":"mention","author":{"handle":"@a@x.social","name":"A","followers":3,"verified":false},"text":"hi","created_at":"2026-11-02T10:00:00Z","url":null,"metrics":{"likes":0,"shares":0,"replies":0}}"#;

    #[test]
    fn parses_a_valid_line_with_defaults() {
        let m = parse_line(GOOD, 1).unwrap();
        assert_eq!(m.direction, crate::model::Direction::Inbound);
        assert_eq!(m.lang, None);
    }

    #[test]
    fn names_the_field_that_is_wrong() {
        let cases = [
            (
                GOOD.replace(r#""channel":"mastodon""#, r#""channel":"myspace""#),
                "channel",
            ),
            (
                GOOD.replace(r#""created_at":"2026-11-02T10:00:00Z","#, ""),
                "created_at",
            ),
            (
                GOOD.replace(
                    r#""created_at":"2026-11-02T10:00:00Z""#,
                    r#""created_at":"yesterday""#,
                ),
                "created_at",
            ),
            (
                GOOD.replace(r#""followers":3"#, r#""followers":-3"#),
                "author.followers",
            ),
            (
                GOOD.replace(r#""handle":"@a@x.social","#, ""),
                "author.handle",
            ),
            (GOOD.replace(r#""id":"1""#, r#""id":"""#), "id"),
            (
                GOOD.replace(r#""parent_id":null"#, r#""parent_id":"1""#),
                "parent_id",
            ),
            (
                GOOD.replace(r#","url":null"#, r#","lang":"french!""#),
                "lang",
            ),
            ("{not json".to_string(), "(line)"),
        ];
        for (line, field) in cases {
            let e = parse_line(&line, 7).unwrap_err();
            assert_eq!(e.line, 7);
            assert_eq!(e.field, field, "{e}");
        }
    }

    #[test]
    fn reads_lines_with_numbers_skipping_blanks() {
        let input = format!("\u{feff}{GOOD}\n\n{}\n", "{}");
        let mut seen = Vec::new();
        read_jsonl(input.as_bytes(), |r| {
            seen.push(r.map(|m| m.id).map_err(|e| e.line));
            true
        })
        .unwrap();
        assert_eq!(seen, vec![Ok("1".to_string()), Err(3)]);
    }
}
