//! Network actions on Bluesky, through the account's PDS, as the
//! capability table lists them:
//! - hide / unhide a reply: the `hiddenReplies` of the thread root's
//!   `app.bsky.feed.threadgate` record (its record key is the root post's),
//!   read with `com.atproto.repo.getRecord` and written with
//!   `com.atproto.repo.putRecord` (`swapRecord`: a concurrent change is
//!   refused, not overwritten); only in threads we started;
//! - delete our reply: `com.atproto.repo.deleteRecord` of the post;
//! - like, block: `com.atproto.repo.createRecord` of an
//!   `app.bsky.feed.like` (subject: the post's uri and cid, from
//!   `app.bsky.feed.getPosts`) or `app.bsky.graph.block` (subject: the
//!   author's DID, read from the post's uri), under a record key derived
//!   from the outbox key, so that after a lost answer `getRecord` says
//!   whether it went and a retry cannot make a second record;
//! - unlike, unblock: `deleteRecord` of that record (its uri as the like
//!   or block recorded it, else the viewer state of `getPosts` or
//!   `app.bsky.actor.getProfile`);
//! - mute / unmute: `app.bsky.graph.muteActor` / `unmuteActor` (private,
//!   on the AppView);
//! - report: `com.atproto.moderation.createReport` with a strong ref to the
//!   post, proxied by the PDS to Bluesky's moderation service
//!   (`atproto-proxy` header).

use super::{BlueskyClient, StrongRef, did_of, now_text, stable_rkey};
use crate::channels::connector::{Act, Acted, Lookup};
use crate::channels::http::{Answer, ChannelError, Repeat};
use crate::model::ActionKind;
use serde_json::{Value, json};

/// Bluesky's own moderation service, which the PDS forwards reports to.
pub const MODERATION_SERVICE: &str = "did:plc:ar7c4by46qjdydhdevvrndac#atproto_labeler";
/// The most `hiddenReplies` a threadgate holds (the lexicon's limit).
const MAX_HIDDEN: usize = 300;
const THREADGATE: &str = "app.bsky.feed.threadgate";
const LIKE: &str = "app.bsky.feed.like";
const BLOCK: &str = "app.bsky.graph.block";
const POST: &str = "app.bsky.feed.post";

/// The record key of an `at://did/collection/rkey` uri.
fn rkey_of(uri: &str) -> Option<&str> {
    uri.rsplit('/').next().filter(|k| !k.is_empty())
}

impl BlueskyClient {
    async fn procedure(
        &self,
        nsid: &str,
        body: &Value,
        repeat: Repeat,
        proxy: Option<&str>,
    ) -> Result<Answer, ChannelError> {
        let url = self.url(nsid);
        let body = serde_json::to_vec(body).map_err(|e| ChannelError::Parse(e.to_string()))?;
        self.authed(
            |c, token| {
                let request = c
                    .post(&url)
                    .bearer_auth(token)
                    .header("content-type", "application/json")
                    .body(body.clone());
                match proxy {
                    Some(p) => request.header("atproto-proxy", p),
                    None => request,
                }
            },
            repeat,
        )
        .await
    }

