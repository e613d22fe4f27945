//! The service layer: what every way in (import, sync, the TUI's background
//! sync) shares, so that a message is treated the same however it arrives —
//! scored with what people taught, stored, crisis-scanned, then met by the
//! automation rules. Below it the store is only SQL (`store`), the judgement
//! only triage (`triage`).

pub mod automation;
pub mod contacts;
pub mod crisis;
pub mod import;
mod learning;
pub mod policy;
pub mod sample;
pub mod sync;

pub use automation::Automation;
pub use import::{FileOutcome, ImportError, ImportOptions};
pub use policy::Triage;

use crate::config::SlaSection;
use crate::model::{ConversationDetail, Direction, Message, Scores};
use crate::store::{Database, ImportReport, Postgres, Result, Sqlite, postgres};
use crate::triage::learn::{CATEGORY_MODEL, COMPLAINT_MODEL, Learned, SENTIMENT_MODEL};
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The inbox: a store (any backend; `Sqlite` by default), with the triage
/// it ranks and scores with.
pub struct Store<D: ?Sized + Database = dyn Database> {
    db: Box<D>,
    /// Where it was opened, to open it again from another thread.
    path: PathBuf,
    policy: Arc<Triage>,
    /// The learned models as last loaded, with the revision they were at.
    learned: RefCell<Option<(i64, Arc<Learned>)>>,
    /// The automation rules new messages meet (none by default).
    automation: Arc<Automation>,
}

/// What the end of an arrival did: conversations the crisis scan flagged,
/// and what the automation rules did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Arrived {
    pub flagged: usize,
    pub rules: Vec<automation::Applied>,
}

impl Store {
    /// Opens the store at `path` with the default targets and hours.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, SlaSection::default())
    }

    /// Opens the store at `path`, counting waiting against `sla`: a
    /// `postgres://` URL opens the team's shared store on that server,
    /// anything else the embedded store in that file.
    pub fn open_with(path: &Path, sla: SlaSection) -> Result<Store> {
        if let Some(url) = path.to_str().filter(|p| postgres::is_url(p)) {
            let policy = Arc::new(Triage::new(sla));
            let db: Box<dyn Database> = Box::new(Postgres::open(url, policy.clone())?);
            return Ok(Store {
                db,
                path: path.to_path_buf(),
                policy,
                learned: RefCell::new(None),
                automation: Arc::new(Automation::default()),
            });
        }
        let sqlite = Store::<Sqlite>::sqlite(path, sla)?;
        Ok(Store {
            db: sqlite.db,
            path: sqlite.path,
            policy: sqlite.policy,
            learned: sqlite.learned,
            automation: sqlite.automation,
        })
    }
}

impl Store<Sqlite> {
    /// The embedded store itself, for what only SQLite has (its tests).
    pub fn sqlite(path: &Path, sla: SlaSection) -> Result<Store<Sqlite>> {
        let policy = Arc::new(Triage::new(sla));
        let db = Box::new(Sqlite::open(path, policy.clone())?);
        Ok(Store {
            db,
            path: path.to_path_buf(),
            policy,
            learned: RefCell::new(None),
            automation: Arc::new(Automation::default()),
        })
    }
}

impl<D: ?Sized + Database> Store<D> {
    /// Where the store was opened.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Counts waiting against other targets and hours from now on.
    pub fn set_sla(&mut self, sla: SlaSection) {
        self.policy = Arc::new(Triage::new(sla));
        self.db.set_policy(self.policy.clone());
    }

    pub fn sla(&self) -> &SlaSection {
        self.policy.sla()
    }

    /// The automation rules new messages meet from now on.
    pub fn set_automation(&mut self, automation: Arc<Automation>) {
        self.automation = automation;
    }

    pub fn automation(&self) -> Arc<Automation> {
        self.automation.clone()
    }

