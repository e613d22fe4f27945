//! `cargo bench --bench sync`: one `palabre sync` over 10 Mastodon accounts
//! with 1,000 new mentions each, against a local server that speaks the
//! notifications API (pages of 40, `Link` headers, `since_id`/`max_id`).
//! Checks that every item is stored once, then that a second sync stores
//! nothing.

use criterion::{Criterion, criterion_group, criterion_main};
use palabre::channels::http::{Http, Policy};
use palabre::channels::{Connector, connect::connect};
use palabre::config::AccountEntry;
use palabre::inbox::Store;
use palabre::inbox::sync as supervisor;
use palabre::model::Channel;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const ACCOUNTS: usize = 10;
const ITEMS: u64 = 1000;
const PAGE: u64 = 40;

fn account(i: usize) -> String {
    format!(
        r#"{{"id":"{}","username":"fan{i}","acct":"fan{i}@elsewhere.example","display_name":"Fan {i}","url":"https://elsewhere.example/@fan{i}","followers_count":{},"bot":false,"locked":false,"note":"","avatar":"","header":"","emojis":[],"fields":[]}}"#,
        1000 + i,
        10 * i as u64 + 3
    )
}

/// Notification `n` (1-based; higher is newer) of instance `server`.
fn notification(server: u64, n: u64) -> String {
    let who = account((n % 97) as usize);
    format!(
        r#"{{"id":"{n}","type":"mention","created_at":"2026-11-20T{:02}:{:02}:00.000Z","account":{who},"status":{{"id":"{}","created_at":"2026-11-20T{:02}:{:02}:00.000Z","in_reply_to_id":null,"in_reply_to_account_id":null,"sensitive":false,"spoiler_text":"","visibility":"public","language":"en","uri":"https://elsewhere.example/s/{n}","url":"https://elsewhere.example/@fan/{n}","replies_count":0,"reblogs_count":1,"favourites_count":2,"content":"<p><span class=\"h-card\"><a href=\"https://social.example/@kettlo\" class=\"u-url mention\">@<span>kettlo</span></a></span> my kettle number {n} stopped working, any idea?</p>","account":{who},"media_attachments":[],"mentions":[{{"id":"1","username":"kettlo","acct":"kettlo","url":"https://social.example/@kettlo"}}],"tags":[],"emojis":[]}}}}"#,
        (n / 60) % 24,
        n % 60,
        (server + 1) * 1_000_000 + n,
        (n / 60) % 24,
        n % 60,
    )
}

fn query(path: &str, key: &str) -> Option<u64> {
    path.split(['?', '&'])
        .find_map(|kv| kv.strip_prefix(&format!("{key}=")))
        .and_then(|v| v.parse().ok())
}

async fn answer(server: u64, path: &str, base: &str) -> (String, String) {
    if path.starts_with("/api/v2/instance") {
        return (
            r#"{"domain":"social.example","configuration":{"statuses":{"max_characters":500}}}"#
                .into(),
            String::new(),
        );
    }
    if path.starts_with("/api/v1/notifications") {
        let since = query(path, "since_id").unwrap_or(0);
        let max = query(path, "max_id").unwrap_or(ITEMS + 1);
        let ids: Vec<u64> = (since + 1..max.min(ITEMS + 1))
            .rev()
            .take(PAGE as usize)
            .collect();
        let body = format!(
            "[{}]",
            ids.iter()
                .map(|n| notification(server, *n))
                .collect::<Vec<_>>()
                .join(",")
        );
        let link = match (ids.first(), ids.last()) {
            (Some(first), Some(last)) => format!(
                "<{base}/api/v1/notifications?max_id={last}>; rel=\"next\", <{base}/api/v1/notifications?min_id={first}>; rel=\"prev\""
            ),
            _ => String::new(),
        };
        return (body, link);
    }
    ("{}".into(), String::new())
}

/// A Mastodon-like server on 127.0.0.1 (one per account, like instances).
async fn serve(server: u64) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let b = base.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            let base = b.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16384];
                loop {
                    let Ok(n) = sock.read(&mut buf).await else {
                        return;
                    };
                    if n == 0 {
                        return;
                    }
                    let request = String::from_utf8_lossy(&buf[..n]);
                    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
                    let (body, link) = answer(server, &path, &base).await;
                    let mut head = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n",
                        body.len()
                    );
                    if !link.is_empty() {
                        head.push_str(&format!("link: {link}\r\n"));
                    }
                    if sock
                        .write_all(format!("{head}\r\n{body}").as_bytes())
                        .await
                        .is_err()
                    {
                        return;
                    }
                }
            });
        }
    });
    base
}

fn bench_sync(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    // SAFETY: set before any other thread of this benchmark reads it.
    unsafe { std::env::set_var("PALABRE_BENCH_TOKEN", "not-a-real-token") };
    let bases: Vec<String> = runtime.block_on(async {
        let mut v = Vec::new();
        for i in 0..ACCOUNTS {
            v.push(serve(i as u64).await);
        }
        v
    });
    let entries: Vec<AccountEntry> = bases
        .iter()
        .enumerate()
        .map(|(i, base)| AccountEntry {
            name: format!("kettlo-{i}"),
            network: Channel::Mastodon,
            base_url: Some(base.clone()),
            handle: "kettlo@social.example".into(),
            id: Some("1".into()),
            token_env: Some("PALABRE_BENCH_TOKEN".into()),
            token_file: None,
            poll_seconds: None,
        })
        .collect();
    let http = Http::new(Policy::default()).expect("http");
    let mut group = c.benchmark_group("sync");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    group.bench_function("sync_10_accounts_1000_items", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let dir = tempfile::tempdir().expect("dir");
                let db = dir.path().join("sync.db");
                drop(Store::open(&db).expect("store"));
                let connectors: Vec<Arc<dyn Connector>> = entries
                    .iter()
                    .map(|e| connect(e, &http).expect("connect"))
                    .collect();
                let start = Instant::now();
                let outcomes =
                    runtime.block_on(supervisor::sync_all(&db, connectors.clone(), "bench"));
                total += start.elapsed();
                let new: u64 = outcomes.iter().map(|o| o.new).sum();
                assert!(
                    outcomes
                        .iter()
                        .all(|o| o.state == palabre::model::SyncState::Ok),
                    "{outcomes:?}"
                );
                assert_eq!(new, ACCOUNTS as u64 * ITEMS, "every item stored once");
                let again = runtime.block_on(supervisor::sync_all(&db, connectors, "bench"));
                assert_eq!(again.iter().map(|o| o.new).sum::<u64>(), 0, "{again:?}");
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, bench_sync);
criterion_main!(benches);
