//! Where a walk back through a network's pages stands, kept as the
//! account's cursor: the bare "newest seen" value between walks, a small
//! JSON object while a walk is under way (so a restart resumes it).

use super::http::ChannelError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Round {
    /// The newest item of the walk before: this walk stops there.
    #[serde(default, alias = "seen", skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// The network's token for the next (older) page.
    #[serde(
        default,
        alias = "token",
        alias = "page",
        alias = "after",
        skip_serializing_if = "Option::is_none"
    )]
    pub next: Option<String>,
    /// The newest item of this walk: `since` of the next one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top: Option<String>,
}

impl Round {
    pub fn read(cursor: Option<&str>) -> Round {
        match cursor.map(str::trim) {
            None | Some("") => Round::default(),
            Some(c) if c.starts_with('{') => serde_json::from_str(c).unwrap_or_default(),
            Some(newest) => Round {
                since: Some(newest.to_string()),
                ..Round::default()
            },
        }
    }

    /// The cursor of a walk still under way.
    pub fn to_cursor(&self) -> Result<String, ChannelError> {
        serde_json::to_string(self).map_err(|e| ChannelError::Parse(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finished_walk_is_the_bare_value_one_under_way_resumes() {
        assert_eq!(Round::read(None), Round::default());
        assert_eq!(Round::read(Some("t1_abc")).since.as_deref(), Some("t1_abc"));
        let r = Round {
            since: Some("1".into()),
            next: Some("tok".into()),
            top: Some("9".into()),
        };
        assert_eq!(Round::read(Some(&r.to_cursor().unwrap())), r);
        // Cursors written before the walk state was shared.
        let old = Round::read(Some(r#"{"seen":"1","after":"tok","top":"9"}"#));
        assert_eq!(old, r);
    }
}
