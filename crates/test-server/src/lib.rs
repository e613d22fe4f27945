//! A scripted HTTP server on 127.0.0.1 for palabre's tests, the unit tests of
//! the channel clients and the integration tests alike.
//!
//! A test scripts routes ([`Server::on`]: each request to `method path` takes
//! the next of its replies, the last one repeats) and may answer from the
//! request itself ([`Server::handle`]: asked before the script, `None` leaves
//! the request to the script). A request nothing answers gets a 404. Every
//! request is recorded (method, path, query, headers, body) so that a test
//! can check what a client sent ([`Server::requests`],
//! [`Server::requests_to`]).
//!
//! One connection per request (`connection: close`). Knows nothing of
//! palabre: palabre's own helpers (its HTTP client for tests, a temporary
//! store, fixtures) sit beside it in palabre's tests.

pub mod postgres;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A request as the server received it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// Without the query.
    pub path: String,
    /// The query's pairs, decoded, in order.
    pub query: Vec<(String, String)>,
    /// Names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    /// The first value of a query parameter.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a query parameter (`types[]=a&types[]=b`), in order.
    pub fn params(&self, name: &str) -> Vec<&str> {
        self.query
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON (`Null` when it is not).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }

    /// A form body's fields, decoded.
    pub fn form(&self) -> Vec<(String, String)> {
        decode_pairs(&String::from_utf8_lossy(&self.body))
    }

    pub fn form_value(&self, name: &str) -> Option<String> {
        self.form()
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }
}

/// What the server answers.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Waited before answering (after the request was read): longer than the
    /// client's time-out makes "no answer after the request arrived".
    pub delay: Duration,
}

