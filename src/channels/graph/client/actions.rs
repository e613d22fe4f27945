//! Network actions through the Graph API, as the capability table lists
//! them (parameters form-encoded, answers `{"success": true}`):
//! - Facebook: hide / unhide `POST /{comment-id}` with `is_hidden`; delete
//!   our comment `DELETE /{comment-id}`; like / unlike
//!   `POST|DELETE /{comment-id}/likes`; block / unblock the author
//!   `POST|DELETE /{page-id}/blocked` with `user` (their id read from
//!   `GET /{comment-id}?fields=from`).
//! - Instagram: hide / unhide `POST /{ig-comment-id}` with `hide`; delete
//!   our comment `DELETE /{ig-comment-id}`.
//!
//! Hiding, liking and blocking set a state: a retry is harmless. A delete
//! whose answer was lost is looked up (`GET /{id}`: Graph's error 100, "does
//! not exist", means it went).

use super::{Graph, classify};
use crate::channels::connector::{Act, Acted, Lookup, not_offered};
use crate::channels::http::{ChannelError, Repeat};
use crate::model::{ActionKind, Channel};
use reqwest::Method;
use serde_json::Value;

/// Graph's "does not exist" (code 100), told apart from other refusals.
fn gone(status: u16, headers: &reqwest::header::HeaderMap, body: &[u8]) -> Option<ChannelError> {
    let code = serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| v.pointer("/error/code").and_then(Value::as_i64));
    if code == Some(100) {
        return Some(ChannelError::Refused {
            status: 404,
            message: "does not exist".into(),
        });
    }
    classify(status, headers, body)
}

impl Graph {
    async fn call(
        &self,
        method: Method,
        path: &str,
        form: &[(&str, &str)],
        repeat: Repeat,
    ) -> Result<Value, ChannelError> {
        let url = format!("{}/{path}", self.base);
        let answer = self
            .http
            .send_with(
                |c| {
                    let request = c
                        .request(method.clone(), &url)
                        .bearer_auth(self.token.expose());
                    match method {
                        // Graph reads a DELETE's parameters from the query.
                        Method::GET | Method::DELETE => request.query(form),
                        _ => request.form(form),
                    }
                },
                repeat,
                classify,
            )
            .await?;
        answer.json()
    }

    /// Fails unless Graph said `{"success": true}` (or, for `/blocked`,
    /// `{"<id>": true}`).
    fn succeeded(answer: &Value, key: &str, what: &str) -> Result<Acted, ChannelError> {
        if answer.get(key).and_then(Value::as_bool) == Some(true) {
            Ok(Acted::default())
        } else {
            Err(ChannelError::Refused {
                status: 200,
                message: format!(
                    "Graph did not {what}: {}",
                    crate::text::one_line(&answer.to_string(), 200)
                ),
            })
        }
    }

    /// After a lost answer to a delete: gone is done.
    async fn find_deleted(&self, act: &Act) -> Result<Lookup, ChannelError> {
        if act.kind != ActionKind::Delete {
            return Ok(Lookup::NotDone);
        }
        let url = format!("{}/{}", self.base, act.target.ext_id);
        let found = self
            .http
            .send_with(
                |c| {
                    c.get(&url)
                        .bearer_auth(self.token.expose())
                        .query(&[("fields", "id")])
                },
                Repeat::Safe,
                gone,
            )
            .await;
        match found {
            Ok(_) => Ok(Lookup::NotDone),
            Err(ChannelError::Refused { status: 404, .. }) => Ok(Lookup::Done(Acted::default())),
            Err(e) => Err(e),
        }
    }

    async fn delete(&self, id: &str) -> Result<Acted, ChannelError> {
        let answer = self.call(Method::DELETE, id, &[], Repeat::Never).await?;
        Self::succeeded(&answer, "success", "delete")
    }
}

