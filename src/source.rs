//! Reading a file's bytes and mapping byte offsets to lines and columns.

use crate::diagnostic::Span;

/// The bytes of one input file, decoded. Offsets everywhere in moulint are
/// byte offsets into `text`, which is the file exactly as read (a byte order
/// mark, CRLF line ends and tabs are kept), so they are offsets in the file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    line_starts: Vec<usize>,
}

/// Why a file could not be turned into text.
#[derive(Debug, Clone)]
pub enum ReadError {
    /// No file or directory at the path.
    NotFound,
    /// The file could not be read at all (permissions, a directory), in
    /// plain words.
    Io(String),
    /// A document format moulint does not read (Word, PDF, ...), known by
    /// its first bytes or its extension: `what` names it ("a Word
    /// document").
    Binary { what: &'static str },
    /// The bytes are not UTF-8; `offset` is the first bad byte, `line` and
    /// `column` are counted over the valid prefix, which is kept so that
    /// the finding can still be shown in context.
    Encoding {
        offset: usize,
        line: usize,
        column: usize,
        prefix: String,
    },
    /// The file is larger than we are willing to hold in memory.
    TooLarge { size: u64, limit: u64 },
}

impl ReadError {
    /// Why, in a few plain words ("it does not exist", "it is a PDF
    /// file"), for messages about a file other than the one checked.
    pub fn describe(&self) -> String {
        match self {
            ReadError::NotFound => "it does not exist".into(),
            ReadError::Io(m) => m.clone(),
            ReadError::Binary { what } => format!("it is {what}, not text"),
            ReadError::Encoding { line, column, .. } => {
                format!("it is not valid UTF-8 (line {line}, column {column})")
            }
            ReadError::TooLarge { size, limit } => {
                format!("it is {size} bytes, over the {limit}-byte limit")
            }
        }
    }

    /// An I/O error in plain words (no "os error 2").
    pub fn io(e: &std::io::Error) -> ReadError {
        use std::io::ErrorKind;
        match e.kind() {
            ErrorKind::NotFound => ReadError::NotFound,
            ErrorKind::PermissionDenied => ReadError::Io("permission denied".into()),
            _ => {
                let m = e.to_string();
                let plain = m.split(" (os error").next().unwrap_or(&m);
                ReadError::Io(plain.to_lowercase())
            }
        }
    }
}

/// A document format that is not text moulint reads, by its first bytes
/// (or, for the ones that are text, its extension).
fn binary_format(path: &std::path::Path, bytes: &[u8]) -> Option<&'static str> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let by_ext = |e: &str| match e {
        "docx" | "docm" | "dotx" => Some("a Word document"),
        "doc" => Some("a Word 97-2003 document"),
        "odt" => Some("an OpenDocument text"),
        "pdf" => Some("a PDF file"),
        "rtf" => Some("a Rich Text file"),
        "pages" => Some("a Pages document"),
        _ => None,
    };
    if bytes.starts_with(b"%PDF") {
        return Some("a PDF file");
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Some(ext.as_deref().and_then(by_ext).unwrap_or("a ZIP archive"));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Some("a Word 97-2003 document");
    }
    if bytes.starts_with(b"{\\rtf") {
        return Some("a Rich Text file");
    }
    if let Some(what) = ext.as_deref().and_then(by_ext) {
        return Some(what);
    }
    // Text has no NUL bytes; UTF-16 and binaries do.
    bytes[..bytes.len().min(8192)]
        .contains(&0)
        .then_some("a binary file (or UTF-16 text)")
}

/// Files above this size are refused unless `--max-file-size` says
/// otherwise: no real MOU comes near it (a long one is under 1 MB), and a
/// runaway file should not take the whole run down with it.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// Reads at most `limit` bytes from `r`: [`ReadError::TooLarge`] past it.
/// The limit holds while reading, whatever the file's size said before.
pub fn read_bounded(r: impl std::io::Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let mut bytes = Vec::new();
    r.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::io(&e))?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Opens a regular file for reading, never blocking: a FIFO, a device or
