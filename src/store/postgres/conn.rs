//! A synchronous connection over tokio-postgres.
//!
//! The store's API is synchronous and is called from inside the TUI's tokio
//! runtime, where the `postgres` crate (which blocks on a runtime of its own)
//! would panic. Here each connection's socket is driven by a task on one
//! small runtime of our own (one thread for every connection of the
//! process), and a call waits for its answer with a plain executor, which is
//! allowed anywhere: the caller's thread blocks as it does on SQLite.

use super::super::{Result, StoreError};
use super::tls::{Sources, SslMode, Tls};
use futures_util::StreamExt;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;
use tokio_postgres::types::ToSql;
use tokio_postgres::{AsyncMessage, Client, Notification, Row, Statement};

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
    settings: Settings,
    notes: Option<tokio::sync::mpsc::UnboundedSender<Notification>>,
) -> std::result::Result<Client, tokio_postgres::Error> {
    let (client, mut connection) = settings.config.connect(settings.tls).await?;
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
    let settings = parse(url)?;
    let mode = settings.tls.mode;
    match wait(driver().spawn(connect_async(settings, None))) {
        Ok(Ok(client)) => Ok(client),
        Ok(Err(e)) => Err(StoreError::Server {
            url: redact(url),
            reason: format!("cannot open the store: {}", unreachable_reason(&e, mode)),
        }),
        Err(e) => Err(StoreError::Invalid(format!(
            "{}: the connection task failed: {e}",
            redact(url)
        ))),
    }
}

/// Why a connection could not be made, with what to do when the server
/// refused encryption that sslmode requires.
fn unreachable_reason(e: &tokio_postgres::Error, mode: SslMode) -> String {
    let reason = super::postgres_message(e);
    if mode.requires_tls() && reason.contains("server does not support TLS") {
        format!(
            "the server does not accept encrypted connections, and sslmode={} requires one: turn ssl on in the server's postgresql.conf (see the README), or lower sslmode",
            mode.as_str()
        )
    } else {
        reason
    }
}

/// What a connection needs: tokio-postgres's settings and the TLS to use.
#[derive(Clone)]
pub(crate) struct Settings {
    pub config: tokio_postgres::Config,
    pub tls: Tls,
}

/// The URL as a connection's settings. TLS as libpq does it (`tls`); without
/// a password in it, the password comes from PGPASSWORD or ~/.pgpass
/// (PGPASSFILE), as psql takes it, so that it need not be written in a URL,
/// a config or a history.
pub(crate) fn parse(url: &str) -> Result<Settings> {
    let (rest, tls) = super::tls::from_url(url, &Sources::process())
        .map_err(|e| StoreError::Invalid(format!("{}: {e}", redact(url))))?;
    let mut config: tokio_postgres::Config = rest
        .parse()
        .map_err(|e| StoreError::Invalid(format!("{}: {e}", redact(url))))?;
    // The server never encrypts its Unix socket; libpq does not ask there.
    let local = config
        .get_hosts()
        .iter()
        .all(|h| !matches!(h, tokio_postgres::config::Host::Tcp(_)));
    config.ssl_mode(if local {
        tokio_postgres::config::SslMode::Disable
    } else {
        tls.mode.negotiation()
    });
    if config.get_password().is_none()
        && let Some(password) = std::env::var("PGPASSWORD")
            .ok()
            .filter(|p| !p.is_empty())
            .or_else(|| pgpass(&config))
    {
        config.password(password);
    }
    Ok(Settings { config, tls })
}

