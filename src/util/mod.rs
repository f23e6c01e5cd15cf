//! Small helpers with no domain knowledge, shared by the commands and the
//! library: [`fs::write_atomic`] for every file moulint writes, and
//! [`suggest::did_you_mean`] for every "unknown id" message, and
//! [`date`] for calendar dates.

pub mod date;
pub mod fs;
pub mod suggest;
