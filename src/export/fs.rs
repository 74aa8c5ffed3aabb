//! Atomic file writes: every file goes to a temporary name in the same folder
//! and is renamed into place, so a failed or killed run leaves either the old
//! or the new file, never half of one.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// Creates `dir` (and parents) and removes the temporary files that killed
/// runs left in it.
pub(crate) fn prepare_dir(dir: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the output folder {}", dir.display()))?;
    remove_stale_temp_files(dir);
    Ok(())
}

/// Without `/proc`, a temporary file this old is taken to be left over: a live
/// run writes its temporary files continuously and renames them at once.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes the temporary files ([`temp_path`] names, `.NAME.PID.tmp.EXT`) in
/// `dir` whose process is gone, so that runs killed mid-write (SIGKILL, power
/// loss) do not leave them to accumulate. Files of a run still writing (its
/// process alive) are left alone; nothing else is touched. Best effort: a file
/// that cannot be removed stays. Returns the files removed.
pub(crate) fn remove_stale_temp_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_file_pid) else {
            continue;
        };
        // `DirEntry::metadata` does not follow symlinks: only our own regular files.
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if pid == std::process::id() || !meta.is_file() || !is_stale(pid, &meta) {
            continue;
        }
        if fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed
}

/// The process id in a name made by [`temp_path`], or `None` for any other name.
fn temp_file_pid(name: &str) -> Option<u32> {
    let (head, ext) = name.strip_prefix('.')?.rsplit_once(".tmp.")?;
    let (final_name, pid) = head.rsplit_once('.')?;
    let ext_matches = ext.is_empty() || final_name.ends_with(&format!(".{ext}"));
    if final_name.is_empty() || !ext_matches || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Whether the run that wrote a temporary file is gone.
fn is_stale(pid: u32, meta: &fs::Metadata) -> bool {
    let proc = Path::new("/proc");
    if proc.join("self").exists() {
        return !proc.join(pid.to_string()).exists();
    }
    meta.modified()
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > STALE_AFTER)
}

/// Makes a rename in `dir` durable (best effort: not every platform can open a
/// folder).
fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// A temporary path next to `final_path` that keeps its extension (chart
/// encoders pick the format from it).
pub(crate) fn temp_path(final_path: &Path) -> PathBuf {
    let name = final_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = format!(
        ".{}.{}.tmp.{}",
        name,
        std::process::id(),
        final_path
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default()
    );
    final_path.with_file_name(tmp)
}

/// Writes `bytes` to `dir/name` atomically (temp file, fsync, rename).
pub(crate) fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> anyhow::Result<PathBuf> {
    let final_path = dir.join(name);
    let tmp = temp_path(&final_path);
    let result = (|| -> std::io::Result<()> {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, &final_path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("cannot write {}", final_path.display()));
    }
    sync_dir(dir);
    Ok(final_path)
}

/// Streams a file too large to build in memory (`samples.csv`) to a
/// temporary file, then renames it into place.
pub(crate) fn write_streamed(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut std::io::BufWriter<fs::File>) -> anyhow::Result<()>,
) -> anyhow::Result<PathBuf> {
    let final_path = dir.join(name);
    let tmp = temp_path(&final_path);
    let result = (|| -> anyhow::Result<()> {
        let mut out = std::io::BufWriter::new(fs::File::create(&tmp)?);
        write(&mut out)?;
        out.into_inner()
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .sync_all()?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(e.context(format!("cannot write {}", final_path.display())));
    }
    commit_temp(&tmp, &final_path)?;
    Ok(final_path)
}

/// Moves an already written temporary file into place.
pub(crate) fn commit_temp(tmp: &Path, final_path: &Path) -> anyhow::Result<()> {
    fs::rename(tmp, final_path)
        .with_context(|| format!("cannot write {}", final_path.display()))?;
    if let Some(dir) = final_path.parent() {
        sync_dir(dir);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_temp_file_names_of_our_own_pattern_carry_a_pid() {
        let made = temp_path(Path::new("out/monthly.csv"));
        let made = made.file_name().and_then(|n| n.to_str()).unwrap_or("");
        assert_eq!(temp_file_pid(made), Some(std::process::id()));
        assert_eq!(temp_file_pid(".samples.csv.123.tmp.csv"), Some(123));
        assert_eq!(temp_file_pid(".notes.42.tmp."), Some(42));
        for other in [
            "monthly.csv",
            ".monthly.csv",
            ".monthly.csv.tmp.csv",
            ".monthly.csv.12a.tmp.csv",
            ".monthly.csv.12.tmp.png",
            "..12.tmp.",
            "monthly.csv.12.tmp.csv",
            ".gitkeep",
        ] {
            assert_eq!(temp_file_pid(other), None, "{other}");
        }
    }
}