impl super::FacebookClient {
    pub(super) async fn act_on(&self, act: &Act) -> Result<Acted, ChannelError> {
        let g = &self.graph;
        let comment = act.target.ext_id.as_str();
        match act.kind {
            ActionKind::Hide | ActionKind::Unhide => {
                let hidden = if act.kind == ActionKind::Hide {
                    "true"
                } else {
                    "false"
                };
                let answer = g
                    .call(
                        Method::POST,
                        comment,
                        &[("is_hidden", hidden)],
                        Repeat::Safe,
                    )
                    .await?;
                Graph::succeeded(&answer, "success", act.kind.as_str())
            }
            ActionKind::Delete => g.delete(comment).await,
            ActionKind::Like | ActionKind::Unlike => {
                let method = if act.kind == ActionKind::Like {
                    Method::POST
                } else {
                    Method::DELETE
                };
                let path = format!("{comment}/likes");
                let answer = g.call(method, &path, &[], Repeat::Safe).await?;
                Graph::succeeded(&answer, "success", act.kind.as_str())
            }
            ActionKind::Block | ActionKind::Unblock => {
                let from = g
                    .call(Method::GET, comment, &[("fields", "from")], Repeat::Safe)
                    .await?;
                let Some(user) = from.pointer("/from/id").and_then(Value::as_str) else {
                    return Err(ChannelError::Refused {
                        status: 0,
                        message: "Graph does not say who wrote this comment (a Page sees the authors of comments on its own posts only)".into(),
                    });
                };
                let path = format!("{}/blocked", g.id);
                if act.kind == ActionKind::Block {
                    let answer = g
                        .call(Method::POST, &path, &[("user", user)], Repeat::Safe)
                        .await?;
                    Graph::succeeded(&answer, user, "block")
                } else {
                    let answer = g
                        .call(Method::DELETE, &path, &[("user", user)], Repeat::Safe)
                        .await?;
                    Graph::succeeded(&answer, "success", "unblock")
                }
            }
            ActionKind::Mute | ActionKind::Unmute | ActionKind::Report => {
                Err(not_offered(Channel::Facebook, act.kind))
            }
        }
    }

    pub(super) async fn find_act_of(&self, act: &Act) -> Result<Lookup, ChannelError> {
        self.graph.find_deleted(act).await
    }
}

impl super::InstagramClient {
    pub(super) async fn act_on(&self, act: &Act) -> Result<Acted, ChannelError> {
        let g = &self.graph;
        let comment = act.target.ext_id.as_str();
        match act.kind {
            ActionKind::Hide | ActionKind::Unhide => {
                let hide = if act.kind == ActionKind::Hide {
                    "true"
                } else {
                    "false"
                };
                let answer = g
                    .call(Method::POST, comment, &[("hide", hide)], Repeat::Safe)
                    .await?;
                Graph::succeeded(&answer, "success", act.kind.as_str())
            }
            ActionKind::Delete => g.delete(comment).await,
            _ => Err(not_offered(Channel::Instagram, act.kind)),
        }
    }