    /// A record of ours, or `None` when the PDS has no such record.
    async fn record(
        &self,
        did: &str,
        collection: &str,
        rkey: &str,
    ) -> Result<Option<Value>, ChannelError> {
        let answer = self
            .get(
                "com.atproto.repo.getRecord",
                &[
                    ("repo", did.to_string()),
                    ("collection", collection.to_string()),
                    ("rkey", rkey.to_string()),
                ],
            )
            .await;
        match answer {
            Ok(a) => Ok(Some(a.json()?)),
            // RecordNotFound.
            Err(ChannelError::Refused { status: 400, .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    async fn delete_record(
        &self,
        did: &str,
        collection: &str,
        rkey: &str,
    ) -> Result<(), ChannelError> {
        // Deleting a record that is gone succeeds: a retry is harmless.
        self.procedure(
            "com.atproto.repo.deleteRecord",
            &json!({"repo": did, "collection": collection, "rkey": rkey}),
            Repeat::Safe,
            None,
        )
        .await?;
        Ok(())
    }

    /// The post's strong ref and what the AppView says of it for us.
    async fn post_view(&self, uri: &str) -> Result<(StrongRef, Value), ChannelError> {
        let answer = self
            .get("app.bsky.feed.getPosts", &[("uris", uri.to_string())])
            .await?;
        let posts: Value = answer.json()?;
        let post = posts
            .get("posts")
            .and_then(Value::as_array)
            .and_then(|p| {
                p.iter()
                    .find(|p| p.get("uri").and_then(Value::as_str) == Some(uri))
            })
            .ok_or_else(|| ChannelError::Refused {
                status: 404,
                message: format!("the post is gone: {uri}"),
            })?;
        let cid = post
            .get("cid")
            .and_then(Value::as_str)
            .ok_or_else(|| ChannelError::Parse("getPosts: cid missing".into()))?;
        Ok((
            StrongRef {
                uri: uri.to_string(),
                cid: cid.to_string(),
            },
            post.get("viewer").cloned().unwrap_or(Value::Null),
        ))
    }

    /// The thread root a reply hangs from, which must be our post.
    fn our_root<'a>(&self, act: &'a Act, did: &str) -> Result<&'a str, ChannelError> {
        let root = act
            .target
            .thread_ext_id
            .as_deref()
            .or(act.target.root_ext_id.as_deref())
            .unwrap_or(&act.target.ext_id);
        if did_of(root) != Some(did) {
            return Err(ChannelError::Refused {
                status: 0,
                message: "Bluesky hides replies only in threads we started (the threadgate of our own post)".into(),
            });
        }
        Ok(root)
    }

    /// Adds the reply to (or takes it from) the root's threadgate.
    async fn set_hidden(&self, act: &Act, hidden: bool) -> Result<Acted, ChannelError> {
        let session = self.session().await?;
        let root = self.our_root(act, &session.did)?;
        let rkey = rkey_of(root).ok_or_else(|| ChannelError::Parse(format!("bad uri {root}")))?;
        let existing = self.record(&session.did, THREADGATE, rkey).await?;
        let mut value = existing
            .as_ref()
            .and_then(|r| r.get("value").cloned())
            .unwrap_or_else(|| json!({"$type": THREADGATE, "post": root, "createdAt": now_text()}));
        let mut list: Vec<String> = value
            .get("hiddenReplies")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let reply = act.target.ext_id.clone();
        let present = list.contains(&reply);
        if present == hidden {
            return Ok(Acted::default());
        }
        if hidden {
            if list.len() >= MAX_HIDDEN {
                return Err(ChannelError::Refused {
                    status: 0,
                    message: format!("a Bluesky thread hides at most {MAX_HIDDEN} replies"),
                });
            }
            list.push(reply);
        } else {
            list.retain(|u| *u != reply);
        }
        value["hiddenReplies"] = json!(list);
        let mut request = json!({
            "repo": session.did, "collection": THREADGATE, "rkey": rkey, "record": value,
        });
        if let Some(cid) = existing.as_ref().and_then(|r| r.get("cid")) {
            request["swapRecord"] = cid.clone();
        }
        self.procedure("com.atproto.repo.putRecord", &request, Repeat::Never, None)
            .await?;
        Ok(Acted::default())
    }

    /// Creates a like or a block under the action's stable record key.
    async fn create(
        &self,
        act: &Act,
        collection: &str,
        record: Value,
    ) -> Result<Acted, ChannelError> {
        let session = self.session().await?;
        let mut request = json!({"repo": session.did, "collection": collection, "record": record});
        if let Some(rkey) = stable_rkey(&act.idempotency_key) {
            request["rkey"] = json!(rkey);
        }
        let answer = self
            .procedure(
                "com.atproto.repo.createRecord",
                &request,
                Repeat::Never,
                None,
            )
            .await?;
        let created: Value = answer.json()?;
        Ok(Acted {
            remote_id: created
                .get("uri")
                .and_then(Value::as_str)
                .map(str::to_string),
        })
    }

    pub(super) async fn act_on(&self, act: &Act) -> Result<Acted, ChannelError> {
        let post = act.target.ext_id.as_str();
        let author = did_of(post)
            .ok_or_else(|| ChannelError::Parse(format!("not an at:// post uri: {post}")))?
            .to_string();
        match act.kind {
            ActionKind::Hide => self.set_hidden(act, true).await,
            ActionKind::Unhide => self.set_hidden(act, false).await,
            ActionKind::Delete => {
                let session = self.session().await?;
                if author != session.did {
                    return Err(ChannelError::Refused {
                        status: 0,
                        message: "only our own posts can be deleted".into(),
                    });
                }
                let rkey = rkey_of(post).unwrap_or_default();
                self.delete_record(&session.did, POST, rkey).await?;
                Ok(Acted::default())
            }
            ActionKind::Like => {
                let (subject, _) = self.post_view(post).await?;
                self.create(
                    act,
                    LIKE,
                    json!({"$type": LIKE, "subject": subject, "createdAt": now_text()}),
                )
                .await
            }
            ActionKind::Block => {
                self.create(
                    act,
                    BLOCK,
                    json!({"$type": BLOCK, "subject": author, "createdAt": now_text()}),
                )
                .await
            }
            ActionKind::Unlike | ActionKind::Unblock => {
                let (collection, record) = if act.kind == ActionKind::Unlike {
                    let record = match &act.undoes_remote_id {
                        Some(uri) => Some(uri.clone()),
                        None => {
                            let (_, viewer) = self.post_view(post).await?;
                            viewer
                                .get("like")
                                .and_then(Value::as_str)
                                .map(str::to_string)
                        }
                    };
                    (LIKE, record)
                } else {
                    let record = match &act.undoes_remote_id {
                        Some(uri) => Some(uri.clone()),
                        None => {
                            let profile = self
                                .get("app.bsky.actor.getProfile", &[("actor", author.clone())])
                                .await?
                                .json::<Value>()?;
                            profile
                                .pointer("/viewer/blocking")
                                .and_then(Value::as_str)
                                .map(str::to_string)
                        }
                    };
                    (BLOCK, record)
                };
                // Nothing of ours to delete: already as asked.
                let Some(record) = record else {
                    return Ok(Acted::default());
                };
                let session = self.session().await?;
                if did_of(&record) != Some(session.did.as_str()) {
                    return Err(ChannelError::Parse(format!("not our record: {record}")));
                }
                let rkey = rkey_of(&record).unwrap_or_default();
                self.delete_record(&session.did, collection, rkey).await?;
                Ok(Acted::default())
            }
            ActionKind::Mute | ActionKind::Unmute => {
                let nsid = if act.kind == ActionKind::Mute {
                    "app.bsky.graph.muteActor"
                } else {
                    "app.bsky.graph.unmuteActor"
                };
                self.procedure(nsid, &json!({"actor": author}), Repeat::Safe, None)
                    .await?;
                Ok(Acted::default())
            }
            ActionKind::Report => {
                let (subject, _) = self.post_view(post).await?;
                let reason = act.reason.clone().unwrap_or_default();
                let reason_type = if reason.to_lowercase().contains("spam") {
                    "com.atproto.moderation.defs#reasonSpam"
                } else {
                    "com.atproto.moderation.defs#reasonOther"
                };
                let mut body = json!({
                    "reasonType": reason_type,
                    "subject": {"$type": "com.atproto.repo.strongRef", "uri": subject.uri, "cid": subject.cid},
                });
                if !reason.is_empty() {
                    body["reason"] = json!(reason);
                }
                let answer = self
                    .procedure(
                        "com.atproto.moderation.createReport",
                        &body,
                        Repeat::Never,
                        Some(MODERATION_SERVICE),
                    )
                    .await?;
                let report: Value = answer.json()?;
                Ok(Acted {
                    remote_id: report.get("id").map(|id| match id {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    }),
                })
            }
        }
    }

    /// After a lost answer: the PDS says whether the record is there.
    pub(super) async fn find_act_of(&self, act: &Act) -> Result<Lookup, ChannelError> {
        let session = self.session().await?;
        let done = |yes: bool, remote_id: Option<String>| {
            if yes {
                Lookup::Done(Acted { remote_id })
            } else {
                Lookup::NotDone
            }
        };
        match act.kind {
            ActionKind::Hide | ActionKind::Unhide => {
                let root = self.our_root(act, &session.did)?;
                let rkey = rkey_of(root).unwrap_or_default();
                let hidden = self
                    .record(&session.did, THREADGATE, rkey)
                    .await?
                    .and_then(|r| r.pointer("/value/hiddenReplies").cloned())
                    .and_then(|h| h.as_array().cloned())
                    .unwrap_or_default()
                    .iter()
                    .any(|u| u.as_str() == Some(act.target.ext_id.as_str()));
                Ok(done(hidden == (act.kind == ActionKind::Hide), None))
            }
            ActionKind::Like | ActionKind::Block => {
                let Some(rkey) = stable_rkey(&act.idempotency_key) else {
                    return Ok(Lookup::Unknown);
                };
                let collection = if act.kind == ActionKind::Like {
                    LIKE
                } else {
                    BLOCK
                };
                let found = self.record(&session.did, collection, &rkey).await?;
                let uri = found
                    .as_ref()
                    .and_then(|r| r.get("uri"))
                    .and_then(Value::as_str)
                    .map(str::to_string);
                Ok(done(found.is_some(), uri))
            }
            ActionKind::Report => Ok(Lookup::Unknown),
            // Deleting and muting again are harmless.
            _ => Ok(Lookup::NotDone),
        }
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

    const ME: &str = "did:plc:kettlo4example0000000000";
    const ROOT: &str = "at://did:plc:kettlo4example0000000000/app.bsky.feed.post/3l6oveex3ii2l";
    const MIRNA: &str = "at://did:plc:mirna5example000000000000/app.bsky.feed.post/3mysg2h2sa4ne";
    const MIRNA_DID: &str = "did:plc:mirna5example000000000000";
    const OURS: &str = "at://did:plc:kettlo4example0000000000/app.bsky.feed.post/3mysk2vxq4c2a";
    const KEY: &str = "palabre-act-5-1793000000000-9";

    fn client(server: &Server) -> BlueskyClient {
        let entry = AccountEntry {
            name: "kettlo-bsky".into(),
            network: Channel::Bluesky,
            base_url: Some(server.url.clone()),
            handle: "kettlo.bsky.social".into(),
            id: None,
            token_env: None,
            token_file: None,
            poll_seconds: None,
        };
        BlueskyClient::new(entry, Secret::new("app-password"), http()).unwrap()
    }

    fn act(kind: ActionKind, on: &str) -> Act {
        Act {
            id: 9,
            kind,
            idempotency_key: KEY.into(),
            target: ActionTarget {
                ext_id: on.into(),
                author: "mirnaodd.bsky.social".into(),
                thread_ext_id: Some(ROOT.into()),
                root_ext_id: Some(ROOT.into()),
                url: None,
            },
            reason: None,
            undoes_remote_id: None,
        }
    }

    async fn session(server: &Server) {
        server.on(
            "POST",
            "/xrpc/com.atproto.server.createSession",
            vec![Reply::ok(fixture("bluesky/create_session.json"))],
        );
    }

    #[tokio::test]
    async fn hiding_adds_the_reply_to_our_threadgate_without_losing_its_rules() {
        let server = Server::start().await;
        session(&server).await;
        server.on(
            "GET",
            "/xrpc/com.atproto.repo.getRecord",
            vec![Reply::ok(fixture("bluesky/threadgate.json"))],
        );
        server.on(
            "POST",
            "/xrpc/com.atproto.repo.putRecord",
            vec![Reply::ok(fixture("bluesky/put_record.json"))],
        );
        let bsky = client(&server);
        bsky.act(&act(ActionKind::Hide, MIRNA)).await.unwrap();
        let read = &server.requests_to("GET", "/xrpc/com.atproto.repo.getRecord")[0];
        assert_eq!(read.param("repo"), Some(ME));
        assert_eq!(read.param("collection"), Some("app.bsky.feed.threadgate"));
        assert_eq!(read.param("rkey"), Some("3l6oveex3ii2l"));
        let put = server.requests_to("POST", "/xrpc/com.atproto.repo.putRecord")[0].json();
        assert_eq!(put["repo"], ME);
        assert_eq!(put["collection"], "app.bsky.feed.threadgate");
        assert_eq!(put["rkey"], "3l6oveex3ii2l");
        assert_eq!(
            put["swapRecord"],
            "bafyreigate0000000000000000000000000000000000000000000001"
        );
        assert_eq!(put["record"]["post"], ROOT);
        assert_eq!(
            put["record"]["allow"][0]["$type"], "app.bsky.feed.threadgate#mentionRule",
            "the reply rules stay"
        );
        let hidden = put["record"]["hiddenReplies"].as_array().unwrap();
        assert_eq!(hidden.len(), 2);
        assert_eq!(hidden[1], MIRNA);
        // Already hidden (the gate says so): nothing written. Not our thread: refused.
        assert_eq!(
            bsky.find_act(&act(
                ActionKind::Hide,
                "at://did:plc:spam0example00000000000000/app.bsky.feed.post/3mys0000spam1"
            ))
            .await
            .unwrap(),
            Lookup::Done(Acted::default())
        );
        let theirs = Act {
            target: ActionTarget {
                thread_ext_id: Some(MIRNA.into()),
                ..act(ActionKind::Hide, MIRNA).target
            },
            ..act(ActionKind::Hide, MIRNA)
        };
        let e = bsky.act(&theirs).await.unwrap_err();
        assert!(e.to_string().contains("threads we started"), "{e}");
        for r in server
            .requests()
            .iter()
            .filter(|r| !r.path.ends_with("createSession"))
        {
            assert!(
                r.header("authorization")
                    .is_some_and(|a| a.ends_with("access-1"))
            );
        }
    }

    #[tokio::test]
    async fn likes_and_blocks_are_records_under_a_stable_key_found_after_a_lost_answer() {
        let server = Server::start().await;
        session(&server).await;
        server.on(
            "GET",
            "/xrpc/app.bsky.feed.getPosts",
            vec![Reply::ok(fixture("bluesky/get_posts.json"))],
        );
        server.on(
            "POST",
            "/xrpc/com.atproto.repo.createRecord",
            vec![
                Reply::ok(fixture("bluesky/like_created.json")).delayed(TOO_LATE),
                Reply::ok(fixture("bluesky/like_created.json")),
            ],
        );
        server.on(
            "GET",
            "/xrpc/com.atproto.repo.getRecord",
            vec![
                Reply::ok(fixture("bluesky/like_created.json")),
                Reply::json(400, fixture("bluesky/record_not_found.json")),
            ],
        );
        let bsky = client(&server);
        let e = bsky.act(&act(ActionKind::Like, MIRNA)).await.unwrap_err();
        assert!(matches!(e, ChannelError::Ambiguous(_)), "{e:?}");
        let created = server.requests_to("POST", "/xrpc/com.atproto.repo.createRecord");
        assert_eq!(created.len(), 1, "never repeated by itself");
        let like = created[0].json();
        let rkey = stable_rkey(KEY).unwrap();
        assert_eq!(like["collection"], "app.bsky.feed.like");
        assert_eq!(like["rkey"], rkey.as_str());
        assert_eq!(like["record"]["subject"]["uri"], MIRNA);
        assert_eq!(
            like["record"]["subject"]["cid"],
            "bafyreimirna000000000000000000000000000000000000000000000"
        );
        // The PDS has the record: done, with its uri for a later unlike.
        let found = bsky.find_act(&act(ActionKind::Like, MIRNA)).await.unwrap();
        assert_eq!(
            found,
            Lookup::Done(Acted {
                remote_id: Some(
                    "at://did:plc:kettlo4example0000000000/app.bsky.feed.like/3mysk2vxq4c2a".into()
                )
            })
        );
        let asked = &server.requests_to("GET", "/xrpc/com.atproto.repo.getRecord")[0];
        assert_eq!(asked.param("rkey"), Some(rkey.as_str()));
        assert_eq!(asked.param("collection"), Some("app.bsky.feed.like"));
        // A block not found: send it; its subject is the author's DID.
        assert_eq!(
            bsky.find_act(&act(ActionKind::Block, MIRNA)).await.unwrap(),
            Lookup::NotDone
        );
        let block = bsky.act(&act(ActionKind::Block, MIRNA)).await.unwrap();
        assert!(block.remote_id.is_some());
        let sent = server.requests_to("POST", "/xrpc/com.atproto.repo.createRecord")[1].json();
        assert_eq!(sent["collection"], "app.bsky.graph.block");
        assert_eq!(sent["record"]["subject"], MIRNA_DID);
    }

    #[tokio::test]
    async fn undoing_deletes_our_record_muting_and_reporting_use_their_procedures() {
        let server = Server::start().await;
        session(&server).await;
        server.on(
            "POST",
            "/xrpc/com.atproto.repo.deleteRecord",
            vec![Reply::ok(fixture("bluesky/delete_record.json"))],
        );
        server.on(
            "GET",
            "/xrpc/app.bsky.actor.getProfile",
            vec![Reply::ok(fixture("bluesky/profile_blocking.json"))],
        );
        server.on(
            "POST",
            "/xrpc/app.bsky.graph.muteActor",
            vec![Reply::ok("")],
        );
        server.on(
            "GET",
            "/xrpc/app.bsky.feed.getPosts",
            vec![Reply::ok(fixture("bluesky/get_posts.json"))],
        );
        server.on(
            "POST",
            "/xrpc/com.atproto.moderation.createReport",
            vec![Reply::ok(fixture("bluesky/report_created.json"))],
        );
        let bsky = client(&server);
        // Unlike with the like's uri as recorded.
        bsky.act(&Act {
            undoes_remote_id: Some(
                "at://did:plc:kettlo4example0000000000/app.bsky.feed.like/3mysk2vxq4c2a".into(),
            ),
            ..act(ActionKind::Unlike, MIRNA)
        })
        .await
        .unwrap();
        // Unblock a block made elsewhere: its uri from the profile.
        bsky.act(&act(ActionKind::Unblock, MIRNA)).await.unwrap();
        // Delete our reply.
        bsky.act(&act(ActionKind::Delete, OURS)).await.unwrap();
        let deleted: Vec<Value> = server
            .requests_to("POST", "/xrpc/com.atproto.repo.deleteRecord")
            .iter()
            .map(|r| r.json())
            .collect();
        assert_eq!(
            deleted,
            [
                json!({"repo": ME, "collection": "app.bsky.feed.like", "rkey": "3mysk2vxq4c2a"}),
                json!({"repo": ME, "collection": "app.bsky.graph.block", "rkey": "3mysk9zzq4c2b"}),
                json!({"repo": ME, "collection": "app.bsky.feed.post", "rkey": "3mysk2vxq4c2a"}),
            ]
        );
        assert_eq!(
            server.requests_to("GET", "/xrpc/app.bsky.actor.getProfile")[0].param("actor"),
            Some(MIRNA_DID)
        );
        let e = bsky.act(&act(ActionKind::Delete, MIRNA)).await.unwrap_err();
        assert!(e.to_string().contains("only our own posts"), "{e}");
        bsky.act(&act(ActionKind::Mute, MIRNA)).await.unwrap();
        assert_eq!(
            server.requests_to("POST", "/xrpc/app.bsky.graph.muteActor")[0].json(),
            json!({"actor": MIRNA_DID})
        );
        let report = bsky
            .act(&Act {
                reason: Some("spam: a link to a fake shop".into()),
                ..act(ActionKind::Report, MIRNA)
            })
            .await
            .unwrap();
        assert_eq!(report.remote_id.as_deref(), Some("12345678"));
        let sent = &server.requests_to("POST", "/xrpc/com.atproto.moderation.createReport")[0];
        assert_eq!(sent.header("atproto-proxy"), Some(MODERATION_SERVICE));
        let body = sent.json();
        assert_eq!(body["reasonType"], "com.atproto.moderation.defs#reasonSpam");
        assert_eq!(body["subject"]["$type"], "com.atproto.repo.strongRef");
        assert_eq!(body["subject"]["uri"], MIRNA);
        assert_eq!(
            bsky.find_act(&act(ActionKind::Report, MIRNA))
                .await
                .unwrap(),
            Lookup::Unknown
        );
    }
}