impl Reply {
    /// `body` as `application/json` with `status`.
    pub fn json(status: u16, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    /// `body` as `application/json` with 200.
    pub fn ok(body: impl Into<Vec<u8>>) -> Reply {
        Reply::json(200, body)
    }

    pub fn header(mut self, name: &str, value: impl Into<String>) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn delayed(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

type Handler = Box<dyn FnMut(&Request) -> Option<Reply> + Send>;

#[derive(Default)]
struct Routes {
    /// (method, path) → replies in order; the last repeats.
    script: HashMap<(String, String), Vec<Reply>>,
    served: HashMap<(String, String), usize>,
    /// Asked before the script, in order: a reply computed from the request.
    handlers: Vec<Handler>,
}

/// The server, listening from [`Server::start`] until the runtime ends.
#[derive(Clone)]
pub struct Server {
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub url: String,
    routes: Arc<Mutex<Routes>>,
    log: Arc<Mutex<Vec<Request>>>,
}

impl Server {
    /// Listens on a free port of 127.0.0.1, on the current Tokio runtime.
    pub async fn start() -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let server = Server {
            url,
            routes: Arc::new(Mutex::new(Routes::default())),
            log: Arc::new(Mutex::new(Vec::new())),
        };
        let (routes, log) = (server.routes.clone(), server.log.clone());
        tokio::spawn(async move {
            loop {
                let Ok((sock, _)) = listener.accept().await else {
                    return;
                };
                let (routes, log) = (routes.clone(), log.clone());
                tokio::spawn(async move {
                    let _ = answer(sock, routes, log).await;
                });
            }
        });
        server
    }

    /// Scripts `method path`: each request takes the next reply, the last
    /// one repeats.
    pub fn on(&self, method: &str, path: &str, replies: Vec<Reply>) -> &Server {
        self.routes
            .lock()
            .expect("routes")
            .script
            .insert((method.to_string(), path.to_string()), replies);
        self
    }

    /// A reply computed from the request, asked after the handlers given so
    /// far and before the script (`None`: the next handler, then the script,
    /// answers).
    pub fn handle(&self, f: impl FnMut(&Request) -> Option<Reply> + Send + 'static) {
        self.routes
            .lock()
            .expect("routes")
            .handlers
            .push(Box::new(f));
    }

    /// Like [`Server::handle`], asked before every handler given so far.
    pub fn handle_first(&self, f: impl FnMut(&Request) -> Option<Reply> + Send + 'static) {
        self.routes
            .lock()
            .expect("routes")
            .handlers
            .insert(0, Box::new(f));
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<Request> {
        self.log.lock().expect("log").clone()
    }

    /// The requests made to `method path`, in order.
    pub fn requests_to(&self, method: &str, path: &str) -> Vec<Request> {
        self.requests()
            .into_iter()
            .filter(|r| r.method == method && r.path == path)
            .collect()
    }
}

async fn answer(
    mut sock: tokio::net::TcpStream,
    routes: Arc<Mutex<Routes>>,
    log: Arc<Mutex<Vec<Request>>>,
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        let n = sock.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or("").split(' ');
    let method = first.next().unwrap_or("").to_string();
    let target = first.next().unwrap_or("").to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let length = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < length {
        let n = sock.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p.to_string(), decode_pairs(q)),
        None => (target.clone(), Vec::new()),
    };
    let request = Request {
        method,
        path,
        query,
        headers,
        body,
    };
    log.lock().expect("log").push(request.clone());
    let reply = {
        let mut routes = routes.lock().expect("routes");
        let computed = routes.handlers.iter_mut().find_map(|h| h(&request));
        match computed {
            Some(r) => r,
            None => {
                let key = (request.method.clone(), request.path.clone());
                let n = routes.served.get(&key).copied().unwrap_or(0);
                match routes.script.get(&key) {
                    Some(replies) if !replies.is_empty() => {
                        let r = replies[n.min(replies.len() - 1)].clone();
                        routes.served.insert(key, n + 1);
                        r
                    }
                    _ => Reply::json(
                        404,
                        format!(
                            r#"{{"error":"no route {} {}"}}"#,
                            request.method, request.path
                        ),
                    ),
                }
            }
        }
    };
    tokio::time::sleep(reply.delay).await;
    let mut out = format!(
        "HTTP/1.1 {} X\r\ncontent-length: {}\r\nconnection: close\r\n",
        reply.status,
        reply.body.len()
    )
    .into_bytes();
    for (k, v) in &reply.headers {
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(&reply.body);
    sock.write_all(&out).await?;
    sock.shutdown().await
}

fn decode_pairs(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

/// `+` is a space and `%XX` a byte; a `%` not followed by two hex digits
/// stays as it is.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match s
                    .get(i + 1..i + 3)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// Sends `raw` and returns (status, body).
    async fn send(server: &Server, raw: &str) -> (u16, String) {
        let addr = server.url.trim_start_matches("http://");
        let mut sock = tokio::net::TcpStream::connect(addr).await.unwrap();
        sock.write_all(raw.as_bytes()).await.unwrap();
        let mut answer = Vec::new();
        sock.read_to_end(&mut answer).await.unwrap();
        let answer = String::from_utf8(answer).unwrap();
        let status = answer.split(' ').nth(1).unwrap().parse().unwrap();
        let body = answer.split_once("\r\n\r\n").unwrap().1.to_string();
        (status, body)
    }

    fn get(path: &str) -> String {
        format!("GET {path} HTTP/1.1\r\nhost: x\r\n\r\n")
    }

    #[tokio::test]
    async fn a_route_answers_its_replies_in_order_and_the_last_repeats() {
        let server = Server::start().await;
        server.on("GET", "/a", vec![Reply::json(503, "{}"), Reply::ok("[1]")]);
        assert_eq!(send(&server, &get("/a")).await, (503, "{}".into()));
        assert_eq!(send(&server, &get("/a?x=1")).await, (200, "[1]".into()));
        assert_eq!(send(&server, &get("/a")).await, (200, "[1]".into()));
        let (status, body) = send(&server, &get("/b")).await;
        assert_eq!(status, 404);
        assert!(body.contains("no route GET /b"), "{body}");
        assert_eq!(server.requests().len(), 4);
        assert_eq!(server.requests_to("GET", "/a").len(), 3);
    }

    #[tokio::test]
    async fn handlers_come_before_the_script_and_the_first_before_the_rest() {
        let server = Server::start().await;
        server.on("GET", "/a", vec![Reply::ok("script")]);
        let mut calls = 0;
        server.handle(move |r| {
            calls += 1;
            (r.param("n") == Some("1")).then(|| Reply::ok(format!("handler {calls}")))
        });
        server.handle_first(|r| (r.param("n") == Some("2")).then(|| Reply::ok("first")));
        assert_eq!(send(&server, &get("/a")).await.1, "script");
        assert_eq!(send(&server, &get("/a?n=1")).await.1, "handler 2");
        assert_eq!(send(&server, &get("/a?n=2")).await.1, "first");
    }

    #[tokio::test]
    async fn a_request_is_recorded_decoded() {
        let server = Server::start().await;
        let body = "status=caf%C3%A9+au+lait&in_reply_to_id=42";
        let raw = format!(
            "POST /api/v1/statuses?types%5B%5D=mention&types%5B%5D=reply&q=100%&limit=40 HTTP/1.1\r\n\
             Idempotency-Key: k-1\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        send(&server, &raw).await;
        let r = &server.requests_to("POST", "/api/v1/statuses")[0];
        assert_eq!(r.params("types[]"), ["mention", "reply"]);
        assert_eq!(r.param("q"), Some("100%"));
        assert_eq!(r.param("limit"), Some("40"));
        assert_eq!(r.param("absent"), None);
        assert_eq!(r.header("idempotency-key"), Some("k-1"));
        assert_eq!(r.form_value("status").as_deref(), Some("café au lait"));
        assert_eq!(r.form().len(), 2);
        assert_eq!(r.body, body.as_bytes());
        assert_eq!(r.json(), serde_json::Value::Null);
    }

    #[tokio::test]
    async fn headers_and_a_delay_are_sent() {
        let server = Server::start().await;
        server.on(
            "GET",
            "/slow",
            vec![
                Reply::ok("{}")
                    .header("retry-after", "1")
                    .delayed(Duration::from_millis(200)),
            ],
        );
        let addr = server.url.trim_start_matches("http://");
        let mut sock = tokio::net::TcpStream::connect(addr).await.unwrap();
        let started = std::time::Instant::now();
        sock.write_all(get("/slow").as_bytes()).await.unwrap();
        let mut answer = String::new();
        sock.read_to_string(&mut answer).await.unwrap();
        assert!(started.elapsed() >= Duration::from_millis(200));
        assert!(answer.starts_with("HTTP/1.1 200 "), "{answer}");
        assert!(answer.contains("\r\nretry-after: 1\r\n"), "{answer}");
        assert!(answer.contains("\r\ncontent-type: application/json\r\n"));
        assert!(answer.contains("\r\ncontent-length: 2\r\n"), "{answer}");
    }
}
