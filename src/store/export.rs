//! Export of every message, conversation by conversation, in time order.

use super::conversation::{MESSAGE_COLUMNS, message_from_row_at};
use super::{Result, Sqlite};
use crate::model::Message;

impl Sqlite {
    /// Calls `each` with every message and its conversation id, conversation
    /// after conversation, in time order inside each.
    pub fn for_each_message(
        &self,
        mut each: impl FnMut(i64, &Message) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT conv_id, {MESSAGE_COLUMNS} FROM messages ORDER BY conv_id, created_at, id"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let conv: i64 = row.get(0)?;
            let message = message_from_row_at(row, 1)?;
            each(conv, &message)?;
        }
        Ok(())
    }
}
