//! Network actions on X (API v2), as the capability table lists them:
//! - hide / unhide a reply: `PUT /2/tweets/:id/hidden` with
//!   `{"hidden": true|false}` (replies in conversations we started; hiding
//!   a hidden reply again succeeds, so a retry is harmless);
//! - delete our post: `DELETE /2/tweets/:id`, looked up after a lost answer
//!   with `GET /2/tweets/:id` (a `Not Found Error` means it went);
//! - like / unlike: `POST /2/users/:id/likes` with `{"tweet_id"}`,
//!   `DELETE /2/users/:id/likes/:tweet_id`;
//! - block / unblock, mute / unmute: `POST /2/users/:id/blocking` (or
//!   `/muting`) with `{"target_user_id"}`, `DELETE
//!   /2/users/:source_user_id/blocking/:target_user_id`; the target's id
//!   from `GET /2/users/by/username/:username`.
//!
//! Each answer says the new state (`{"data": {"hidden": true}}`): an
//! answer saying otherwise is a refusal.

use super::XClient;
use crate::channels::connector::{Act, Acted, Lookup, not_offered};
use crate::channels::http::{ChannelError, Repeat};
use crate::model::{ActionKind, Channel};
use reqwest::Method;
use serde_json::{Value, json};

impl XClient {
    async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        repeat: Repeat,
    ) -> Result<Value, ChannelError> {
        let url = format!("{}{path}", self.base);
        let body = body.map(|b| b.to_string());
        let answer = self
            .http
            .send(
                |c| {
                    let request = c
                        .request(method.clone(), &url)
                        .bearer_auth(self.token.expose());
                    match &body {
                        Some(b) => request
                            .header(reqwest::header::CONTENT_TYPE, "application/json")
                            .body(b.clone()),
                        None => request,
                    }
                },
                repeat,
            )
            .await?;
        answer.json()
    }

    /// The user id of `handle` (`GET /2/users/by/username/:username`).
    async fn user_id_of(&self, handle: &str) -> Result<String, ChannelError> {
        let username = handle.trim().trim_start_matches('@');
        let answer = self
            .call(
                Method::GET,
                &format!("/2/users/by/username/{username}"),
                None,
                Repeat::Safe,
            )
            .await?;
        answer
            .pointer("/data/id")
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| ChannelError::Refused {
                status: 404,
                message: format!("no X user @{username}"),
            })
    }

    pub(super) async fn act_on(&self, act: &Act) -> Result<Acted, ChannelError> {
        let tweet = act.target.ext_id.as_str();
        let me = self.user_id.as_str();
        // (request, the field of `data` that says the new state, its value)
        let (answer, field, want) = match act.kind {
            ActionKind::Hide | ActionKind::Unhide => {
                let hidden = act.kind == ActionKind::Hide;
                let path = format!("/2/tweets/{tweet}/hidden");
                let body = json!({ "hidden": hidden });
                let a = self.call(Method::PUT, &path, Some(body), Repeat::Safe);
                (a.await?, "hidden", hidden)
            }
            ActionKind::Delete => {
                let path = format!("/2/tweets/{tweet}");
                let a = self.call(Method::DELETE, &path, None, Repeat::Never);
                (a.await?, "deleted", true)
            }
            ActionKind::Like => {
                let path = format!("/2/users/{me}/likes");
                let body = json!({ "tweet_id": tweet });
                let a = self.call(Method::POST, &path, Some(body), Repeat::Safe);
                (a.await?, "liked", true)
            }
            ActionKind::Unlike => {
                let path = format!("/2/users/{me}/likes/{tweet}");
                let a = self.call(Method::DELETE, &path, None, Repeat::Safe);
                (a.await?, "liked", false)
            }
            ActionKind::Block | ActionKind::Mute => {
                let target = self.user_id_of(&act.target.author).await?;
                let (edge, field) = if act.kind == ActionKind::Block {
                    ("blocking", "blocking")
                } else {
                    ("muting", "muting")
                };
                let path = format!("/2/users/{me}/{edge}");
                let body = json!({ "target_user_id": target });
                let a = self.call(Method::POST, &path, Some(body), Repeat::Safe);
                (a.await?, field, true)
            }
            ActionKind::Unblock | ActionKind::Unmute => {
                let target = self.user_id_of(&act.target.author).await?;
                let edge = if act.kind == ActionKind::Unblock {
                    "blocking"
                } else {
                    "muting"
                };
                let path = format!("/2/users/{me}/{edge}/{target}");
                let a = self.call(Method::DELETE, &path, None, Repeat::Safe);
                (a.await?, edge, false)
            }
            ActionKind::Report => return Err(not_offered(Channel::X, act.kind)),
        };
        match answer
            .pointer(&format!("/data/{field}"))
            .and_then(Value::as_bool)
        {
            Some(state) if state == want => Ok(Acted::default()),
            _ => Err(ChannelError::Refused {
                status: 200,
                message: format!(
                    "X did not {}: {}",
                    act.kind,
                    crate::text::one_line(&answer.to_string(), 200)
                ),
            }),
        }
    }

    /// After a lost answer to a delete: gone is done.
    pub(super) async fn find_act_of(&self, act: &Act) -> Result<Lookup, ChannelError> {
        if act.kind != ActionKind::Delete {
            return Ok(Lookup::NotDone);
        }
        let path = format!("/2/tweets/{}", act.target.ext_id);
        match self.call(Method::GET, &path, None, Repeat::Safe).await {
            Ok(answer) if answer.get("data").is_some() => Ok(Lookup::NotDone),
            Ok(answer) if not_found(&answer) => Ok(Lookup::Done(Acted::default())),
            Ok(answer) => Err(ChannelError::Parse(format!(
                "looking up a deleted post: {}",
                crate::text::one_line(&answer.to_string(), 200)
            ))),
            Err(ChannelError::Refused { status: 404, .. }) => Ok(Lookup::Done(Acted::default())),
            Err(e) => Err(e),
        }
    }
}

