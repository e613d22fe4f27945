//! Talking to a network: time-outs, retries with backoff and jitter, the
//! networks' rate limits, and errors classified so that the supervisor and
//! the outbox know what to do next.

use chrono::{DateTime, TimeZone, Utc};
use reqwest::header::HeaderMap;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ChannelError {
    /// Too many requests: try again after `until`.
    #[error("rate-limited until {until}")]
    RateLimited { until: DateTime<Utc> },
    /// Out of quota for the day (YouTube): this account waits, not the others.
    #[error("quota exceeded until {until}")]
    Quota { until: DateTime<Utc> },
    /// The token was refused.
    #[error("authentication failed: {0}")]
    Auth(String),
    /// The network could not be reached (nothing was sent).
    #[error("offline: {0}")]
    Offline(String),
    /// The request may have been carried out (a time-out or a server error
    /// after it left): a reply must be looked for before it is sent again.
    #[error("no answer: {0}")]
    Ambiguous(String),
    /// The network answered with an error: the request was refused.
    #[error("{status}: {message}")]
    Refused { status: u16, message: String },
    /// The answer could not be read.
    #[error("unexpected answer: {0}")]
    Parse(String),
}

impl ChannelError {
    /// The state an account is left in by this error, for the status bar.
    pub fn state(&self) -> crate::model::SyncState {
        use crate::model::SyncState;
        match self {
            ChannelError::RateLimited { .. } | ChannelError::Quota { .. } => SyncState::RateLimited,
            ChannelError::Auth(_) => SyncState::AuthFailed,
            ChannelError::Offline(_) | ChannelError::Ambiguous(_) => SyncState::Offline,
            ChannelError::Refused { .. } | ChannelError::Parse(_) => SyncState::Error,
        }
    }

    pub fn until(&self) -> Option<DateTime<Utc>> {
        match self {
            ChannelError::RateLimited { until } | ChannelError::Quota { until } => Some(*until),
            _ => None,
        }
    }
}

/// A network's answer that was a success.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T, ChannelError> {
        let de = &mut serde_json::Deserializer::from_slice(&self.body);
        serde_path_to_error::deserialize(de)
            .map_err(|e| ChannelError::Parse(format!("{}: {}", e.path(), e.inner())))
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// Tries in all for a request that may be repeated.
    pub attempts: u32,
    /// The first wait; doubled each time, with jitter.
    pub backoff: Duration,
    pub max_backoff: Duration,
    /// One request's time-out.
    pub timeout: Duration,
    /// A rate limit that lifts sooner than this is waited out; a longer one
    /// is reported (the account waits, the program goes on).
    pub max_wait: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            attempts: 4,
            backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            timeout: Duration::from_secs(30),
            max_wait: Duration::from_secs(60),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Http {
    client: reqwest::Client,
    pub policy: Policy,
}

/// Whether a request may be sent again after a failure that could have
/// happened once it left: reads may; a reply must not (the outbox decides).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    Safe,
    Never,
}