/// a socket is refused before anything is read from it.
fn open_regular(path: &std::path::Path) -> Result<std::fs::File, ReadError> {
    let not_regular =
        || ReadError::Io("it is not a regular file (a FIFO, device or socket)".into());
    // `metadata` follows symbolic links: what is read is what they name.
    let meta = std::fs::metadata(path).map_err(|e| ReadError::io(&e))?;
    if meta.is_dir() {
        return Err(ReadError::Io("it is a directory".into()));
    }
    if !meta.is_file() {
        return Err(not_regular());
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // Opening a FIFO for reading waits for a writer unless this is set;
        // the file may have been swapped for one since `metadata`.
        use std::os::unix::fs::OpenOptionsExt;
        #[cfg(any(target_os = "linux", target_os = "android"))]
        const O_NONBLOCK: i32 = 0o4000;
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        const O_NONBLOCK: i32 = 0x0004;
        options.custom_flags(O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| ReadError::io(&e))?;
    match file.metadata() {
        Ok(m) if m.is_file() => Ok(file),
        Ok(_) => Err(not_regular()),
        Err(e) => Err(ReadError::io(&e)),
    }
}

impl SourceFile {
    /// A file's text. A carriage return not followed by a line feed (old
    /// Mac line ends) is read as a line feed, byte for byte, so a CR-only
    /// file is read like an LF one and every offset stays the same.
    pub fn new(path: impl Into<String>, text: String) -> Self {
        let text = if text.contains('\r') {
            let mut bytes = text.into_bytes();
            for i in 0..bytes.len() {
                if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
                    bytes[i] = b'\n';
                }
            }
            // Only ASCII bytes were replaced by ASCII bytes.
            String::from_utf8(bytes).unwrap_or_default()
        } else {
            text
        };
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// Reads and decodes a file of at most [`MAX_FILE_BYTES`]; never
    /// panics on bad input.
    pub fn read(path: &std::path::Path) -> Result<SourceFile, ReadError> {
        Self::read_limited(path, MAX_FILE_BYTES)
    }

    /// Reads and decodes a regular file of at most `limit` bytes (the
    /// limit is enforced while reading); a FIFO, device or socket is an
    /// error, never a wait.
    pub fn read_limited(path: &std::path::Path, limit: u64) -> Result<SourceFile, ReadError> {
        let file = open_regular(path)?;
        let bytes = read_bounded(file, limit)?;
        if let Some(what) = binary_format(path, &bytes) {
            return Err(ReadError::Binary { what });
        }
        Self::from_bytes(path.display().to_string(), bytes)
    }

    /// Decodes bytes read elsewhere (standard input): UTF-8, or an
    /// [`ReadError::Encoding`] pointing at the first bad byte.
    pub fn from_bytes(path: String, bytes: Vec<u8>) -> Result<SourceFile, ReadError> {
        if let Some(what) = binary_format(std::path::Path::new(&path), &bytes) {
            return Err(ReadError::Binary { what });
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile::new(path, text)),
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let prefix = &e.as_bytes()[..offset];
                // The prefix is valid UTF-8 by construction.
                let prefix = std::str::from_utf8(prefix).unwrap_or("");
                let line = prefix.matches('\n').count() + 1;
                let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
                let column = prefix[line_start..].chars().count() + 1;
                Err(ReadError::Encoding {
                    offset,
                    line,
                    column,
                    prefix: prefix.to_string(),
                })
            }
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let mut column = self.text[start..end].chars().count() + 1;
        // A byte order mark is not a column of the first line.
        if line == 0 && end > 0 && self.text.starts_with('\u{FEFF}') {
            column -= 1;
        }
        (line + 1, column)
    }

    /// The text under a span (empty if the span is out of range).
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.offset..span.end()).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_and_handles_crlf() {
        let src = SourceFile::new("x", "ab\r\nçd\nx".to_string());
        assert_eq!(src.line_col(0), (1, 1));
        assert_eq!(src.line_col(4), (2, 1));
        // 'd' sits after a two-byte character: byte 6, column 2.
        assert_eq!(src.line_col(6), (2, 2));
        assert_eq!(src.line_col(8), (3, 1));
    }

    #[test]
    fn a_byte_order_mark_is_no_column_and_cr_alone_ends_a_line() {
        let src = SourceFile::new("x", "\u{FEFF}ab\rcd\r\ne".to_string());
        assert_eq!(src.line_col(3), (1, 1));
        assert_eq!(src.line_col(4), (1, 2));
        assert_eq!(src.line_col(6), (2, 1));
        assert_eq!(src.line_col(10), (3, 1));
        assert_eq!(src.text.len(), 11);
    }

    #[test]
    fn reads_stop_at_the_limit() {
        let err = read_bounded(&b"0123456789"[..], 4).unwrap_err();
        assert!(
            matches!(err, ReadError::TooLarge { limit: 4, .. }),
            "{err:?}"
        );
        assert_eq!(read_bounded(&b"0123"[..], 4).unwrap(), b"0123");
    }

    #[test]
    fn invalid_utf8_reports_the_first_bad_byte() {
        let err = SourceFile::from_bytes("x".into(), b"ok\nab\xffc".to_vec()).unwrap_err();
        match err {
            ReadError::Encoding {
                offset,
                line,
                column,
                prefix,
            } => assert_eq!((offset, line, column, prefix.len()), (5, 2, 3, 5)),
            other => panic!("unexpected {other:?}"),
        }
    }
}
