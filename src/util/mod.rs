//! Small helpers with no domain knowledge, shared by the commands and the
//! library: [`fs::write_atomic`] for every file moulint writes, and
//! [`suggest::did_you_mean`] for every "unknown id" message, and
//! [`date`] for calendar dates, [`ordered::map_in_order`] for work done
//! in parallel and consumed in order, and [`position::line_col`] for messages
//! about files that are not drafts.

pub mod date;
pub mod fs;
pub mod ordered;
pub mod position;
pub mod suggest;
