//! Network actions through Reddit's OAuth API, as the capability table
//! lists them (form-encoded `POST`s on oauth.reddit.com, our User-Agent):
//! - hide / unhide a comment: `/api/remove` (`id`, `spam=false`) and
//!   `/api/approve` — moderator actions on the subreddit's comments;
//! - delete our comment or message: `/api/del`;
//! - like / unlike: `/api/vote` with `dir=1` / `dir=0`;
//! - block / unblock the author: `/api/block_user` (`name`), and
//!   `/api/unfriend` with `type=enemy`, `container` our `t2_` fullname (from
//!   `GET /api/v1/me`);
//! - report: `/api/report` with `api_type=json`, `thing_id` and `reason`
//!   (at most 100 characters), whose refusals come inside a 200
//!   (`json.errors`).
//!
//! All but the report set a state: a retry is harmless. A report whose
//! answer was lost is not sent again by itself (Reddit cannot say whether
//! it arrived).

use super::RedditClient;
use crate::channels::connector::{Act, Acted, not_offered};
use crate::channels::http::{ChannelError, Repeat};
use crate::model::{ActionKind, Channel};
use serde_json::Value;

/// What Reddit keeps of a report's reason.
const REASON_CHARS: usize = 100;

impl RedditClient {
    async fn post_form(
        &self,
        path: &str,
        form: &[(&str, &str)],
        repeat: Repeat,
    ) -> Result<Value, ChannelError> {
        let url = format!("{}{path}", self.base);
        let answer = self
            .http
            .send(
                |c| {
                    c.post(&url)
                        .bearer_auth(self.token.expose())
                        .header(reqwest::header::USER_AGENT, &self.user_agent)
                        .form(form)
                },
                repeat,
            )
            .await?;
        // Most of these answer `{}`; a report answers `{"json": {"errors": […]}}`.
        let value: Value = if answer.body.iter().all(u8::is_ascii_whitespace) {
            Value::Object(Default::default())
        } else {
            answer.json()?
        };
        if let Some(first) = value
            .pointer("/json/errors")
            .and_then(Value::as_array)
            .and_then(|e| e.first())
        {
            let part = |i: usize| first.get(i).and_then(Value::as_str).unwrap_or("");
            return Err(ChannelError::Refused {
                status: answer.status,
                message: format!("{}: {}", part(0), part(1)),
            });
        }
        Ok(value)
    }

    /// Our account's fullname (`t2_…`), which `/api/unfriend` names.
    async fn my_fullname(&self) -> Result<String, ChannelError> {
        let body = self.get("/api/v1/me", &[]).await?;
        let me: Value =
            serde_json::from_slice(&body).map_err(|e| ChannelError::Parse(e.to_string()))?;
        me.get("id")
            .and_then(Value::as_str)
            .map(|id| format!("t2_{}", id.trim_start_matches("t2_")))
            .ok_or_else(|| ChannelError::Parse("/api/v1/me: no id".into()))
    }

