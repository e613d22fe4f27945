//! Live updates: a connection that LISTENs on the `palabre` channel and
//! hands each change to the TUI as a `Notice`. Once listening, it catches
//! up from the event log (every change a person makes is an event) since
//! the last event it knows, then says `listening` (the first time) or
//! `resync` (after a dropped connection, so that the screen reloads
//! whatever else it missed: imports, presence).

use super::conn::{Settings, connect_async, parse, spawn};
use super::{CHANNEL, Result};
use crate::store::Notice;
use std::time::Duration;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

/// The notices of other processes' changes, while it lives.
pub struct Listener {
    notices: UnboundedReceiver<Notice>,
    task: tokio::task::JoinHandle<()>,
}

impl Listener {
    /// The next notice (None: the listener stopped).
    pub async fn recv(&mut self) -> Option<Notice> {
        self.notices.recv().await
    }

    /// A notice already there, without waiting.
    pub fn try_recv(&mut self) -> Option<Notice> {
        self.notices.try_recv().ok()
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// How long the listener waits before connecting again.
const RETRY: Duration = Duration::from_millis(500);

/// Starts listening on `url`; notices of events after `last_event` are
/// caught up after a reconnection.
pub fn listen(url: &str, last_event: i64) -> Result<Listener> {
    let settings = parse(url)?;
    let (out, notices) = unbounded_channel();
    let task = spawn(async move {
        let mut last = last_event;
        let mut first = true;
        while !out.is_closed() {
            // Whatever ended the session (a restart of the server, a
            // network cut), the next one catches up.
            let _ = session(&settings, &out, &mut last, first).await;
            first = false;
            tokio::time::sleep(RETRY).await;
        }
    });
    Ok(Listener { notices, task })
}

/// One connection's life: LISTEN, catch up if it is not the first, then
/// pass notices on until the connection drops.
async fn session(
    settings: &Settings,
    out: &UnboundedSender<Notice>,
    last: &mut i64,
    first: bool,
) -> std::result::Result<(), tokio_postgres::Error> {
    let (notes_tx, mut notes) = unbounded_channel();
    let client = connect_async(settings.clone(), Some(notes_tx)).await?;
    client.batch_execute(&format!("LISTEN {CHANNEL}")).await?;
    // From here on nothing is missed: what was committed since `last`
    // (before this connection, or while it was down) comes from the log.
    {
        let rows = client
            .query(
                "SELECT id, conv_id, actor, kind FROM events WHERE id > $1 ORDER BY id LIMIT 10000",
                &[&*last],
            )
            .await?;
        for r in rows {
            let notice = Notice {
                event: r.try_get(0)?,
                conversation: r.try_get(1)?,
                actor: r.try_get(2)?,
                kind: r.try_get(3)?,
            };
            *last = notice.event;
            let _ = out.send(notice);
        }
        let _ = out.send(Notice {
            event: 0,
            conversation: 0,
            actor: String::new(),
            kind: if first { "listening" } else { "resync" }.into(),
        });
    }
    while let Some(n) = notes.recv().await {
        if let Ok(notice) = serde_json::from_str::<Notice>(n.payload()) {
            // Already read from the log: each change once.
            if notice.event > 0 && notice.event <= *last {
                continue;
            }
            *last = (*last).max(notice.event);
            if out.send(notice).is_err() {
                break;
            }
        }
    }
    Ok(())
}
