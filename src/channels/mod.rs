//! The networks: one module per network (a pure parser of its native JSON
//! and a client), behind the `Connector` trait; `supervisor` runs them.

pub mod account;
pub mod connector;
pub mod http;
pub mod supervisor;

pub use connector::{BoxFuture, Connector, Outgoing, Page, Sent};
pub use http::ChannelError;
