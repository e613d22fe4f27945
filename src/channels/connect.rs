//! From an `[[accounts]]` entry to the client of its network.

use super::account::{AccountError, token};
use super::connector::Connector;
use super::graph::{FacebookClient, InstagramClient};
use super::http::Http;
use super::reddit::RedditClient;
use super::x::XClient;
use super::youtube::YoutubeClient;
use crate::config::AccountEntry;
use crate::model::Channel;
use std::sync::Arc;

/// The account's client, ready to sync. Fails when its token cannot be read
/// or its network has no client.
pub fn connect(entry: &AccountEntry, http: &Http) -> Result<Arc<dyn Connector>, AccountError> {
    let fail = |reason: String| AccountError {
        account: entry.name.clone(),
        reason,
    };
    let secret = token(entry)?;
    // Each network's client is added here as it lands.
    match entry.network {
        Channel::X => Ok(Arc::new(XClient::new(entry, http, secret).map_err(fail)?)),
        Channel::Reddit => Ok(Arc::new(
            RedditClient::new(entry, http, secret).map_err(fail)?,
        )),
        Channel::Youtube => Ok(Arc::new(
            YoutubeClient::new(entry, http, secret).map_err(fail)?,
        )),
        Channel::Facebook => Ok(Arc::new(
            FacebookClient::new(entry, http, secret).map_err(fail)?,
        )),
        Channel::Instagram => Ok(Arc::new(
            InstagramClient::new(entry, http, secret).map_err(fail)?,
        )),
        other => Err(fail(format!("no client for {other} yet"))),
    }
}
