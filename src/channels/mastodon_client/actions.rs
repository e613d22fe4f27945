//! Network actions through Mastodon's REST API (docs.joinmastodon.org),
//! as the capability table lists them:
//! - delete our reply: `DELETE /api/v1/statuses/:id`;
//! - like / unlike: `POST /api/v1/statuses/:id/favourite` / `unfavourite`
//!   (a Status comes back with `favourited`);
//! - block / unblock, mute / unmute the author: `POST
//!   /api/v1/accounts/:id/block` (`unblock`, `mute`, `unmute`), the
//!   account's id read from the status (`GET /api/v1/statuses/:id`); a
//!   Relationship comes back;
//! - report: `POST /api/v1/reports` with `account_id`, `status_ids[]`,
//!   `comment`, `category` (`spam` when the reason says so, else `other`)
//!   and `forward` (a copy to the author's instance).
//!
//! After a lost answer each is looked up — the status is gone, or says
//! `favourited`; `GET /api/v1/accounts/relationships?id[]=` says
//! `blocking` and `muting` — except a report, which Mastodon cannot list
//! back: it waits for a person.

use super::MastodonClient;
use crate::channels::connector::{Act, Acted, Lookup};
use crate::channels::http::{Answer, ChannelError, Repeat};
use crate::model::ActionKind;
use serde_json::Value;

impl MastodonClient {
    async fn write(
        &self,
        method: reqwest::Method,
        path: &str,
        form: &[(&str, &str)],
    ) -> Result<Answer, ChannelError> {
        let url = self.url(path);
        self.http
            .send(
                |c| {
                    c.request(method.clone(), &url)
                        .bearer_auth(self.token.expose())
                        .header("accept", "application/json")
                        .form(form)
                },
                Repeat::Never,
            )
            .await
    }