    pub(super) async fn find_act_of(&self, act: &Act) -> Result<Lookup, ChannelError> {
        self.graph.find_deleted(act).await
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{facebook, instagram};
    use super::*;
    use crate::channels::connector::Connector;
    use crate::channels::local_server::{Reply, Server, TOO_LATE, fixture};
    use crate::model::ActionTarget;

    const COMMENT: &str = "6724835090962438_9635445800000001";
    const OURS: &str = "6724835090962438_9635445800000077";
    const IG_COMMENT: &str = "17890000000000009";

    fn act(kind: ActionKind, on: &str) -> Act {
        Act {
            id: 3,
            kind,
            idempotency_key: "palabre-act-1-1793000000000-3".into(),
            target: ActionTarget {
                ext_id: on.into(),
                author: "Nadia Benali".into(),
                thread_ext_id: None,
                root_ext_id: None,
                url: None,
            },
            reason: None,
            undoes_remote_id: None,
        }
    }

    #[tokio::test]
    async fn facebook_hides_likes_and_blocks_with_graph_s_parameters() {
        let server = Server::start().await;
        let comment = format!("/{COMMENT}");
        let likes = format!("/{COMMENT}/likes");
        server.on(
            "POST",
            &comment,
            vec![Reply::ok(fixture("facebook/success.json"))],
        );
        server.on(
            "POST",
            &likes,
            vec![Reply::ok(fixture("facebook/success.json"))],
        );
        server.on(
            "DELETE",
            &likes,
            vec![Reply::ok(fixture("facebook/success.json"))],
        );
        server.on(
            "GET",
            &comment,
            vec![Reply::ok(fixture("facebook/comment_from.json"))],
        );
        server.on(
            "POST",
            "/104000000000001/blocked",
            vec![Reply::ok(fixture("facebook/blocked.json"))],
        );
        server.on(
            "DELETE",
            "/104000000000001/blocked",
            vec![Reply::ok(fixture("facebook/success.json"))],
        );
        let fb = facebook(&server);
        for kind in [
            ActionKind::Hide,
            ActionKind::Unhide,
            ActionKind::Like,
            ActionKind::Unlike,
            ActionKind::Block,
            ActionKind::Unblock,
        ] {
            fb.act(&act(kind, COMMENT))
                .await
                .unwrap_or_else(|e| panic!("{kind}: {e}"));
        }
        let hides = server.requests_to("POST", &comment);
        assert_eq!(hides[0].form_value("is_hidden").as_deref(), Some("true"));
        assert_eq!(hides[1].form_value("is_hidden").as_deref(), Some("false"));
        assert_eq!(
            hides[0].header("content-type"),
            Some("application/x-www-form-urlencoded")
        );
        assert_eq!(server.requests_to("POST", &likes).len(), 1);
        assert_eq!(server.requests_to("DELETE", &likes).len(), 1);
        let from = &server.requests_to("GET", &comment)[0];
        assert_eq!(from.param("fields"), Some("from"));
        let blocked = &server.requests_to("POST", "/104000000000001/blocked")[0];
        assert_eq!(
            blocked.form_value("user").as_deref(),
            Some("7310000000000042")
        );
        let unblocked = &server.requests_to("DELETE", "/104000000000001/blocked")[0];
        assert_eq!(unblocked.param("user"), Some("7310000000000042"));
        for r in server.requests() {
            assert_eq!(r.header("authorization"), Some("Bearer test-token"));
        }
        // Graph's refusal, in its words; mute is not a Page's.
        let server = Server::start().await;
        server.on(
            "POST",
            &comment,
            vec![Reply::json(400, fixture("facebook/error_hide_own.json"))],
        );
        let fb = facebook(&server);
        let e = fb.act(&act(ActionKind::Hide, COMMENT)).await.unwrap_err();
        assert!(
            e.to_string()
                .contains("Cannot hide a comment made by the page"),
            "{e}"
        );
        let e = fb.act(&act(ActionKind::Mute, COMMENT)).await.unwrap_err();
        assert!(
            e.to_string().contains("facebook does not offer mute"),
            "{e}"
        );
    }

    #[tokio::test]
    async fn instagram_hides_with_hide_and_refuses_what_it_lacks() {
        let server = Server::start().await;
        let comment = format!("/{IG_COMMENT}");
        server.on(
            "POST",
            &comment,
            vec![Reply::ok(fixture("facebook/success.json"))],
        );
        let ig = instagram(&server);
        ig.act(&act(ActionKind::Hide, IG_COMMENT)).await.unwrap();
        ig.act(&act(ActionKind::Unhide, IG_COMMENT)).await.unwrap();
        let asked = server.requests_to("POST", &comment);
        assert_eq!(asked[0].form_value("hide").as_deref(), Some("true"));
        assert_eq!(asked[1].form_value("hide").as_deref(), Some("false"));
        for kind in [ActionKind::Like, ActionKind::Block, ActionKind::Report] {
            let e = ig.act(&act(kind, IG_COMMENT)).await.unwrap_err();
            assert!(e.to_string().contains("instagram does not offer"), "{e}");
        }
        assert_eq!(server.requests().len(), 2, "refusals ask nothing");
    }

    #[tokio::test]
    async fn a_delete_whose_answer_was_lost_is_looked_up_on_both_networks() {
        let server = Server::start().await;
        let ours = format!("/{OURS}");
        server.on(
            "DELETE",
            &ours,
            vec![Reply::ok(fixture("facebook/success.json")).delayed(TOO_LATE)],
        );
        server.on(
            "GET",
            &ours,
            vec![
                Reply::ok(fixture("facebook/comment_exists.json")),
                Reply::json(400, fixture("instagram/error_not_found.json")),
            ],
        );
        let fb = facebook(&server);
        let e = fb.act(&act(ActionKind::Delete, OURS)).await.unwrap_err();
        assert!(matches!(e, ChannelError::Ambiguous(_)), "{e:?}");
        assert_eq!(server.requests_to("DELETE", &ours).len(), 1);
        assert_eq!(
            fb.find_act(&act(ActionKind::Delete, OURS)).await.unwrap(),
            Lookup::NotDone
        );
        assert_eq!(
            fb.find_act(&act(ActionKind::Delete, OURS)).await.unwrap(),
            Lookup::Done(Acted::default())
        );
        let server = Server::start().await;
        server.on(
            "GET",
            &ours,
            vec![Reply::json(400, fixture("instagram/error_not_found.json"))],
        );
        server.on(
            "DELETE",
            &ours,
            vec![Reply::ok(fixture("facebook/success.json"))],
        );
        let ig = instagram(&server);
        ig.act(&act(ActionKind::Delete, OURS)).await.unwrap();
        assert_eq!(
            ig.find_act(&act(ActionKind::Delete, OURS)).await.unwrap(),
            Lookup::Done(Acted::default())
        );
    }
}