/// The password ~/.pgpass gives for these settings: the first line whose
/// host, port, database and user match (`*` matches anything).
fn pgpass(config: &tokio_postgres::Config) -> Option<String> {
    let file = std::env::var_os("PGPASSFILE")
        .map(std::path::PathBuf::from)
        .or_else(|| dirs::home_dir().map(|h| h.join(".pgpass")))?;
    let text = std::fs::read_to_string(file).ok()?;
    let host = match config.get_hosts().first() {
        Some(tokio_postgres::config::Host::Tcp(h)) => h.clone(),
        _ => "localhost".to_string(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let database = config.get_dbname().unwrap_or_default();
    let user = config.get_user().unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .find_map(|line| {
            let fields = split_pgpass(line);
            let [h, p, d, u, password] = fields.as_slice() else {
                return None;
            };
            let fits = |pattern: &str, value: &str| pattern == "*" || pattern == value;
            (fits(h, &host) && fits(p, &port) && fits(d, database) && fits(u, user))
                .then(|| password.clone())
        })
}

/// A .pgpass line's fields: `:` separates, `\:` and `\\` escape.
fn split_pgpass(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(next), Some(field)) = (chars.next(), fields.last_mut()) {
                    field.push(next);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => {
                if let Some(field) = fields.last_mut() {
                    field.push(c);
                }
            }
        }
    }
    fields
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
            Some((k, _))
                if k.eq_ignore_ascii_case("password") || k.eq_ignore_ascii_case("sslpassword") =>
            {
                format!("{k}=***")
            }
            _ => kv.to_string(),
        })
        .collect();
    format!("{base}?{}", query.join("&"))
}

/// One connection with its prepared statements.
pub(crate) struct Conn {
    client: std::sync::Arc<Client>,
    prepared: RefCell<HashMap<String, Statement>>,
    /// Work sent without waiting for it (`copy_behind`): every other call
    /// waits for it first, and fails with its error.
    behind:
        RefCell<Option<tokio::task::JoinHandle<std::result::Result<(), tokio_postgres::Error>>>>,
}

impl Conn {
    pub(crate) fn open(url: &str) -> Result<Conn> {
        Ok(Conn {
            client: std::sync::Arc::new(connect(url)?),
            prepared: RefCell::new(HashMap::new()),
            behind: RefCell::new(None),
        })
    }

    /// Waits for the work sent behind, if any.
    fn settle(&self) -> Result<()> {
        let Some(task) = self.behind.borrow_mut().take() else {
            return Ok(());
        };
        match wait(task) {
            Ok(done) => Ok(done?),
            Err(e) => Err(StoreError::Invalid(format!(
                "the connection's task failed: {e}"
            ))),
        }
    }

    /// Sends `data` to `sql` (a COPY … FROM STDIN), then runs `then`,
    /// without waiting: the caller prepares the next batch while the server
    /// takes this one in. The next call on the connection waits for it.
    pub(crate) fn copy_behind(&self, sql: &str, data: Vec<u8>, then: String) -> Result<()> {
        use futures_util::SinkExt;
        let statement = self.statement(sql)?;
        let client = self.client.clone();
        let task = spawn(async move {
            let sink = client.copy_in::<_, bytes::Bytes>(&statement).await?;
            futures_util::pin_mut!(sink);
            sink.send(bytes::Bytes::from(data)).await?;
            sink.finish().await?;
            client.batch_execute(&then).await
        });
        *self.behind.borrow_mut() = Some(task);
        Ok(())
    }

    /// The statement for `sql`, prepared once per connection.
    fn statement(&self, sql: &str) -> Result<Statement> {
        self.settle()?;
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
        self.settle()?;
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
            // Whatever was sent behind failed or not, the transaction ends.
            let _ = self.conn.settle();
            let _ = self.conn.batch("ROLLBACK");
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_password_comes_from_pgpass_when_the_url_has_none() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pgpass");
        std::fs::write(
            &file,
            "# the team\nother:5432:*:*:nope\ninbox.example.org:5432:palabre:lea:s\\:cret\n",
        )
        .unwrap();
        let config: tokio_postgres::Config =
            "postgres://lea@inbox.example.org/palabre".parse().unwrap();
        // SAFETY: this test alone reads PGPASSFILE in this process.
        unsafe { std::env::set_var("PGPASSFILE", &file) };
        assert_eq!(super::pgpass(&config).as_deref(), Some("s:cret"));
        let other: tokio_postgres::Config =
            "postgres://sam@inbox.example.org/palabre".parse().unwrap();
        assert_eq!(super::pgpass(&other), None);
        unsafe { std::env::remove_var("PGPASSFILE") };
        assert_eq!(
            super::redact("postgres://lea:secret@h/db"),
            "postgres://lea:***@h/db"
        );
        assert_eq!(
            super::redact("postgresql:///db?host=/run/postgresql&password=x"),
            "postgresql:///db?host=/run/postgresql&password=***"
        );
    }
}
