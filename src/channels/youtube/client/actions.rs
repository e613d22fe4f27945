//! Network actions through the YouTube Data API v3, as the capability
//! table lists them (the channel's owner moderates comments on its videos):
//! - hide / unhide: `POST /youtube/v3/comments/setModerationStatus` with
//!   `id` and `moderationStatus=heldForReview` (held back from the public,
//!   as YouTube Studio's "held for review") or `published`;
//! - block the author: the same call with `moderationStatus=rejected` and
//!   `banAuthor=true` ("hide user from channel"; the API cannot lift it);
//! - delete our reply: `DELETE /youtube/v3/comments?id=`, looked up after a
//!   lost answer with `comments.list?id=` (no item: it went).
//!
//! Each answers `204 No Content`; every parameter is in the query, never in
//! a body. Setting a status twice is harmless, so those are retried; each
//! call costs 50 quota units.

use super::{YoutubeClient, classify};
use crate::channels::connector::{Act, Acted, Lookup, not_offered};
use crate::channels::http::{ChannelError, Repeat};
use crate::model::{ActionKind, Channel};
use serde_json::Value;

impl YoutubeClient {
    async fn set_moderation_status(
        &self,
        comment: &str,
        status: &str,
        ban: bool,
    ) -> Result<(), ChannelError> {
        let url = format!("{}/youtube/v3/comments/setModerationStatus", self.base);
        let mut query = vec![("id", comment), ("moderationStatus", status)];
        if ban {
            query.push(("banAuthor", "true"));
        }
        self.http
            .send_with(
                |c| {
                    c.post(&url)
                        .bearer_auth(self.token.expose())
                        .query(&query)
                        .header(reqwest::header::CONTENT_LENGTH, "0")
                },
                Repeat::Safe,
                classify,
            )
            .await?;
        Ok(())
    }

    pub(super) async fn act_on(&self, act: &Act) -> Result<Acted, ChannelError> {
        let comment = act.target.ext_id.as_str();
        match act.kind {
            ActionKind::Hide => self.set_moderation_status(comment, "heldForReview", false),
            ActionKind::Unhide => self.set_moderation_status(comment, "published", false),
            ActionKind::Block => self.set_moderation_status(comment, "rejected", true),
            ActionKind::Delete => {
                let url = format!("{}/youtube/v3/comments", self.base);
                let answer = self.http.send_with(
                    |c| {
                        c.delete(&url)
                            .bearer_auth(self.token.expose())
                            .query(&[("id", comment)])
                    },
                    Repeat::Never,
                    classify,
                );
                return answer.await.map(|_| Acted::default());
            }
            _ => return Err(not_offered(Channel::Youtube, act.kind)),
        }
        .await
        .map(|()| Acted::default())
    }

