//! Writing files without ever leaving one half written.
//!
//! Every file moulint writes (`init -o`, `redline -o`, `template import`)
//! goes through [`write_atomic`]: the text is written to a fresh temporary
//! file in the target's directory, synced, then moved over the target in
//! one step, so a reader sees the old file or the new one, never a mix.
//! A `--cache` entry, which may be lost but never half written, goes
//! through [`replace_unsynced`]: the same without the sync.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why [`write_atomic`] wrote nothing. The target is left as it was and no
/// temporary file is left behind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// The target exists and replacing it was not asked for.
    Exists(PathBuf),
    /// Any other failure; `message` is a whole sentence naming the path.
    Failed { path: PathBuf, message: String },
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Exists(p) => write!(
                f,
                "{} already exists: pass --force to replace it",
                p.display()
            ),
            WriteError::Failed { message, .. } => f.write_str(message),
        }
    }
}

impl std::error::Error for WriteError {}

/// Writes `text` to `path` through a temporary file in the same directory.
///
/// Without `replace`, an existing file is [`WriteError::Exists`] and is
/// left untouched (also when it appears while writing). With `replace`, a
/// replaced file keeps its permissions. Only a regular file is ever
/// replaced: a directory, a device node, a FIFO or a socket is refused.
pub fn write_atomic(path: &Path, text: &str, replace: bool) -> Result<(), WriteError> {
    write_atomic_with(path, replace, |f| f.write_all(text.as_bytes()))
}