fn not_found(answer: &Value) -> bool {
    answer
        .get("errors")
        .and_then(Value::as_array)
        .is_some_and(|errors| {
            errors.iter().any(|e| {
                e.get("type")
                    .and_then(Value::as_str)
                    .is_some_and(|t| t.ends_with("resource-not-found"))
                    || e.get("title").and_then(Value::as_str) == Some("Not Found Error")
            })
        })
}

#[cfg(test)]
mod tests {
    use super::super::tests::client;
    use super::*;
    use crate::channels::connector::Connector;
    use crate::channels::local_server::{Reply, Server, TOO_LATE, fixture};
    use crate::model::ActionTarget;

    const ME: &str = "1400000000000000001";
    const REPLY: &str = "2114653117181338342";
    const JULIE: &str = "1583712349900001234";

    fn act(kind: ActionKind) -> Act {
        Act {
            id: 7,
            kind,
            idempotency_key: "palabre-act-3-1793000000000-7".into(),
            target: ActionTarget {
                ext_id: REPLY.into(),
                author: "juju_trbl".into(),
                thread_ext_id: None,
                root_ext_id: None,
                url: None,
            },
            reason: None,
            undoes_remote_id: None,
        }
    }

    fn authorised(r: &palabre_test_server::Request) {
        assert_eq!(r.header("authorization"), Some("Bearer test-token"));
    }

    #[tokio::test]
    async fn hide_and_unhide_put_the_hidden_state() {
        let server = Server::start().await;
        let path = format!("/2/tweets/{REPLY}/hidden");
        server.on(
            "PUT",
            &path,
            vec![
                Reply::ok(fixture("x/hide_reply.json")),
                Reply::ok(fixture("x/unhide_reply.json")),
            ],
        );
        let x = client(&server);
        x.act(&act(ActionKind::Hide)).await.unwrap();
        x.act(&act(ActionKind::Unhide)).await.unwrap();
        let asked = server.requests_to("PUT", &path);
        assert_eq!(asked.len(), 2);
        assert_eq!(asked[0].json(), json!({"hidden": true}));
        assert_eq!(asked[1].json(), json!({"hidden": false}));
        for r in &asked {
            authorised(r);
            assert_eq!(r.header("content-type"), Some("application/json"));
        }
        // Not our conversation: X's words.
        let server = Server::start().await;
        server.on(
            "PUT",
            &path,
            vec![Reply::json(403, fixture("x/error_403_hide.json"))],
        );
        let e = client(&server)
            .act(&act(ActionKind::Hide))
            .await
            .unwrap_err();
        assert!(
            matches!(&e, ChannelError::Refused { status: 403, message } if message.contains("do not own")),
            "{e:?}"
        );
    }