impl Http {
    pub fn new(policy: Policy) -> Result<Http, ChannelError> {
        let client = reqwest::Client::builder()
            .timeout(policy.timeout)
            .connect_timeout(policy.timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("palabre/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ChannelError::Offline(e.to_string()))?;
        Ok(Http { client, policy })
    }

    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// Sends the request `build` makes (again for each try) and returns a
    /// success, or the classified failure once retrying cannot help.
    pub async fn send(
        &self,
        build: impl Fn(&reqwest::Client) -> reqwest::RequestBuilder,
        repeat: Repeat,
    ) -> Result<Answer, ChannelError> {
        self.send_with(build, repeat, |_, _, _| None).await
    }

    /// [`Http::send`], with the network's own reading of its error answers
    /// first: `classify(status, headers, body)` of an answer that is not a
    /// success may name the failure (YouTube's quota in a 403, Graph's rate
    /// limits in a 400); `None` leaves it to the usual rules.
    pub async fn send_with(
        &self,
        build: impl Fn(&reqwest::Client) -> reqwest::RequestBuilder,
        repeat: Repeat,
        classify: impl Fn(u16, &HeaderMap, &[u8]) -> Option<ChannelError>,
    ) -> Result<Answer, ChannelError> {
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let last = attempt >= self.policy.attempts.max(1);
            let outcome = build(&self.client).send().await;
            let wait = match outcome {
                Ok(response) => {
                    let status = response.status().as_u16();
                    let headers = response.headers().clone();
                    let body = match response.bytes().await {
                        Ok(b) => b.to_vec(),
                        Err(e) if repeat == Repeat::Safe && !last => {
                            tracing::debug!("reading an answer failed: {e}");
                            self.backoff(attempt).await;
                            continue;
                        }
                        Err(e) => return Err(ChannelError::Ambiguous(e.to_string())),
                    };
                    if (200..300).contains(&status) {
                        return Ok(Answer {
                            status,
                            headers,
                            body,
                        });
                    }
                    if let Some(failure) = classify(status, &headers, &body) {
                        return Err(failure);
                    }
                    let message = error_message(&body);
                    match status {
                        429 => {
                            let until = rate_limit_reset(&headers, Utc::now())
                                .unwrap_or_else(|| Utc::now() + self.step(attempt));
                            let wait = (until - Utc::now()).to_std().unwrap_or_default();
                            if last || wait > self.policy.max_wait {
                                return Err(ChannelError::RateLimited { until });
                            }
                            // The request was refused, not carried out: a
                            // retry is safe whatever it was.
                            wait
                        }
                        401 => return Err(ChannelError::Auth(message)),
                        500..=599 if repeat == Repeat::Safe && !last => self.step(attempt),
                        500..=599 if repeat == Repeat::Never => {
                            return Err(ChannelError::Ambiguous(format!("{status}: {message}")));
                        }
                        _ => return Err(ChannelError::Refused { status, message }),
                    }
                }
                // Not connected: nothing left, any request may be retried.
                Err(e) if e.is_connect() => {
                    if last {
                        return Err(ChannelError::Offline(e.to_string()));
                    }
                    self.step(attempt)
                }
                Err(e) if repeat == Repeat::Safe && !last => {
                    tracing::debug!("request failed: {e}");
                    self.step(attempt)
                }
                Err(e) if repeat == Repeat::Safe => {
                    return Err(ChannelError::Offline(e.to_string()));
                }
                Err(e) => return Err(ChannelError::Ambiguous(e.to_string())),
            };
            tokio::time::sleep(wait).await;
        }
    }

    async fn backoff(&self, attempt: u32) {
        tokio::time::sleep(self.step(attempt)).await;
    }

    /// Exponential backoff with full jitter.
    fn step(&self, attempt: u32) -> Duration {
        let base = self
            .policy
            .backoff
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(16))
            .min(self.policy.max_backoff);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        // Half fixed, half random: spreads clients without ever waiting 0.
        base / 2 + base.mul_f64(f64::from(nanos % 1000) / 2000.0)
    }
}

/// A short readable error from a JSON error body (`error`,
/// `error_description`, `message`, `errors[0].message`), else the start of
/// the body.
pub fn error_message(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) {
        let pick = |v: &serde_json::Value| -> Option<String> {
            for key in ["error_description", "message", "error", "detail", "title"] {
                match v.get(key) {
                    Some(serde_json::Value::String(s)) => return Some(s.clone()),
                    Some(obj @ serde_json::Value::Object(_)) => {
                        if let Some(m) = obj.get("message").and_then(|m| m.as_str()) {
                            return Some(m.to_string());
                        }
                    }
                    _ => {}
                }
            }
            v.get("errors")
                .and_then(|e| e.get(0))
                .and_then(|e| e.get("message").or_else(|| e.get("detail")))
                .and_then(|m| m.as_str())
                .map(str::to_string)
        };
        if let Some(m) = pick(&v) {
            return crate::text::one_line(&m, 300);
        }
    }
    crate::text::one_line(&text, 300)
}