/// [`write_atomic`] with the bytes written by `write` into the temporary
/// file: when `write` fails, nothing is replaced and the temporary file is
/// removed.
pub fn write_atomic_with(
    path: &Path,
    replace: bool,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let shown = path.display();
    let failed = |message: String| WriteError::Failed {
        path: path.to_path_buf(),
        message,
    };
    // `metadata` follows symbolic links: what would be replaced is what
    // the link points to. What is not a regular file is refused first:
    // `--force` would not make it writable.
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.is_dir() {
            return Err(failed(format!("{shown} is a directory")));
        }
        if !meta.is_file() {
            return Err(failed(format!(
                "{shown} is not a regular file (a device, FIFO or socket); moulint writes only regular files"
            )));
        }
    }
    if !replace && path.exists() {
        return Err(WriteError::Exists(path.to_path_buf()));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .ok_or_else(|| failed(format!("{shown} is not a file name")))?;
    let (tmp_path, mut file) = fresh_temp(&dir, &name)?;
    let cleanup = |e: WriteError| {
        let _ = std::fs::remove_file(&tmp_path);
        e
    };
    write(&mut file)
        .and_then(|_| file.sync_all())
        .map_err(|e| cleanup(failed(format!("cannot write {}: {e}", tmp_path.display()))))?;
    drop(file);
    if replace {
        // The replaced file keeps its permissions; only a regular file's
        // are ever copied (the target may have changed since the check).
        if let Ok(meta) = std::fs::metadata(path) {
            if !meta.is_file() {
                return Err(cleanup(failed(format!(
                    "{shown} is not a regular file; moulint writes only regular files"
                ))));
            }
            let _ = std::fs::set_permissions(&tmp_path, meta.permissions());
        }
        std::fs::rename(&tmp_path, path)
            .map_err(|e| cleanup(failed(format!("cannot replace {shown}: {e}"))))?;
    } else {
        // A hard link fails if the file appeared meanwhile: never clobber.
        match std::fs::hard_link(&tmp_path, path) {
            Ok(()) => {
                let _ = std::fs::remove_file(&tmp_path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(cleanup(WriteError::Exists(path.to_path_buf())));
            }
            // No hard links here (some file systems): a rename after the check.
            Err(_) => std::fs::rename(&tmp_path, path)
                .map_err(|e| cleanup(failed(format!("cannot write {shown}: {e}"))))?,
        }
    }
    Ok(())
}

/// A new temporary file in `dir` for writing the file `name`: a fresh
/// name, since `create_new` never reuses a file another run holds.
fn fresh_temp(dir: &Path, name: &str) -> Result<(PathBuf, std::fs::File), WriteError> {
    let failed = |message: String| WriteError::Failed {
        path: dir.join(name),
        message,
    };
    for i in 0..100u32 {
        let cand = dir.join(format!(".{name}.moulint-{}-{i}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&cand)
        {
            Ok(f) => return Ok((cand, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(failed(format!("cannot write in {}: {e}", dir.display()))),
        }
    }
    Err(failed(format!(
        "cannot create a temporary file in {}",
        dir.display()
    )))
}

/// Writes `bytes` to the file `path` in an existing directory `dir`, whole
/// or not at all, through a temporary file that is renamed over it; not
/// synced to disk, for files that may be lost but must never be half
/// written (a `--cache` entry: a lost one is checked again).
pub fn replace_unsynced(dir: &Path, path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let (tmp_path, mut file) = fresh_temp(dir, &name)?;
    let written = file.write_all(bytes);
    drop(file);
    let written = written.and_then(|_| std::fs::rename(&tmp_path, path));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp_path);
        WriteError::Failed {
            path: path.to_path_buf(),
            message: format!("cannot write {}: {e}", path.display()),
        }
    })
}

/// A size in bytes as a person writes it: `1048576`, `512KB`, `10MB`,
/// `1GB` (units of 1,024; `K`, `M`, `G`, `KiB` ... also).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a size (write bytes, or e.g. `512KB`, `10MB`)"))?;
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        other => return Err(format!("unknown size unit `{other}` (use KB, MB or GB)")),
    };
    n.checked_mul(mult)
        .filter(|&b| b > 0)
        .ok_or_else(|| format!("`{s}` is not a usable size"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn writes_refuses_to_overwrite_and_replaces_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        write_atomic(&path, "one\n", false).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one\n");
        assert_eq!(
            write_atomic(&path, "two\n", false),
            Err(WriteError::Exists(path.clone()))
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one\n");
        write_atomic(&path, "three\n", true).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "three\n");
        assert_eq!(entries(dir.path()), ["a.md"]);
    }

    #[test]
    fn an_unsynced_replace_writes_whole_files_and_leaves_no_temporary_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.json");
        replace_unsynced(dir.path(), &path, b"one").unwrap();
        replace_unsynced(dir.path(), &path, b"two, longer").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two, longer");
        assert_eq!(entries(dir.path()), ["e.json"]);
        // A directory in the way: refused, nothing left behind.
        let blocked = dir.path().join("d");
        std::fs::create_dir_all(blocked.join("x")).unwrap();
        assert!(replace_unsynced(&blocked, &blocked.join("x"), b"y").is_err());
        assert_eq!(entries(&blocked), ["x"]);
    }

    #[test]
    fn a_failing_writer_leaves_the_original_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "original\n").unwrap();
        for replace in [true, false] {
            let err = write_atomic_with(&path, replace, |f| {
                f.write_all(b"half")?;
                Err(std::io::Error::other("disk full"))
            })
            .unwrap_err();
            if replace {
                assert!(err.to_string().contains("disk full"), "{err}");
            } else {
                assert_eq!(err, WriteError::Exists(path.clone()));
            }
            assert_eq!(std::fs::read_to_string(&path).unwrap(), "original\n");
            assert_eq!(entries(dir.path()), ["a.md"]);
        }
        // A new file that fails is not created at all.
        let new = dir.path().join("b.md");
        write_atomic_with(&new, false, |_| Err(std::io::Error::other("no"))).unwrap_err();
        assert!(!new.exists());
        assert_eq!(entries(dir.path()), ["a.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_directory_fails_cleanly() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("ro");
        std::fs::create_dir(&sub).unwrap();
        let path = sub.join("a.md");
        std::fs::write(&path, "original\n").unwrap();
        std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o555)).unwrap();
        // Root writes anywhere: then there is nothing to test here.
        let probe = sub.join(".probe");
        if std::fs::write(&probe, "").is_ok() {
            let _ = std::fs::remove_file(&probe);
            std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
            return;
        }
        let err = write_atomic(&path, "new\n", true).unwrap_err();
        std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert!(err.to_string().contains("cannot write in"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "original\n");
        assert_eq!(entries(&sub), ["a.md"]);
    }

    #[test]
    fn a_target_under_a_file_fails_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plain.md");
        std::fs::write(&file, "x").unwrap();
        let err = write_atomic(&file.join("out.md"), "y", true).unwrap_err();
        assert!(matches!(err, WriteError::Failed { .. }), "{err}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
        assert_eq!(entries(dir.path()), ["plain.md"]);
    }

    #[test]
    fn sizes_read_with_units() {
        assert_eq!(parse_size("10MB"), Ok(10 << 20));
        assert_eq!(parse_size("512kb"), Ok(512 << 10));
        assert_eq!(parse_size("100"), Ok(100));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("5PB").is_err());
        assert!(parse_size("0").is_err());
    }

    #[test]
    fn a_directory_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        let err = write_atomic(&sub, "x", true).unwrap_err();
        assert!(err.to_string().ends_with("is a directory"), "{err}");
        assert!(sub.is_dir());
        assert_eq!(entries(dir.path()), ["sub"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_socket_or_fifo_is_never_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("report.html");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        let err = write_atomic(&socket, "x", true).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
        assert!(std::fs::metadata(&socket).unwrap().file_type().is_socket());
        assert_eq!(entries(dir.path()), ["report.html"]);
        // A FIFO, where the system has mkfifo.
        let fifo = dir.path().join("fifo.md");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        if made {
            let err = write_atomic(&fifo, "x", true).unwrap_err();
            assert!(err.to_string().contains("not a regular file"), "{err}");
            assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
            assert_eq!(entries(dir.path()), ["fifo.md", "report.html"]);
        }
    }
}
