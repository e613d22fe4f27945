//! A scripted HTTP server on 127.0.0.1 for the clients' tests: each route
//! answers from its own list of replies (the last one repeats), and every
//! request is recorded (method, path, query, headers, body) so a test can
//! check what a client sent.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }

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

#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// Waited before answering (after the request was read): longer than the
    /// client's time-out makes "no answer after the request arrived".
    pub delay: Duration,
}

impl Reply {
    pub fn json(status: u16, body: impl Into<String>) -> Reply {
        Reply {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    pub fn ok(body: impl Into<String>) -> Reply {
        Reply::json(200, body)
    }

    pub fn fixture(path: &str) -> Reply {
        Reply::ok(String::from_utf8_lossy(&super::testing::fixture(path)).into_owned())
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

type Handler = Box<dyn Fn(&Request) -> Option<Reply> + Send + Sync>;

#[derive(Default)]
struct Routes {
    /// (method, path) → replies in order; the last repeats.
    script: HashMap<(String, String), Vec<Reply>>,
    served: HashMap<(String, String), usize>,
    /// Asked before the script: a reply computed from the request.
    handlers: Vec<Handler>,
}

#[derive(Clone)]
pub struct Server {
    pub url: String,
    routes: Arc<Mutex<Routes>>,
    log: Arc<Mutex<Vec<Request>>>,
}

impl Server {
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

    /// A reply computed from the request, asked before the script (None:
    /// the script answers).
    pub fn handle(&self, f: impl Fn(&Request) -> Option<Reply> + Send + Sync + 'static) {
        self.routes
            .lock()
            .expect("routes")
            .handlers
            .push(Box::new(f));
    }

    /// Like [`Server::handle`], asked before every handler given so far.
    pub fn handle_first(&self, f: impl Fn(&Request) -> Option<Reply> + Send + Sync + 'static) {
        self.routes
            .lock()
            .expect("routes")
            .handlers
            .insert(0, Box::new(f));
    }

    pub fn requests(&self) -> Vec<Request> {
        self.log.lock().expect("log").clone()
    }

    /// The requests made to `method path`.
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
        let computed = routes.handlers.iter().find_map(|h| h(&request));
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
    );
    for (k, v) in &reply.headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    out.push_str(&reply.body);
    sock.write_all(out.as_bytes()).await?;
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
                    .ok_or(())
                {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The clients' HTTP for tests: quick retries, and a time-out short enough
/// for a test yet long enough for a busy machine.
pub fn http() -> super::http::Http {
    super::http::Http::new(super::http::Policy {
        attempts: 3,
        backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(50),
        timeout: Duration::from_millis(1500),
        max_wait: Duration::from_secs(3),
    })
    .expect("http client")
}

/// Longer than [`http`]'s time-out: the answer never reaches the client.
pub const TOO_LATE: Duration = Duration::from_secs(3);

/// A store in a temporary directory, and what tests need from it.
pub mod store {
    use crate::inbox::Store;
    use crate::store::Change;
    use std::path::PathBuf;

    pub struct TempStore {
        pub _dir: tempfile::TempDir,
        pub path: PathBuf,
    }

    pub fn temp() -> TempStore {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("palabre.db");
        Store::open(&path).expect("open store");
        TempStore { _dir: dir, path }
    }

    impl TempStore {
        /// The SQLite store itself: the counts below are its own.
        pub fn open(&self) -> Store<crate::store::Sqlite> {
            Store::sqlite(&self.path, Default::default()).expect("open store")
        }

        /// Queues `text` in the conversation holding `channel:ext_id`.
        pub fn queue_reply(&self, reference: &str, text: &str) -> i64 {
            let mut store = self.open();
            let conv = store.resolve_conversation(reference).expect("conversation");
            store
                .apply(
                    conv,
                    Change::QueueReply {
                        text: text.to_string(),
                    },
                    "test",
                )
                .expect("queue");
            conv
        }

        /// (status, remote id, error) of every outbox row.
        pub fn outbox(&self) -> Vec<(String, Option<String>, Option<String>)> {
            let store = self.open();
            store.outbox_rows_for_tests()
        }

        pub fn message_count(&self) -> i64 {
            self.open().message_count_for_tests()
        }

        pub fn cursor(&self, account: &str) -> Option<String> {
            self.open().account_cursor(account).expect("cursor")
        }
    }
}