    /// The status acted on, as the instance has it now (`None`: gone).
    async fn status(&self, id: &str) -> Result<Option<Value>, ChannelError> {
        match self.get(&format!("/api/v1/statuses/{id}"), &[]).await {
            Ok(answer) => Ok(Some(answer.json()?)),
            Err(ChannelError::Refused { status: 404, .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The author's account id on our instance, read from the status.
    async fn author_id(&self, status: &str) -> Result<String, ChannelError> {
        let found = self
            .status(status)
            .await?
            .ok_or_else(|| ChannelError::Refused {
                status: 404,
                message: format!("status {status} is gone: its author cannot be found from it"),
            })?;
        found
            .pointer("/account/id")
            .and_then(|v| {
                v.as_str()
                    .map(str::to_string)
                    .or_else(|| v.as_u64().map(|n| n.to_string()))
            })
            .ok_or_else(|| ChannelError::Parse("status: account.id missing".into()))
    }

    pub(super) async fn act_on(&self, act: &Act) -> Result<Acted, ChannelError> {
        let id = act.target.ext_id.as_str();
        let post = reqwest::Method::POST;
        match act.kind {
            ActionKind::Delete => {
                self.write(
                    reqwest::Method::DELETE,
                    &format!("/api/v1/statuses/{id}"),
                    &[],
                )
                .await?;
            }
            ActionKind::Like | ActionKind::Unlike => {
                let verb = if act.kind == ActionKind::Like {
                    "favourite"
                } else {
                    "unfavourite"
                };
                let answer = self
                    .write(post, &format!("/api/v1/statuses/{id}/{verb}"), &[])
                    .await?;
                let status: Value = answer.json()?;
                let want = act.kind == ActionKind::Like;
                if status.get("favourited").and_then(Value::as_bool) != Some(want) {
                    return Err(ChannelError::Refused {
                        status: answer.status,
                        message: format!("the instance did not {verb} status {id}"),
                    });
                }
            }
            ActionKind::Block | ActionKind::Unblock | ActionKind::Mute | ActionKind::Unmute => {
                let account = self.author_id(id).await?;
                let verb = act.kind.as_str();
                let answer = self
                    .write(post, &format!("/api/v1/accounts/{account}/{verb}"), &[])
                    .await?;
                let relationship: Value = answer.json()?;
                let (field, want) = relationship_state(act.kind);
                if relationship.get(field).and_then(Value::as_bool) != Some(want) {
                    return Err(ChannelError::Refused {
                        status: answer.status,
                        message: format!("the instance did not {verb} account {account}"),
                    });
                }
            }
            ActionKind::Report => {
                let account = self.author_id(id).await?;
                let comment = act.reason.clone().unwrap_or_default();
                let category = if comment.to_lowercase().contains("spam") {
                    "spam"
                } else {
                    "other"
                };
                let answer = self
                    .write(
                        post,
                        "/api/v1/reports",
                        &[
                            ("account_id", account.as_str()),
                            ("status_ids[]", id),
                            ("comment", comment.as_str()),
                            ("category", category),
                            ("forward", "true"),
                        ],
                    )
                    .await?;
                let report: Value = answer.json()?;
                let report_id = report.get("id").and_then(|v| {
                    v.as_str()
                        .map(str::to_string)
                        .or_else(|| v.as_u64().map(|n| n.to_string()))
                });
                return Ok(Acted {
                    remote_id: report_id,
                });
            }
            ActionKind::Hide | ActionKind::Unhide => {
                return Err(crate::channels::connector::not_offered(
                    crate::model::Channel::Mastodon,
                    act.kind,
                ));
            }
        }
        Ok(Acted::default())
    }

    pub(super) async fn find_act_of(&self, act: &Act) -> Result<Lookup, ChannelError> {
        let id = act.target.ext_id.as_str();
        let done = |yes: bool| {
            if yes {
                Lookup::Done(Acted::default())
            } else {
                Lookup::NotDone
            }
        };
        match act.kind {
            ActionKind::Delete => Ok(done(self.status(id).await?.is_none())),
            ActionKind::Like | ActionKind::Unlike => {
                let Some(status) = self.status(id).await? else {
                    return Err(ChannelError::Refused {
                        status: 404,
                        message: format!("status {id} is gone"),
                    });
                };
                let favourited = status.get("favourited").and_then(Value::as_bool);
                Ok(done(favourited == Some(act.kind == ActionKind::Like)))
            }
            ActionKind::Block | ActionKind::Unblock | ActionKind::Mute | ActionKind::Unmute => {
                let account = self.author_id(id).await?;
                let answer = self
                    .get(
                        "/api/v1/accounts/relationships",
                        &[("id[]", account.clone())],
                    )
                    .await?;
                let relationships: Vec<Value> = answer.json()?;
                let (field, want) = relationship_state(act.kind);
                let state = relationships
                    .iter()
                    .find(|r| r.get("id").and_then(Value::as_str) == Some(account.as_str()))
                    .and_then(|r| r.get(field))
                    .and_then(Value::as_bool);
                Ok(done(state == Some(want)))
            }
            ActionKind::Report | ActionKind::Hide | ActionKind::Unhide => Ok(Lookup::Unknown),
        }
    }
}

/// The Relationship field an action sets, and the value it sets.
fn relationship_state(kind: ActionKind) -> (&'static str, bool) {
    match kind {
        ActionKind::Block => ("blocking", true),
        ActionKind::Unblock => ("blocking", false),
        ActionKind::Mute => ("muting", true),
        _ => ("muting", false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channels::account::Secret;
    use crate::channels::connector::Connector;
    use crate::channels::local_server::{Reply, Server, TOO_LATE, fixture, http};
    use crate::config::AccountEntry;
    use crate::model::{ActionTarget, Channel};

    const STATUS: &str = "113920560143226041";
    const BERTRAND: &str = "108112233445566";

    fn client(server: &Server) -> MastodonClient {
        let entry = AccountEntry {
            name: "kettlo-mastodon".into(),
            network: Channel::Mastodon,
            base_url: Some(server.url.clone()),
            handle: "kettlo".into(),
            id: None,
            token_env: None,
            token_file: None,
            poll_seconds: None,
        };
        MastodonClient::new(entry, Secret::new("mastodon-token"), http()).unwrap()
    }

    fn act(kind: ActionKind) -> Act {
        Act {
            id: 4,
            kind,
            idempotency_key: "palabre-act-4-1793000000000-4".into(),
            target: ActionTarget {
                ext_id: STATUS.into(),
                author: "bertrand@piaille.example".into(),
                thread_ext_id: None,
                root_ext_id: None,
                url: None,
            },
            reason: None,
            undoes_remote_id: None,
        }
    }

    #[tokio::test]
    async fn favourites_blocks_mutes_and_reports_take_mastodon_s_paths() {
        let server = Server::start().await;
        let status = format!("/api/v1/statuses/{STATUS}");
        server.on(
            "GET",
            &status,
            vec![Reply::ok(fixture("mastodon/status.json"))],
        );
        server.on(
            "POST",
            &format!("{status}/favourite"),
            vec![Reply::ok(fixture("mastodon/status_favourited.json"))],
        );
        server.on(
            "POST",
            &format!("{status}/unfavourite"),
            vec![Reply::ok(fixture("mastodon/status.json"))],
        );
        server.on(
            "POST",
            &format!("/api/v1/accounts/{BERTRAND}/block"),
            vec![Reply::ok(fixture("mastodon/relationship_blocking.json"))],
        );
        server.on(
            "POST",
            &format!("/api/v1/accounts/{BERTRAND}/mute"),
            vec![Reply::ok(fixture("mastodon/relationship_muting.json"))],
        );
        server.on(
            "POST",
            "/api/v1/reports",
            vec![Reply::ok(fixture("mastodon/report.json"))],
        );
        let m = client(&server);
        for kind in [
            ActionKind::Like,
            ActionKind::Unlike,
            ActionKind::Block,
            ActionKind::Mute,
        ] {
            m.act(&act(kind))
                .await
                .unwrap_or_else(|e| panic!("{kind}: {e}"));
        }
        let report = m
            .act(&Act {
                reason: Some("Spam: a link to a fake shop".into()),
                ..act(ActionKind::Report)
            })
            .await
            .unwrap();
        assert_eq!(report.remote_id.as_deref(), Some("48914"));
        let sent = &server.requests_to("POST", "/api/v1/reports")[0];
        assert_eq!(sent.form_value("account_id").as_deref(), Some(BERTRAND));
        assert_eq!(sent.form_value("status_ids[]").as_deref(), Some(STATUS));
        assert_eq!(sent.form_value("category").as_deref(), Some("spam"));
        assert_eq!(sent.form_value("forward").as_deref(), Some("true"));
        assert_eq!(
            sent.form_value("comment").as_deref(),
            Some("Spam: a link to a fake shop")
        );
        for r in server.requests() {
            assert_eq!(r.header("authorization"), Some("Bearer mastodon-token"));
        }
        // Mastodon has no hidden replies: refused before asking anything.
        let before = server.requests().len();
        let e = m.act(&act(ActionKind::Hide)).await.unwrap_err();
        assert!(
            e.to_string().contains("mastodon does not offer hide"),
            "{e}"
        );
        assert_eq!(server.requests().len(), before);
    }

    #[tokio::test]
    async fn after_a_lost_answer_the_instance_is_asked_what_happened() {
        let server = Server::start().await;
        let status = format!("/api/v1/statuses/{STATUS}");
        server.on(
            "POST",
            &format!("/api/v1/accounts/{BERTRAND}/block"),
            vec![Reply::ok(fixture("mastodon/relationship_blocking.json")).delayed(TOO_LATE)],
        );
        server.on(
            "GET",
            &status,
            vec![Reply::ok(fixture("mastodon/status_favourited.json"))],
        );
        server.on(
            "GET",
            "/api/v1/accounts/relationships",
            vec![
                Reply::ok(fixture("mastodon/relationships_none.json")),
                Reply::ok(fixture("mastodon/relationships_blocking.json")),
            ],
        );
        let m = client(&server);
        let e = m.act(&act(ActionKind::Block)).await.unwrap_err();
        assert!(matches!(e, ChannelError::Ambiguous(_)), "{e:?}");
        assert_eq!(
            m.find_act(&act(ActionKind::Block)).await.unwrap(),
            Lookup::NotDone
        );
        assert_eq!(
            m.find_act(&act(ActionKind::Block)).await.unwrap(),
            Lookup::Done(Acted::default())
        );
        let asked = server.requests_to("GET", "/api/v1/accounts/relationships");
        assert_eq!(asked[0].params("id[]"), [BERTRAND]);
        // The status says favourited: the like went.
        assert_eq!(
            m.find_act(&act(ActionKind::Like)).await.unwrap(),
            Lookup::Done(Acted::default())
        );
        assert_eq!(
            m.find_act(&act(ActionKind::Unlike)).await.unwrap(),
            Lookup::NotDone
        );
        // A report cannot be listed back.
        assert_eq!(
            m.find_act(&act(ActionKind::Report)).await.unwrap(),
            Lookup::Unknown
        );
        // Gone: the delete went.
        let server = Server::start().await;
        server.on(
            "GET",
            &status,
            vec![Reply::json(404, r#"{"error":"Record not found"}"#)],
        );
        assert_eq!(
            client(&server)
                .find_act(&act(ActionKind::Delete))
                .await
                .unwrap(),
            Lookup::Done(Acted::default())
        );
    }
}
