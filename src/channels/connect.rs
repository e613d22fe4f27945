//! From an `[[accounts]]` entry to the client of its network.

use super::account::{AccountError, token};
use super::bluesky_client::BlueskyClient;
use super::connector::Connector;
use super::graph::{FacebookClient, InstagramClient};
use super::http::Http;
use super::mastodon_client::MastodonClient;
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
    match entry.network {
        Channel::Mastodon => Ok(Arc::new(
            MastodonClient::new(entry.clone(), secret, http.clone()).map_err(fail)?,
        )),
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
        Channel::Bluesky => Ok(Arc::new(
            BlueskyClient::new(entry.clone(), secret, http.clone()).map_err(fail)?,
        )),
        other => Err(fail(format!("{other} has no API to sync from"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn each_network_gets_its_client_and_a_missing_id_is_named() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("token");
        std::fs::write(&path, "secret-value\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let http = Http::new(Default::default()).unwrap();
        let entry = |network: Channel, id: Option<&str>| AccountEntry {
            name: format!("acct-{network}"),
            network,
            base_url: None,
            handle: "kettlo".into(),
            id: id.map(str::to_string),
            token_env: None,
            token_file: Some(path.clone()),
            poll_seconds: None,
        };
        for network in [
            Channel::X,
            Channel::Reddit,
            Channel::Youtube,
            Channel::Facebook,
            Channel::Instagram,
        ] {
            let client = connect(&entry(network, Some("UC123")), &http)
                .unwrap_or_else(|e| panic!("{network}: {e}"));
            assert_eq!(client.network(), network);
            assert_eq!(client.account().name, format!("acct-{network}"));
        }
        assert!(connect(&entry(Channel::Reddit, None), &http).is_ok());
        // Mastodon needs its instance; Bluesky defaults to bsky.social.
        let bluesky = connect(&entry(Channel::Bluesky, None), &http).unwrap();
        assert_eq!(bluesky.network(), Channel::Bluesky);
        let err = connect(&entry(Channel::Mastodon, None), &http)
            .err()
            .unwrap();
        assert!(err.reason.contains("base_url"), "{err}");
        let mastodon = AccountEntry {
            base_url: Some("https://social.example".into()),
            ..entry(Channel::Mastodon, None)
        };
        assert_eq!(
            connect(&mastodon, &http).unwrap().network(),
            Channel::Mastodon
        );
        for network in [
            Channel::X,
            Channel::Youtube,
            Channel::Facebook,
            Channel::Instagram,
        ] {
            let err = connect(&entry(network, None), &http).err().unwrap();
            assert!(err.reason.contains("`id`"), "{network}: {err}");
            assert!(!err.to_string().contains("secret-value"));
        }
    }
}