/// When a rate limit lifts, from `Retry-After` (seconds or an HTTP date) or
/// the networks' own headers: `x-ratelimit-reset` (X: epoch seconds;
/// Mastodon: an ISO 8601 time), `ratelimit-reset` (Bluesky: epoch seconds),
/// `x-ratelimit-reset` in seconds from now (Reddit sends a few hundred).
pub fn rate_limit_reset(headers: &HeaderMap, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let get = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    if let Some(v) = get("retry-after") {
        if let Ok(secs) = v.parse::<f64>() {
            return Some(now + chrono::Duration::milliseconds((secs.max(0.0) * 1000.0) as i64));
        }
        if let Ok(t) = DateTime::parse_from_rfc2822(v) {
            return Some(t.with_timezone(&Utc));
        }
    }
    for name in ["x-ratelimit-reset", "ratelimit-reset", "x-rate-limit-reset"] {
        let Some(v) = get(name) else { continue };
        if let Ok(t) = DateTime::parse_from_rfc3339(v) {
            return Some(t.with_timezone(&Utc));
        }
        if let Ok(n) = v.parse::<f64>() {
            // Epoch seconds are large; a delay is small.
            return if n > 1_000_000_000.0 {
                Utc.timestamp_opt(n as i64, 0).single()
            } else {
                Some(now + chrono::Duration::milliseconds((n.max(0.0) * 1000.0) as i64))
            };
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn rate_limit_headers_of_each_network() {
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
        assert_eq!(
            rate_limit_reset(&headers(&[("retry-after", "30")]), now),
            Some(now + chrono::Duration::seconds(30))
        );
        assert_eq!(
            rate_limit_reset(
                &headers(&[("retry-after", "Wed, 25 Nov 2026 12:05:00 GMT")]),
                now
            ),
            Some(now + chrono::Duration::minutes(5))
        );
        // Mastodon
        assert_eq!(
            rate_limit_reset(
                &headers(&[("x-ratelimit-reset", "2026-11-25T12:10:00.000Z")]),
                now
            ),
            Some(now + chrono::Duration::minutes(10))
        );
        // X and Bluesky: epoch seconds.
        let epoch = (now + chrono::Duration::minutes(15))
            .timestamp()
            .to_string();
        assert_eq!(
            rate_limit_reset(&headers(&[("x-rate-limit-reset", &epoch)]), now),
            Some(now + chrono::Duration::minutes(15))
        );
        assert_eq!(
            rate_limit_reset(&headers(&[("ratelimit-reset", &epoch)]), now),
            Some(now + chrono::Duration::minutes(15))
        );
        // Reddit: seconds from now.
        assert_eq!(
            rate_limit_reset(&headers(&[("x-ratelimit-reset", "120")]), now),
            Some(now + chrono::Duration::minutes(2))
        );
        assert_eq!(rate_limit_reset(&HeaderMap::new(), now), None);
    }

    #[test]
    fn error_messages_from_json_bodies() {
        assert_eq!(
            error_message(br#"{"error":"Record not found"}"#),
            "Record not found"
        );
        assert_eq!(
            error_message(br#"{"error":{"code":403,"message":"quotaExceeded"}}"#),
            "quotaExceeded"
        );
        assert_eq!(
            error_message(br#"{"errors":[{"message":"Invalid reply"}]}"#),
            "Invalid reply"
        );
        assert_eq!(
            error_message(b"<html>Bad gateway</html>"),
            "<html>Bad gateway</html>"
        );
    }
}

#[cfg(test)]
mod server_tests {
    //! Against the scripted test server on 127.0.0.1 (`crates/test-server`).
    use super::*;
    use crate::channels::local_server::{Reply, Server};

    /// A server answering `method /` with `replies` in order (the last one
    /// repeats), and its URL.
    async fn serve(method: &str, replies: Vec<Reply>) -> (Server, String) {
        let server = Server::start().await;
        server.on(method, "/", replies);
        let url = format!("{}/", server.url);
        (server, url)
    }

    fn http() -> Http {
        Http::new(Policy {
            attempts: 3,
            backoff: Duration::from_millis(10),
            max_backoff: Duration::from_millis(50),
            timeout: Duration::from_millis(400),
            max_wait: Duration::from_secs(3),
        })
        .unwrap()
    }

    #[tokio::test]
    async fn a_429_is_waited_out_with_retry_after() {
        let (server, url) = serve(
            "GET",
            vec![
                Reply::json(429, "").header("retry-after", "1"),
                Reply::ok(r#"{"ok":true}"#),
            ],
        )
        .await;
        let started = std::time::Instant::now();
        let answer = http().send(|c| c.get(&url), Repeat::Safe).await.unwrap();
        assert_eq!(answer.body, br#"{"ok":true}"#);
        assert!(started.elapsed() >= Duration::from_millis(900));
        assert_eq!(server.requests().len(), 2);
    }

    #[tokio::test]
    async fn a_long_rate_limit_is_reported_not_waited() {
        let (server, url) = serve(
            "GET",
            vec![Reply::json(429, "").header("retry-after", "3600")],
        )
        .await;
        let err = http()
            .send(|c| c.get(&url), Repeat::Safe)
            .await
            .unwrap_err();
        assert!(matches!(err, ChannelError::RateLimited { .. }), "{err}");
        assert_eq!(err.state(), crate::model::SyncState::RateLimited);
        assert_eq!(server.requests().len(), 1, "not asked again");
    }

    #[tokio::test]
    async fn a_server_error_is_retried_for_reads_only() {
        let (server, url) = serve("GET", vec![Reply::json(500, "oops"), Reply::ok("fine")]).await;
        let answer = http().send(|c| c.get(&url), Repeat::Safe).await.unwrap();
        assert_eq!(answer.body, b"fine");
        assert_eq!(server.requests().len(), 2);

        let (server, url) = serve(
            "POST",
            vec![Reply::json(502, "bad gateway"), Reply::ok("never asked")],
        )
        .await;
        let err = http()
            .send(|c| c.post(&url), Repeat::Never)
            .await
            .unwrap_err();
        assert!(matches!(err, ChannelError::Ambiguous(_)), "{err}");
        assert_eq!(server.requests().len(), 1);
    }

    #[tokio::test]
    async fn a_timeout_after_the_request_arrived_is_ambiguous_for_a_reply() {
        let (server, url) = serve(
            "POST",
            vec![Reply::ok("late").delayed(Duration::from_secs(2))],
        )
        .await;
        let err = http()
            .send(|c| c.post(&url), Repeat::Never)
            .await
            .unwrap_err();
        assert!(matches!(err, ChannelError::Ambiguous(_)), "{err}");
        assert_eq!(server.requests().len(), 1);
    }

    #[tokio::test]
    async fn refusals_and_bad_tokens_are_told_apart() {
        let (server, url) = serve(
            "GET",
            vec![Reply::json(
                401,
                r#"{"error":"The access token is invalid"}"#,
            )],
        )
        .await;
        let err = http()
            .send(|c| c.get(&url), Repeat::Safe)
            .await
            .unwrap_err();
        assert_eq!(
            err,
            ChannelError::Auth("The access token is invalid".into())
        );
        assert_eq!(server.requests().len(), 1, "not asked again");
        let (server, url) = serve(
            "POST",
            vec![Reply::json(
                422,
                r#"{"error":"Validation failed: Text character limit of 500 exceeded"}"#,
            )],
        )
        .await;
        let err = http()
            .send(|c| c.post(&url), Repeat::Never)
            .await
            .unwrap_err();
        assert_eq!(
            err,
            ChannelError::Refused {
                status: 422,
                message: "Validation failed: Text character limit of 500 exceeded".into()
            }
        );
        assert_eq!(server.requests().len(), 1, "not asked again");
    }

    #[tokio::test]
    async fn nobody_listening_is_offline() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        drop(listener);
        let err = http()
            .send(|c| c.get(&url), Repeat::Never)
            .await
            .unwrap_err();
        assert!(matches!(err, ChannelError::Offline(_)), "{err}");
    }
}
