//! Small helpers with no domain knowledge, shared by the commands and the
//! library: [`fs::write_atomic`] for every file moulint writes, and
//! [`suggest::did_you_mean`] for every "unknown id" message, and
//! [`date`] for calendar dates, and [`position::line_col`] for messages
//! about files that are not drafts.

pub mod date;
pub mod fs;
pub mod position;
pub mod suggest;