    #[tokio::test]
    async fn likes_go_to_our_user_and_blocks_name_the_author_by_id() {
        let server = Server::start().await;
        let likes = format!("/2/users/{ME}/likes");
        server.on("POST", &likes, vec![Reply::ok(fixture("x/like.json"))]);
        server.on(
            "DELETE",
            &format!("{likes}/{REPLY}"),
            vec![Reply::ok(fixture("x/unlike.json"))],
        );
        server.on(
            "GET",
            "/2/users/by/username/juju_trbl",
            vec![Reply::ok(fixture("x/user_by_username.json"))],
        );
        server.on(
            "POST",
            &format!("/2/users/{ME}/blocking"),
            vec![Reply::ok(fixture("x/blocking.json"))],
        );
        server.on(
            "DELETE",
            &format!("/2/users/{ME}/blocking/{JULIE}"),
            vec![Reply::ok(r#"{"data":{"blocking":false}}"#)],
        );
        server.on(
            "POST",
            &format!("/2/users/{ME}/muting"),
            vec![Reply::ok(fixture("x/muting.json"))],
        );
        server.on(
            "DELETE",
            &format!("/2/users/{ME}/muting/{JULIE}"),
            vec![Reply::ok(r#"{"data":{"muting":false}}"#)],
        );
        let x = client(&server);
        for kind in [
            ActionKind::Like,
            ActionKind::Unlike,
            ActionKind::Block,
            ActionKind::Unblock,
            ActionKind::Mute,
            ActionKind::Unmute,
        ] {
            x.act(&act(kind))
                .await
                .unwrap_or_else(|e| panic!("{kind}: {e}"));
        }
        let liked = server.requests_to("POST", &likes);
        assert_eq!(liked[0].json(), json!({"tweet_id": REPLY}));
        assert_eq!(
            server.requests_to("POST", &format!("/2/users/{ME}/blocking"))[0].json(),
            json!({"target_user_id": JULIE})
        );
        assert_eq!(
            server.requests_to("POST", &format!("/2/users/{ME}/muting"))[0].json(),
            json!({"target_user_id": JULIE})
        );
        assert_eq!(
            server
                .requests_to("DELETE", &format!("/2/users/{ME}/blocking/{JULIE}"))
                .len(),
            1
        );
        for r in server.requests() {
            authorised(&r);
        }
        // An answer that says the opposite is not success.
        let server = Server::start().await;
        server.on(
            "POST",
            &likes,
            vec![Reply::ok(r#"{"data":{"liked":false}}"#)],
        );
        let e = client(&server)
            .act(&act(ActionKind::Like))
            .await
            .unwrap_err();
        assert!(matches!(e, ChannelError::Refused { .. }), "{e:?}");
        // No report through the API.
        let e = client(&server)
            .act(&act(ActionKind::Report))
            .await
            .unwrap_err();
        assert!(e.to_string().contains("x does not offer report"), "{e}");
    }

    #[tokio::test]
    async fn a_delete_whose_answer_was_lost_is_looked_up() {
        let server = Server::start().await;
        let path = format!("/2/tweets/{REPLY}");
        server.on(
            "DELETE",
            &path,
            vec![Reply::ok(fixture("x/delete_tweet.json")).delayed(TOO_LATE)],
        );
        server.on(
            "GET",
            &path,
            vec![
                Reply::ok(fixture("x/tweet_lookup_one.json")),
                Reply::ok(fixture("x/tweet_not_found.json")),
            ],
        );
        let x = client(&server);
        let e = x.act(&act(ActionKind::Delete)).await.unwrap_err();
        assert!(matches!(e, ChannelError::Ambiguous(_)), "{e:?}");
        assert_eq!(
            server.requests_to("DELETE", &path).len(),
            1,
            "never repeated"
        );
        // Still there: send it again; gone: done.
        assert_eq!(
            x.find_act(&act(ActionKind::Delete)).await.unwrap(),
            Lookup::NotDone
        );
        assert_eq!(
            x.find_act(&act(ActionKind::Delete)).await.unwrap(),
            Lookup::Done(Acted::default())
        );
        // Setting a state again is harmless: no look-up for those.
        assert_eq!(
            x.find_act(&act(ActionKind::Hide)).await.unwrap(),
            Lookup::NotDone
        );
        assert_eq!(server.requests_to("GET", &path).len(), 2);
    }

    /// Through the supervisor: queued in the store, carried out by a sync,
    /// a lost answer looked up by the next one, each in the history.
    #[tokio::test]
    async fn the_outbox_carries_actions_out_once_across_a_lost_answer() {
        use crate::channels::local_server::store;
        use crate::model::{ActionStatus, EventKind};
        use crate::store::{ActRequest, Change};
        let server = Server::start().await;
        server.on(
            "GET",
            &format!("/2/users/{ME}/mentions"),
            vec![Reply::ok(r#"{"meta":{"result_count":0}}"#)],
        );
        let ours = "2114700000000000001";
        server.on(
            "PUT",
            &format!("/2/tweets/{REPLY}/hidden"),
            vec![Reply::ok(fixture("x/hide_reply.json"))],
        );
        server.on(
            "DELETE",
            &format!("/2/tweets/{ours}"),
            vec![Reply::ok(fixture("x/delete_tweet.json")).delayed(TOO_LATE)],
        );
        server.on(
            "GET",
            &format!("/2/tweets/{ours}"),
            vec![Reply::ok(fixture("x/tweet_not_found.json"))],
        );
        let db = store::temp();
        let conv = {
            let mut s = db.open();
            let line = |id: &str, parent: Option<&str>, who: &str, dir: &str| {
                crate::ingest::parse_line(
                    &json!({"channel": "x", "id": id, "parent_id": parent, "kind": "reply",
                        "direction": dir, "author": {"handle": who}, "text": "…",
                        "created_at": "2026-11-02T09:00:00Z"})
                    .to_string(),
                    1,
                )
                .unwrap()
            };
            s.import_messages(
                &[
                    line("2114600000000000000", None, "kettlo", "outbound"),
                    line(REPLY, Some("2114600000000000000"), "juju_trbl", "inbound"),
                    line(ours, Some(REPLY), "kettlo", "outbound"),
                ],
                "t",
                "t",
            )
            .unwrap();
            let conv = s.resolve_conversation(&format!("x:{REPLY}")).unwrap();
            s.apply(conv, Change::Act(ActRequest::new(ActionKind::Hide)), "lea")
                .unwrap();
            s.apply(
                conv,
                Change::Act(ActRequest::new(ActionKind::Delete)),
                "lea",
            )
            .unwrap();
            conv
        };
        let x = client(&server);
        let first = crate::inbox::sync::sync_account(&db.path, &x, "sync").await;
        assert_eq!(first.acted, 1, "{first:?}");
        assert_eq!(first.state.as_str(), "offline", "{first:?}");
        let second = crate::inbox::sync::sync_account(&db.path, &x, "sync").await;
        assert_eq!(
            (second.state.as_str(), second.acted),
            ("ok", 1),
            "{second:?}"
        );
        assert_eq!(
            server
                .requests_to("DELETE", &format!("/2/tweets/{ours}"))
                .len(),
            1
        );
        assert_eq!(
            server
                .requests_to("PUT", &format!("/2/tweets/{REPLY}/hidden"))
                .len(),
            1
        );
        let s = db.open();
        let actions = s.conversation(conv).unwrap().actions;
        assert!(
            actions.iter().all(|a| a.status == ActionStatus::Done),
            "{actions:?}"
        );
        let done = s
            .history(conv)
            .unwrap()
            .iter()
            .filter(|e| e.kind == EventKind::ActionDone)
            .count();
        assert_eq!(done, 2);
        // A third sync has nothing left to do.
        let third = crate::inbox::sync::sync_account(&db.path, &x, "sync").await;
        assert_eq!(third.acted, 0);
    }

    /// A rule's saved reply, queued when a synced mention arrives, goes out
    /// with the same sync and is stored marked automated.
    #[tokio::test]
    async fn an_automation_rule_answers_a_synced_mention_marked_automated() {
        use crate::channels::local_server::store;
        use crate::inbox::sync::{Settings, sync_account_with};
        let server = Server::start().await;
        super::super::tests::mentions(&server);
        server.on(
            "POST",
            "/2/tweets",
            vec![Reply::ok(fixture("x/create_tweet.json"))],
        );
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.toml");
        let text = "[[saved_replies]]\nname = \"Suivi\"\ntext = \"Bonjour {author.first_name|à vous}, on regarde votre commande.\"\n\n[[rule]]\nname = \"orders\"\n[rule.when]\nwords = \"commande\"\n[rule.then]\nreply = \"suivi\"\n";
        std::fs::write(&file, text).unwrap();
        let config = crate::config::parse(text, &file).unwrap();
        let settings = Settings {
            sla: Default::default(),
            automation: std::sync::Arc::new(
                crate::inbox::Automation::from_config(&config, Some(&file)).unwrap(),
            ),
        };
        let db = store::temp();
        let outcome = sync_account_with(&db.path, &settings, &client(&server), "sync").await;
        assert_eq!(
            (outcome.state.as_str(), outcome.rules, outcome.sent),
            ("ok", 1, 1),
            "{outcome:?}"
        );
        let posted = server.requests_to("POST", "/2/tweets");
        assert_eq!(posted.len(), 1);
        assert_eq!(
            posted[0].json()["reply"]["in_reply_to_tweet_id"],
            "2114624974679683556"
        );
        assert!(
            posted[0].json()["text"]
                .as_str()
                .unwrap()
                .contains("on regarde votre commande")
        );
        let s = db.open();
        let conv = s.resolve_conversation("x:2114900000000000077").unwrap();
        let ours = s
            .messages(conv)
            .unwrap()
            .into_iter()
            .find(|m| m.message.id == "2114900000000000077")
            .unwrap();
        assert!(
            ours.message.automated,
            "sent by a rule: left out of response times"
        );
        assert!(
            s.history(conv)
                .unwrap()
                .iter()
                .any(|e| e.actor == "rule orders")
        );
    }
}
