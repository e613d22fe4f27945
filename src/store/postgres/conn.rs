//! A synchronous connection over tokio-postgres.
//!
//! The store's API is synchronous and is called from inside the TUI's tokio
//! runtime, where the `postgres` crate (which blocks on a runtime of its own)
//! would panic. Here each connection's socket is driven by a task on one
//! small runtime of our own (one thread for every connection of the
//! process), and a call waits for its answer with a plain executor, which is
//! allowed anywhere: the caller's thread blocks as it does on SQLite.

use super::super::{Result, StoreError};
use futures_util::StreamExt;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;
use tokio_postgres::types::ToSql;
use tokio_postgres::{AsyncMessage, Client, NoTls, Notification, Row, Statement};

pub(crate) type Params<'a> = [&'a (dyn ToSql + Sync)];

/// The runtime that drives every connection's socket.
fn driver() -> &'static tokio::runtime::Runtime {
    static DRIVER: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    DRIVER.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("palabre-postgres")
            .enable_all()
            .build()
            // Without a thread for the sockets nothing works: say so at once.
            .unwrap_or_else(|e| panic!("cannot start the PostgreSQL driver thread: {e}"))
    })
}

/// Waits for `future` on the calling thread.
pub(crate) fn wait<F: std::future::Future>(future: F) -> F::Output {
    futures_executor::block_on(future)
}

/// Opens a connection whose socket a task of the current runtime drives;
/// its notifications (LISTEN) go to `notes` if given. The task ends, and
/// drops `notes`, when the connection is lost.
pub(crate) async fn connect_async(
    config: tokio_postgres::Config,
    notes: Option<tokio::sync::mpsc::UnboundedSender<Notification>>,
) -> std::result::Result<Client, tokio_postgres::Error> {
    let (client, mut connection) = config.connect(NoTls).await?;
    tokio::spawn(async move {
        let mut messages = futures_util::stream::poll_fn(|cx| connection.poll_message(cx));
        while let Some(message) = messages.next().await {
            match message {
                Ok(AsyncMessage::Notification(n)) => {
                    if let Some(notes) = &notes {
                        let _ = notes.send(n);
                    }
                }
                Ok(_) => {}
                // The connection is gone: the listener sees its channel
                // close, the store's next call fails with the reason.
                Err(_) => break,
            }
        }
    });
    Ok(client)
}

/// Opens a connection for the store's synchronous calls.
pub(crate) fn connect(url: &str) -> Result<Client> {
    let config = parse(url)?;
    match wait(driver().spawn(connect_async(config, None))) {
        Ok(Ok(client)) => Ok(client),
        Ok(Err(e)) => Err(StoreError::Server {
            url: redact(url),
            reason: format!("cannot open the store: {}", StoreError::from(e)),
        }),
        Err(e) => Err(StoreError::Invalid(format!(
            "{}: the connection task failed: {e}",
            redact(url)
        ))),
    }
}

pub(crate) fn parse(url: &str) -> Result<tokio_postgres::Config> {
    url.parse()
        .map_err(|e| StoreError::Invalid(format!("{}: {e}", redact(url))))
}

pub(crate) fn spawn<F>(future: F) -> tokio::task::JoinHandle<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    driver().spawn(future)
}

/// A URL as it may be shown: without its password.
pub fn redact(url: &str) -> String {
    hide_password(url)
}

fn hide_password(url: &str) -> String {
    // postgres://user:secret@host/db → postgres://user:***@host/db
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (auth, host) = match rest.rsplit_once('@') {
        Some(parts) => parts,
        None => return hide_query_password(url),
    };
    let auth = match auth.split_once(':') {
        Some((user, _)) => format!("{user}:***"),
        None => auth.to_string(),
    };
    hide_query_password(&format!("{scheme}://{auth}@{host}"))
}

fn hide_query_password(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_string();
    };
    let query: Vec<String> = query
        .split('&')
        .map(|kv| match kv.split_once('=') {
            Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
            _ => kv.to_string(),
        })
        .collect();
    format!("{base}?{}", query.join("&"))
}

/// One connection with its prepared statements.
pub(crate) struct Conn {
    client: Client,
    prepared: RefCell<HashMap<String, Statement>>,
}

impl Conn {
    pub(crate) fn open(url: &str) -> Result<Conn> {
        Ok(Conn {
            client: connect(url)?,
            prepared: RefCell::new(HashMap::new()),
        })
    }

    /// The statement for `sql`, prepared once per connection.
    fn statement(&self, sql: &str) -> Result<Statement> {
        if let Some(s) = self.prepared.borrow().get(sql) {
            return Ok(s.clone());
        }
        let s = wait(self.client.prepare(sql))?;
        let mut prepared = self.prepared.borrow_mut();
        // Filters make many shapes of queries: keep the cache bounded.
        if prepared.len() > 500 {
            prepared.clear();
        }
        prepared.insert(sql.to_string(), s.clone());
        Ok(s)
    }

    pub(crate) fn query(&self, sql: &str, params: &Params<'_>) -> Result<Vec<Row>> {
        let s = self.statement(sql)?;
        Ok(wait(self.client.query(&s, params))?)
    }

    pub(crate) fn query_opt(&self, sql: &str, params: &Params<'_>) -> Result<Option<Row>> {
        let s = self.statement(sql)?;
        Ok(wait(self.client.query_opt(&s, params))?)
    }

    pub(crate) fn query_one(&self, sql: &str, params: &Params<'_>) -> Result<Row> {
        let s = self.statement(sql)?;
        Ok(wait(self.client.query_one(&s, params))?)
    }

    /// The first column of the one row `sql` returns.
    pub(crate) fn value<T>(&self, sql: &str, params: &Params<'_>) -> Result<T>
    where
        T: for<'a> tokio_postgres::types::FromSql<'a>,
    {
        Ok(self.query_one(sql, params)?.try_get(0)?)
    }

    pub(crate) fn execute(&self, sql: &str, params: &Params<'_>) -> Result<u64> {
        let s = self.statement(sql)?;
        Ok(wait(self.client.execute(&s, params))?)
    }

    /// Statements without parameters, run as they are (BEGIN, DDL).
    pub(crate) fn batch(&self, sql: &str) -> Result<()> {
        Ok(wait(self.client.batch_execute(sql))?)
    }

    /// Starts a transaction that rolls back unless committed.
    pub(crate) fn begin(&self) -> Result<Tx<'_>> {
        self.batch("BEGIN")?;
        Ok(Tx {
            conn: self,
            done: false,
        })
    }

    /// Sends `data` (COPY text format) to `sql` (a COPY … FROM STDIN).
    pub(crate) fn copy_in(&self, sql: &str, data: Vec<u8>) -> Result<u64> {
        use futures_util::SinkExt;
        let s = self.statement(sql)?;
        wait(async {
            let sink = self.client.copy_in::<_, bytes::Bytes>(&s).await?;
            futures_util::pin_mut!(sink);
            sink.send(bytes::Bytes::from(data)).await?;
            sink.finish().await
        })
        .map_err(StoreError::from)
    }
}

/// A transaction on a `Conn`: ROLLBACK when dropped without `commit`.
pub(crate) struct Tx<'a> {
    conn: &'a Conn,
    done: bool,
}

impl<'a> Tx<'a> {
    /// The connection, usable after the transaction ends.
    pub(crate) fn conn(&self) -> &'a Conn {
        self.conn
    }

    pub(crate) fn commit(mut self) -> Result<()> {
        self.done = true;
        self.conn.batch("COMMIT")
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        self.conn
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if !self.done {
            let _ = self.conn.batch("ROLLBACK");
        }
    }
}
