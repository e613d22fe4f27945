//! The interface's languages live in `crate::i18n`, below the app, so that
//! the app can speak them without reaching up into the drawing code.

pub use crate::i18n::Lang;