    /// After a lost answer to a delete: no such comment any more is done.
    pub(super) async fn find_act_of(&self, act: &Act) -> Result<Lookup, ChannelError> {
        if act.kind != ActionKind::Delete {
            return Ok(Lookup::NotDone);
        }
        let body = self
            .get(
                "comments",
                &[("part", "id"), ("id", act.target.ext_id.as_str())],
            )
            .await?;
        let listed: Value =
            serde_json::from_slice(&body).map_err(|e| ChannelError::Parse(e.to_string()))?;
        let there = listed
            .get("items")
            .and_then(Value::as_array)
            .is_some_and(|items| !items.is_empty());
        Ok(if there {
            Lookup::NotDone
        } else {
            Lookup::Done(Acted::default())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::client;
    use super::*;
    use crate::channels::connector::Connector;
    use crate::channels::local_server::{Reply, Server, TOO_LATE, fixture};
    use crate::model::ActionTarget;

    const MODERATE: &str = "/youtube/v3/comments/setModerationStatus";
    const COMMENTS: &str = "/youtube/v3/comments";
    const THEIRS: &str = "UgxhM1bCbpl7cIz32dA4AaABAg";
    const OURS: &str = "UgwKettloReply0001.AQ2mBmV0FQ9AQ2mBn7b4yR";

    fn act(kind: ActionKind, on: &str) -> Act {
        Act {
            id: 1,
            kind,
            idempotency_key: "palabre-act-1-1793000000000-1".into(),
            target: ActionTarget {
                ext_id: on.into(),
                author: "@Sophie-ck2nq".into(),
                thread_ext_id: None,
                root_ext_id: None,
                url: None,
            },
            reason: None,
            undoes_remote_id: None,
        }
    }

    fn no_content() -> Reply {
        Reply {
            status: 204,
            headers: Vec::new(),
            body: Vec::new(),
            delay: std::time::Duration::ZERO,
        }
    }

    #[tokio::test]
    async fn moderation_statuses_go_in_the_query_without_a_body() {
        let server = Server::start().await;
        server.on("POST", MODERATE, vec![no_content()]);
        let yt = client(&server);
        yt.act(&act(ActionKind::Hide, THEIRS)).await.unwrap();
        yt.act(&act(ActionKind::Unhide, THEIRS)).await.unwrap();
        yt.act(&act(ActionKind::Block, THEIRS)).await.unwrap();
        let asked = server.requests_to("POST", MODERATE);
        let status: Vec<_> = asked.iter().map(|r| r.param("moderationStatus")).collect();
        assert_eq!(
            status,
            [Some("heldForReview"), Some("published"), Some("rejected")]
        );
        assert_eq!(asked[0].param("id"), Some(THEIRS));
        assert_eq!(asked[0].param("banAuthor"), None);
        assert_eq!(asked[2].param("banAuthor"), Some("true"));
        for r in &asked {
            assert!(r.body.is_empty(), "no request body");
            assert_eq!(r.header("authorization"), Some("Bearer test-token"));
        }
        // Not the channel's comment: YouTube's words; no like, no report.
        let server = Server::start().await;
        server.on(
            "POST",
            MODERATE,
            vec![Reply::json(
                403,
                fixture("youtube/error_forbidden_moderation.json"),
            )],
        );
        let yt = client(&server);
        let e = yt.act(&act(ActionKind::Hide, THEIRS)).await.unwrap_err();
        assert!(e.to_string().contains("insufficient permissions"), "{e}");
        let e = yt.act(&act(ActionKind::Like, THEIRS)).await.unwrap_err();
        assert!(e.to_string().contains("youtube does not offer like"), "{e}");
        let e = yt.act(&act(ActionKind::Report, THEIRS)).await.unwrap_err();
        assert!(
            e.to_string().contains("youtube does not offer report"),
            "{e}"
        );
    }

    #[tokio::test]
    async fn a_delete_whose_answer_was_lost_is_looked_up_by_id() {
        let server = Server::start().await;
        server.on("DELETE", COMMENTS, vec![no_content().delayed(TOO_LATE)]);
        server.on(
            "GET",
            COMMENTS,
            vec![
                Reply::ok(fixture("youtube/comments_by_id.json")),
                Reply::ok(fixture("youtube/comments_by_id_empty.json")),
            ],
        );
        let yt = client(&server);
        let e = yt.act(&act(ActionKind::Delete, OURS)).await.unwrap_err();
        assert!(matches!(e, ChannelError::Ambiguous(_)), "{e:?}");
        let deletes = server.requests_to("DELETE", COMMENTS);
        assert_eq!(deletes.len(), 1, "never repeated");
        assert_eq!(deletes[0].param("id"), Some(OURS));
        assert_eq!(
            yt.find_act(&act(ActionKind::Delete, OURS)).await.unwrap(),
            Lookup::NotDone
        );
        assert_eq!(
            yt.find_act(&act(ActionKind::Delete, OURS)).await.unwrap(),
            Lookup::Done(Acted::default())
        );
        let looked = server.requests_to("GET", COMMENTS);
        assert_eq!(looked[0].param("id"), Some(OURS));
        assert_eq!(looked[0].param("part"), Some("id"));
    }
}
