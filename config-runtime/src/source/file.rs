//! Reading files the configuration names: `.env` files and `<VAR>_FILE` secret files. Only
//! regular files are read, each whole and once, within [`MAX_FILE_BYTES`]; a FIFO, socket or
//! device is refused without blocking, and a file is opened without following its contents
//! anywhere else.

use std::io::Read;
use std::path::Path;
use zeroize::Zeroizing;

/// The largest `.env` file or `<VAR>_FILE` file read, in bytes (1 MiB). Larger files are
/// refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Reads a whole regular file as UTF-8, refusing directories, special files (FIFOs, sockets,
/// devices) and files over [`MAX_FILE_BYTES`]. The file is opened non-blocking and checked
/// again once open, so a path swapped for a FIFO between the two steps is refused too.
pub(crate) fn read_limited(path: &Path) -> Result<Zeroizing<String>, String> {
    let meta = std::fs::metadata(path).map_err(|e| io_message(&e))?;
    kind_check(&meta)?;
    let file = open_nonblocking(path).map_err(|e| io_message(&e))?;
    let meta = file.metadata().map_err(|e| io_message(&e))?;
    kind_check(&meta)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!("is {} bytes, more than the {MAX_FILE_BYTES}-byte limit", meta.len()));
    }
    let mut bytes = Zeroizing::new(Vec::new());
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| io_message(&e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!("is more than the {MAX_FILE_BYTES}-byte limit"));
    }
    match std::str::from_utf8(&bytes) {
        Ok(s) => Ok(Zeroizing::new(s.to_owned())),
        Err(e) => Err(format!("is not valid UTF-8 (byte {})", e.valid_up_to())),
    }
}

fn kind_check(meta: &std::fs::Metadata) -> Result<(), String> {
    if meta.is_dir() {
        return Err("is a directory, not a file".into());
    }
    if !meta.is_file() {
        return Err(format!("is {}, not a regular file; only regular files are read", special_kind(meta)));
    }
    Ok(())
}

#[cfg(unix)]
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::Metadata) -> &'static str {
    "a special file"
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "does not exist".into(),
        std::io::ErrorKind::PermissionDenied => "cannot be read (permission denied)".into(),
        _ => format!("cannot be read ({e})"),
    }
}

/// Reads a `<VAR>_FILE` secret file: the whole file, one trailing newline trimmed.
pub(crate) fn read_secret_file(path: &Path) -> Result<Zeroizing<String>, String> {
    let mut text = read_limited(path)?;
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    Ok(text)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = std::env::temp_dir().join(format!("envconfig-fifo-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let fifo = dir.join("secret");
        let _ = std::fs::remove_file(&fifo);
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: `c` is a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let err = read_limited(&fifo).unwrap_err();
        assert_eq!(err, "is a FIFO, not a regular file; only regular files are read");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_device_is_refused() {
        let err = read_limited(Path::new("/dev/zero")).unwrap_err();
        assert_eq!(err, "is a device, not a regular file; only regular files are read");
    }
}