    pub(super) async fn act_on(&self, act: &Act) -> Result<Acted, ChannelError> {
        let thing = act.target.ext_id.as_str();
        let author = act
            .target
            .author
            .trim()
            .trim_start_matches('@')
            .trim_start_matches("u/")
            .trim_start_matches("/u/");
        if act.kind.on_author() && (author.is_empty() || author == "[deleted]") {
            return Err(ChannelError::Refused {
                status: 0,
                message: "the author's account is deleted: nobody to block".into(),
            });
        }
        match act.kind {
            ActionKind::Hide => {
                self.post_form(
                    "/api/remove",
                    &[("id", thing), ("spam", "false")],
                    Repeat::Safe,
                )
                .await?
            }
            ActionKind::Unhide => {
                self.post_form("/api/approve", &[("id", thing)], Repeat::Safe)
                    .await?
            }
            ActionKind::Delete => {
                self.post_form("/api/del", &[("id", thing)], Repeat::Safe)
                    .await?
            }
            ActionKind::Like | ActionKind::Unlike => {
                let dir = if act.kind == ActionKind::Like {
                    "1"
                } else {
                    "0"
                };
                self.post_form("/api/vote", &[("id", thing), ("dir", dir)], Repeat::Safe)
                    .await?
            }
            ActionKind::Block => {
                self.post_form("/api/block_user", &[("name", author)], Repeat::Safe)
                    .await?
            }
            ActionKind::Unblock => {
                let me = self.my_fullname().await?;
                self.post_form(
                    "/api/unfriend",
                    &[("container", &me), ("name", author), ("type", "enemy")],
                    Repeat::Safe,
                )
                .await?
            }
            ActionKind::Report => {
                let reason: String = act
                    .reason
                    .as_deref()
                    .unwrap_or("spam")
                    .chars()
                    .take(REASON_CHARS)
                    .collect();
                self.post_form(
                    "/api/report",
                    &[
                        ("api_type", "json"),
                        ("thing_id", thing),
                        ("reason", &reason),
                    ],
                    Repeat::Never,
                )
                .await?
            }
            ActionKind::Mute | ActionKind::Unmute => {
                return Err(not_offered(Channel::Reddit, act.kind));
            }
        };
        Ok(Acted::default())
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::client;
    use super::*;
    use crate::channels::connector::{Connector, Lookup};
    use crate::channels::local_server::{Reply, Server, fixture};
    use crate::model::ActionTarget;

    const COMMENT: &str = "t1_o4mx2v1";

    fn act(kind: ActionKind) -> Act {
        Act {
            id: 2,
            kind,
            idempotency_key: "palabre-act-2-1793000000000-2".into(),
            target: ActionTarget {
                ext_id: COMMENT.into(),
                author: "wanderbeans".into(),
                thread_ext_id: None,
                root_ext_id: None,
                url: None,
            },
            reason: None,
            undoes_remote_id: None,
        }
    }

    #[tokio::test]
    async fn each_action_posts_reddit_s_form_with_our_user_agent() {
        let server = Server::start().await;
        for path in [
            "/api/remove",
            "/api/approve",
            "/api/del",
            "/api/vote",
            "/api/block_user",
            "/api/unfriend",
        ] {
            server.on(
                "POST",
                path,
                vec![Reply::ok(fixture("reddit/empty_object.json"))],
            );
        }
        server.on(
            "GET",
            "/api/v1/me",
            vec![Reply::ok(fixture("reddit/me.json"))],
        );
        server.on(
            "POST",
            "/api/report",
            vec![Reply::ok(fixture("reddit/report_ok.json"))],
        );
        let reddit = client(&server);
        for kind in [
            ActionKind::Hide,
            ActionKind::Unhide,
            ActionKind::Delete,
            ActionKind::Like,
            ActionKind::Unlike,
            ActionKind::Block,
            ActionKind::Unblock,
        ] {
            reddit
                .act(&act(kind))
                .await
                .unwrap_or_else(|e| panic!("{kind}: {e}"));
        }
        let long = "x".repeat(150);
        reddit
            .act(&Act {
                reason: Some(long),
                ..act(ActionKind::Report)
            })
            .await
            .unwrap();
        let form = |path: &str, i: usize| server.requests_to("POST", path)[i].form();
        let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        assert_eq!(
            form("/api/remove", 0),
            pairs(&[("id", COMMENT), ("spam", "false")])
        );
        assert_eq!(form("/api/approve", 0), pairs(&[("id", COMMENT)]));
        assert_eq!(form("/api/del", 0), pairs(&[("id", COMMENT)]));
        assert_eq!(
            form("/api/vote", 0),
            pairs(&[("id", COMMENT), ("dir", "1")])
        );
        assert_eq!(
            form("/api/vote", 1),
            pairs(&[("id", COMMENT), ("dir", "0")])
        );
        assert_eq!(
            form("/api/block_user", 0),
            pairs(&[("name", "wanderbeans")])
        );
        assert_eq!(
            form("/api/unfriend", 0),
            pairs(&[
                ("container", "t2_1kettl0"),
                ("name", "wanderbeans"),
                ("type", "enemy")
            ])
        );
        let report = &server.requests_to("POST", "/api/report")[0];
        assert_eq!(report.form_value("api_type").as_deref(), Some("json"));
        assert_eq!(report.form_value("thing_id").as_deref(), Some(COMMENT));
        assert_eq!(report.form_value("reason").map(|r| r.len()), Some(100));
        for r in server.requests() {
            assert_eq!(r.header("authorization"), Some("Bearer test-token"));
            assert!(
                r.header("user-agent")
                    .is_some_and(|ua| ua.starts_with("cli:palabre:")),
                "{:?}",
                r.header("user-agent")
            );
        }
    }

    #[tokio::test]
    async fn refusals_come_in_reddit_s_words_and_reports_wait_for_a_person() {
        let server = Server::start().await;
        server.on(
            "POST",
            "/api/remove",
            vec![Reply::json(403, fixture("reddit/error_forbidden.json"))],
        );
        server.on(
            "POST",
            "/api/report",
            vec![Reply::ok(fixture("reddit/report_error.json"))],
        );
        let reddit = client(&server);
        let e = reddit.act(&act(ActionKind::Hide)).await.unwrap_err();
        assert!(
            matches!(e, ChannelError::Refused { status: 403, .. }),
            "{e:?}"
        );
        let e = reddit
            .act(&Act {
                reason: Some("spam".into()),
                ..act(ActionKind::Report)
            })
            .await
            .unwrap_err();
        assert!(e.to_string().contains("TOO_LONG"), "{e}");
        let e = reddit.act(&act(ActionKind::Mute)).await.unwrap_err();
        assert!(e.to_string().contains("reddit does not offer mute"), "{e}");
        let deleted = Act {
            target: ActionTarget {
                author: "[deleted]".into(),
                ..act(ActionKind::Block).target
            },
            ..act(ActionKind::Block)
        };
        assert!(reddit.act(&deleted).await.is_err());
        // After a lost answer: states are set again, a report is not.
        assert_eq!(
            reddit.find_act(&act(ActionKind::Hide)).await.unwrap(),
            Lookup::NotDone
        );
        assert_eq!(
            reddit.find_act(&act(ActionKind::Report)).await.unwrap(),
            Lookup::Unknown
        );
    }
}
