//! What the networks' clients share: where the API is, who we are there,
//! and cursors that carry a round of paging across restarts.

use super::Account;
use super::http::ChannelError;
use crate::config::AccountEntry;
use crate::model::Channel;

/// The API's root: the account's `base_url` when set (tests point it at a
/// local server), else the network's; without a trailing slash.
pub(crate) fn base_url(entry: &AccountEntry, default: &str) -> String {
    entry
        .base_url
        .as_deref()
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .unwrap_or(default)
        .trim_end_matches('/')
        .to_string()
}

/// Who we are for the parsers: our handle and our id.
pub(crate) fn account_of(entry: &AccountEntry) -> Account {
    let mut me = vec![entry.handle.clone()];
    if let Some(id) = &entry.id {
        me.push(id.clone());
    }
    Account { me, instance: None }
}

/// The account's id, which `network`'s API needs in its paths.
pub(crate) fn required_id(entry: &AccountEntry, what: &str) -> Result<String, String> {
    entry
        .id
        .as_deref()
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_string)
        .ok_or_else(|| {
            format!(
                "{} needs the {what} as `id` in the account's configuration",
                entry.network
            )
        })
}

/// A reply checked before it leaves: not empty, within the network's length.
pub(crate) fn check_reply(channel: Channel, text: &str) -> Result<(), ChannelError> {
    crate::limits::check(channel, text)
        .map_err(|message| ChannelError::Refused { status: 0, message })
}

/// A reply's text as networks give it back, for finding it again: leading
/// `@mentions` (added to replies), links (shortened) and spacing left out.
pub(crate) fn comparable(text: &str) -> String {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    while words.first().is_some_and(|w| w.starts_with('@')) {
        words.remove(0);
    }
    words
        .into_iter()
        .filter(|w| !w.starts_with("http://") && !w.starts_with("https://"))
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn parse_error(e: super::ParseError) -> ChannelError {
    ChannelError::Parse(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_compare_without_mentions_and_links() {
        assert_eq!(
            comparable("@juju_trbl  Bonjour, voici https://t.co/abc le suivi"),
            "Bonjour, voici le suivi"
        );
        assert_eq!(
            comparable("Bonjour, voici https://kettlo.example/suivi le suivi"),
            "Bonjour, voici le suivi"
        );
    }
}