    /// The learned models, loaded again only when someone saved a model.
    pub fn learned(&self) -> Result<Arc<Learned>> {
        let revision = self.db.models_revision()?;
        if let Some((r, learned)) = &*self.learned.borrow()
            && *r == revision
        {
            return Ok(learned.clone());
        }
        let load = |name: &str| -> Result<_> {
            Ok(self
                .db
                .model_weights(name)?
                .and_then(|b| learning::decode(name, &b)))
        };
        let learned = Arc::new(Learned {
            sentiment: load(SENTIMENT_MODEL)?,
            complaint: load(COMPLAINT_MODEL)?,
            category: load(CATEGORY_MODEL)?,
        });
        *self.learned.borrow_mut() = Some((revision, learned.clone()));
        Ok(learned)
    }

    /// A message's scores as the queue keeps them (none for our own).
    pub fn score(&self, m: &Message) -> Result<Option<Scores>> {
        Ok(self.learned()?.scores_for(m))
    }

    /// Imports a batch in one transaction, scored like any import (for
    /// tests and small batches; files go through `import::import_reader`,
    /// and `arrived` scans for a crisis afterwards).
    pub fn import_messages(
        &mut self,
        messages: &[Message],
        actor: &str,
        source: &str,
    ) -> Result<ImportReport> {
        let learned = self.learned()?;
        let mut importer = self.db.importer(actor, source)?;
        for m in messages {
            importer.add_scored(m, learned.scores_for(m).as_ref())?;
        }
        importer.finish()
    }

    /// What every arrival ends with, however the messages came: a crisis
    /// scan when anything is new or changed, then the automation rules on
    /// each new message (claimed from the store: each meets them once,
    /// whichever process gets there first).
    pub fn arrived(&mut self, report: &ImportReport) -> Result<Arrived> {
        if report.new + report.updated == 0 {
            return Ok(Arrived::default());
        }
        let flagged = crisis::scan(self, crisis::DETECTOR)?;
        let rules = if report.new > 0 {
            let automation = self.automation.clone();
            automation::run(self, &automation, chrono::Utc::now())?
        } else {
            Vec::new()
        };
        Ok(Arrived { flagged, rules })
    }

    /// A conversation with what the learned models suggest for it.
    pub fn conversation(&self, conv: i64) -> Result<ConversationDetail> {
        let mut detail = self.db.conversation(conv)?;
        // The latest inbound messages say what the conversation is about now
        // (and a long thread must not be scored whole at every opening).
        let mut inbound: Vec<&Message> = detail
            .messages
            .iter()
            .map(|m| &m.message)
            .filter(|m| m.direction == Direction::Inbound)
            .collect();
        inbound.sort_by_key(|m| std::cmp::Reverse(m.created_at));
        detail.learned_categories = self.learned()?.categories(
            inbound
                .iter()
                .take(20)
                .map(|m| (m.text.as_str(), m.lang.as_deref())),
        );
        detail.suggested_categories = suggested(
            &crate::triage::categories::Rules::default(),
            &detail.messages,
        );
        Ok(detail)
    }
}

/// The categories `rules` suggest for a conversation's latest inbound
/// messages (the ones the tag pane reads).
pub fn suggested(
    rules: &crate::triage::categories::Rules,
    messages: &[crate::model::StoredMessage],
) -> Vec<crate::model::SuggestedCategory> {
    let mut inbound: Vec<&Message> = messages
        .iter()
        .map(|m| &m.message)
        .filter(|m| m.direction == Direction::Inbound)
        .collect();
    inbound.sort_by_key(|m| std::cmp::Reverse(m.created_at));
    let text: Vec<&str> = inbound.iter().take(20).map(|m| m.text.as_str()).collect();
    rules
        .suggest(&text.join("\n"))
        .into_iter()
        .map(|s| crate::model::SuggestedCategory {
            category: s.category,
            reasons: s.reasons,
        })
        .collect()
}

/// The store's own API, through the inbox.
impl<D: ?Sized + Database> std::ops::Deref for Store<D> {
    type Target = D;
    fn deref(&self) -> &D {
        &self.db
    }
}

impl<D: ?Sized + Database> std::ops::DerefMut for Store<D> {
    fn deref_mut(&mut self) -> &mut D {
        &mut self.db
    }
}
