//! Reply length limits per network, counted the way each network counts.

use crate::model::Channel;
use unicode_segmentation::UnicodeSegmentation;

/// The most a reply may hold on `channel`, in that network's own unit.
pub fn limit(channel: Channel) -> Option<usize> {
    match channel {
        Channel::X => Some(280),
        Channel::Bluesky => Some(300),
        Channel::Mastodon => Some(500),
        Channel::Instagram => Some(2200),
        Channel::Facebook => Some(8000),
        Channel::Youtube => Some(10_000),
        Channel::Reddit => Some(10_000),
        Channel::Email | Channel::Other => None,
    }
}

/// The length of `text` as `channel` counts it: X weighs CJK and other wide
/// scripts double and every URL as 23; Bluesky counts graphemes; the others
/// count characters.
pub fn length(channel: Channel, text: &str) -> usize {
    match channel {
        Channel::X => x_weighted_length(text),
        Channel::Bluesky => text.graphemes(true).count(),
        _ => text.chars().count(),
    }
}

fn x_weighted_length(text: &str) -> usize {
    let mut total = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let trimmed = word.trim_end();
        let is_url = trimmed.starts_with("https://") || trimmed.starts_with("http://");
        if is_url {
            total += 23 + (word.len() - trimmed.len());
            continue;
        }
        // An emoji with its modifiers or joiners is one character to X.
        for g in word.graphemes(true) {
            total += g.chars().map(x_char_weight).max().unwrap_or(0);
        }
    }
    total
}

/// twitter-text v3: these ranges weigh 1, everything else (CJK, emoji) 2.
fn x_char_weight(c: char) -> usize {
    match c as u32 {
        0..=4351 | 8192..=8205 | 8208..=8223 | 8242..=8247 => 1,
        _ => 2,
    }
}

/// The reply as the network would take it: not empty, within its length.
pub fn check(channel: Channel, text: &str) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err("the reply is empty".into());
    }
    let length = length(channel, text);
    match limit(channel) {
        Some(limit) if length > limit => Err(format!(
            "the reply is too long for {channel}: {length} of {limit}"
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn networks_count_their_own_way() {
        assert_eq!(length(Channel::X, "hello"), 5);
        assert_eq!(length(Channel::X, "漢字"), 4);
        assert_eq!(
            length(Channel::X, "see https://example.com/a/very/long/path ok"),
            4 + 23 + 3
        );
        assert_eq!(length(Channel::Bluesky, "e\u{301}👍🏽"), 2);
        assert_eq!(length(Channel::X, "👍🏽"), 2);
        assert_eq!(length(Channel::X, "🇫🇷"), 2);
        assert_eq!(length(Channel::X, "👨‍👩‍👧"), 2);
        assert_eq!(length(Channel::Mastodon, "e\u{301}"), 2);
        assert_eq!(limit(Channel::X), Some(280));
        assert_eq!(limit(Channel::Bluesky), Some(300));
        assert_eq!(limit(Channel::Mastodon), Some(500));
    }
}
