//! The output folder as one transaction (docs/bad-input.md, "Nothing lost,
//! nothing half-written").
//!
//! A command takes each folder it will write before any work
//! ([`OutputFolder::open`]): it creates the folder if needed (never through a
//! symbolic link), and holds an advisory lock on it for the whole run, so a
//! second run into the same folder refuses or waits. Every file is then
//! written into a fresh private staging folder inside it (random name,
//! created exclusively, by the `tempfile` crate) and flushed to disk. Only when
//! every file of every folder of the run is complete are the targets checked
//! (none may be a symbolic link or a folder) and the files renamed into place
//! one by one; then the files an earlier run wrote and this one did not are
//! removed. A run that fails or is stopped before that leaves every folder as
//! it was; a run killed during the renames leaves each file either the
//! previous complete one or the new complete one.
//!
//! The tool removes or replaces only files it wrote itself: each folder keeps
//! a small manifest of them ([`MANIFEST`]). Other files are left alone, and a
//! non-empty folder without a manifest (one the tool did not create) is
//! written into only with `--force`.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use tempfile::TempDir;

use crate::error::AppError;
use crate::interrupt;

/// The manifest: the names of the files the tool wrote in the folder, one a
/// line after a comment line.
pub(crate) const MANIFEST: &str = ".adoptcost-manifest";
/// Staging folders are named this and a random suffix.
const STAGING_PREFIX: &str = ".adoptcost-staging-";
/// Where the lock is held on systems that cannot lock a folder itself.
#[cfg(not(unix))]
const LOCK_FILE: &str = ".adoptcost.lock";
/// A manifest larger than this is not one the tool wrote.
const MAX_MANIFEST_BYTES: u64 = 64 * 1024;
/// How often a waiting run tries the lock again (and looks for Ctrl-C).
const WAIT_STEP: Duration = Duration::from_millis(100);

/// What to do when another run holds the folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WhenBusy {
    /// Fail at once, saying so (the default).
    Refuse,
    /// Wait until the other run has finished (`--wait`).
    Wait,
}

/// How a command may take its folders (`--wait`, `--force`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct FolderOptions {
    pub(crate) when_busy: WhenBusy,
    /// Write into a non-empty folder the tool did not create.
    pub(crate) force: bool,
}

/// A folder a command writes, locked from [`OutputFolder::open`] until it is
/// dropped. Dropped without [`commit`], it removes its staging folder and the
/// folders it created, so a failed run leaves nothing behind.
pub(crate) struct OutputFolder {
    path: PathBuf,
    /// Folders this run created, outermost first.
    created: Vec<PathBuf>,
    /// The open folder (or lock file) whose advisory lock this run holds.
    lock: Option<File>,
    /// The files the manifest lists: the tool wrote them, it may replace them.
    owned: BTreeSet<String>,
    staging: Option<TempDir>,
    /// Files complete in the staging folder, in the order written.
    staged: Vec<String>,
    committed: bool,
}

impl OutputFolder {
    /// Takes `path` for this run: creates it (and its parents) when missing,
    /// refuses a symbolic link or a file in its place, locks it (refusing or
    /// waiting, after calling `on_wait` once, when another run holds it), then
    /// removes the staging folders that killed runs left and reads the
    /// manifest, refusing a non-empty folder without one unless `force`.
    pub(crate) fn open(
        path: &Path,
        options: FolderOptions,
        on_wait: &dyn Fn(&Path),
    ) -> Result<OutputFolder, AppError> {
        let mut folder = OutputFolder {
            path: path.to_path_buf(),
            created: Vec::new(),
            lock: None,
            owned: BTreeSet::new(),
            staging: None,
            staged: Vec::new(),
            committed: false,
        };
        folder.lock(options.when_busy, on_wait)?;
        folder.remove_left_over_staging();
        folder.owned = match read_manifest(path)? {
            Some(names) => names,
            None => unlisted_folder(path, options.force)?,
        };
        Ok(folder)
    }

    /// The folder's path.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Creates the folder if needed and locks it. A run that waited may find
    /// the folder removed or replaced meanwhile (a failed run removes the
    /// folder it created): then it starts again.
    fn lock(&mut self, when_busy: WhenBusy, on_wait: &dyn Fn(&Path)) -> Result<(), AppError> {
        let mut told = false;
        loop {
            self.create()?;
            let handle = open_lock(&self.path).map_err(|e| self.failed("lock", &e))?;
            loop {
                match fs4::FileExt::try_lock(&handle) {
                    Ok(()) => break,
                    Err(fs4::TryLockError::WouldBlock) if when_busy == WhenBusy::Wait => {
                        if !told {
                            on_wait(&self.path);
                            told = true;
                        }
                        if interrupt::requested() {
                            return Err(AppError::Interrupted);
                        }
                        std::thread::sleep(WAIT_STEP);
                    }
                    Err(fs4::TryLockError::WouldBlock) => {
                        return Err(runtime(format!(
                            "{} is being written by another adoptcost run; wait for it to finish, or add --wait to wait for it",
                            self.path.display()
                        )));
                    }
                    Err(fs4::TryLockError::Error(e)) => return Err(self.failed("lock", &e)),
                }
            }
            if is_same_folder(&handle, &self.path) {
                self.lock = Some(handle);
                return Ok(());
            }
        }
    }

    /// Creates the folder and its missing parents, remembering which, and
    /// checks that it is a real folder.
    fn create(&mut self) -> Result<(), AppError> {
        let mut missing = Vec::new();
        let mut p = self.path.as_path();
        loop {
            match fs::symlink_metadata(p) {
                Ok(_) => break,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    missing.push(p.to_path_buf());
                    match p.parent() {
                        Some(parent) if !parent.as_os_str().is_empty() => p = parent,
                        _ => break,
                    }
                }
                Err(e) => return Err(self.failed("create", &e)),
            }
        }
        for dir in missing.iter().rev() {
            match fs::create_dir(dir) {
                Ok(()) => self.created.push(dir.clone()),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(self.failed("create", &e)),
            }
        }
        let meta = fs::symlink_metadata(&self.path).map_err(|e| self.failed("create", &e))?;
        if meta.file_type().is_symlink() {
            return Err(runtime(format!(
                "{} is a symbolic link: adoptcost never writes through one (it could lead anywhere); remove the link, or choose another --out",
                self.path.display()
            )));
        }
        if !meta.is_dir() {
            return Err(runtime(format!(
                "cannot create the output folder {}: a file of that name is in the way; remove or rename it, or choose another --out",
                self.path.display()
            )));
        }
        Ok(())
    }

    /// Removes the staging folders of runs killed before they finished. Safe
    /// under the lock: a live run's staging folder is in a folder it holds.
    fn remove_left_over_staging(&self) {
        let Ok(entries) = fs::read_dir(&self.path) else {
            return;
        };
        for entry in entries.flatten() {
            let is_staging = entry
                .file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(STAGING_PREFIX));
            // `DirEntry::file_type` does not follow symbolic links.
            if is_staging && entry.file_type().is_ok_and(|t| t.is_dir()) {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
    }

    /// Writes `bytes` as `name` into the staging folder, flushed to disk.
    pub(crate) fn stage(&mut self, name: &str, bytes: &[u8]) -> Result<(), AppError> {
        self.stage_streamed(name, |out| Ok(out.write_all(bytes)?))
    }

    /// Streams a file too large to build in memory (`samples.csv`) into the
    /// staging folder, flushed to disk.
    pub(crate) fn stage_streamed(
        &mut self,
        name: &str,
        write: impl FnOnce(&mut BufWriter<File>) -> anyhow::Result<()>,
    ) -> Result<(), AppError> {
        if interrupt::requested() {
            return Err(AppError::Interrupted);
        }
        let staging = self.staging()?;
        let result = (|| -> anyhow::Result<()> {
            // A fresh private folder: nothing can be planted in it, and
            // `create_new` never opens an existing file or link.
            let file = File::options()
                .write(true)
                .create_new(true)
                .open(staging.join(name))?;
            let mut out = BufWriter::new(file);
            write(&mut out)?;
            out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
            Ok(())
        })();
        if let Err(e) = result {
            if interrupt::requested() {
                return Err(AppError::Interrupted);
            }
            return Err(AppError::Runtime(e.context(format!(
                "cannot write {}",
                self.path.join(name).display()
            ))));
        }
        self.staged.push(name.to_string());
        Ok(())
    }

    /// The staging folder, created on first use.
    fn staging(&mut self) -> Result<PathBuf, AppError> {
        if self.staging.is_none() {
            let dir = tempfile::Builder::new()
                .prefix(STAGING_PREFIX)
                .tempdir_in(&self.path)
                .map_err(|e| self.failed("write into", &e))?;
            self.staging = Some(dir);
        }
        Ok(self
            .staging
            .as_ref()
            .map(|d| d.path().to_path_buf())
            .unwrap_or_default())
    }

    /// Refuses, before anything is replaced, a target that is a symbolic
    /// link or a folder: the file would be written through it, or the
    /// rename would fail half-way.
    fn check_targets(&self) -> Result<(), AppError> {
        for name in self.staged.iter().map(String::as_str).chain([MANIFEST]) {
            let target = self.path.join(name);
            match fs::symlink_metadata(&target) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    return Err(runtime(format!(
                        "{} is a symbolic link: adoptcost never writes through one (it could lead anywhere); remove it and run again",
                        target.display()
                    )));
                }
                Ok(meta) if meta.is_dir() => {
                    return Err(runtime(format!(
                        "cannot write {}: a folder of that name is in the way; remove or rename it and run again",
                        target.display()
                    )));
                }
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(AppError::Runtime(
                        anyhow::Error::new(e).context(format!("cannot write {}", target.display())),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Moves the staged files into place, removes the files of `outputs` an
    /// earlier run wrote and this one did not (they would no longer match),
    /// and updates the manifest. Returns the names written, in order.
    fn commit(mut self, outputs: &[&str]) -> Result<Vec<String>, AppError> {
        let staging = self.staging()?;
        // First a manifest listing both the old and the new files, so that a
        // run killed during the renames leaves no file of ours unlisted.
        let mut listed = self.owned.clone();
        listed.extend(self.staged.iter().cloned());
        self.replace_manifest(&staging, &listed)?;
        for name in &self.staged {
            let target = self.path.join(name);
            fs::rename(staging.join(name), &target).map_err(|e| {
                AppError::Runtime(
                    anyhow::Error::new(e).context(format!("cannot write {}", target.display())),
                )
            })?;
        }
        self.sync();
        for name in outputs {
            let stale = self.owned.contains(*name) && !self.staged.iter().any(|s| s == name);
            let target = self.path.join(name);
            // Only a regular file: a link or folder put there since is not ours.
            if stale && fs::symlink_metadata(&target).is_ok_and(|m| m.is_file()) {
                // Best effort: a file that cannot be removed stays listed.
                let _ = fs::remove_file(&target);
            }
        }
        let still_there: BTreeSet<String> = listed
            .into_iter()
            .filter(|n| fs::symlink_metadata(self.path.join(n)).is_ok_and(|m| m.is_file()))
            .collect();
        self.replace_manifest(&staging, &still_there)?;
        self.sync();
        self.committed = true;
        Ok(std::mem::take(&mut self.staged))
    }

    /// Writes the manifest listing `names` into place (through the staging
    /// folder, like every other file).
    fn replace_manifest(&self, staging: &Path, names: &BTreeSet<String>) -> Result<(), AppError> {
        let mut text = String::from(
            "# adoptcost: the files it wrote in this folder; it replaces or removes only these\n",
        );
        for n in names {
            text.push_str(n);
            text.push('\n');
        }
        let target = self.path.join(MANIFEST);
        let result = (|| -> io::Result<()> {
            let staged = staging.join(MANIFEST);
            let mut f = File::options().write(true).create_new(true).open(&staged)?;
            f.write_all(text.as_bytes())?;
            f.sync_all()?;
            fs::rename(&staged, &target)
        })();
        result.map_err(|e| {
            AppError::Runtime(
                anyhow::Error::new(e).context(format!("cannot write {}", target.display())),
            )
        })
    }

    /// Makes the renames durable (best effort: not every system can sync a
    /// folder).
    fn sync(&self) {
        #[cfg(unix)]
        if let Some(dir) = &self.lock {
            let _ = dir.sync_all();
        }
        #[cfg(not(unix))]
        if let Ok(dir) = File::open(&self.path) {
            let _ = dir.sync_all();
        }
    }

    fn failed(&self, what: &str, e: &io::Error) -> AppError {
        let noun = if what == "lock" { "" } else { "output " };
        runtime(format!(
            "cannot {what} the {noun}folder {}: {e}",
            self.path.display()
        ))
    }
}

impl Drop for OutputFolder {
    fn drop(&mut self) {
        if let Some(staging) = self.staging.take() {
            let _ = staging.close();
        }
        if !self.committed {
            // Only empty folders go: anything put there since stays.
            for dir in self.created.iter().rev() {
                let _ = fs::remove_dir(dir);
            }
        }
    }
}

/// Commits every folder of a run: first checks every target of every folder,
/// so that a problem in one leaves all of them as they were, then moves each
/// folder's files into place (see [`OutputFolder::commit`]). Returns, per
/// folder, the names written.
pub(crate) fn commit_all(
    folders: Vec<OutputFolder>,
    outputs: &[&str],
) -> Result<Vec<Vec<String>>, AppError> {
    if interrupt::requested() {
        return Err(AppError::Interrupted);
    }
    for folder in &folders {
        folder.check_targets()?;
    }
    folders.into_iter().map(|f| f.commit(outputs)).collect()
}

fn runtime(message: String) -> AppError {
    AppError::Runtime(anyhow::anyhow!(message))
}

/// Opens the folder itself (never a symbolic link in its place) to hold the
/// lock on it.
#[cfg(unix)]
fn open_lock(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    File::options()
        .read(true)
        .custom_flags(libc::O_DIRECTORY | libc::O_NOFOLLOW)
        .open(path)
}

/// Where a folder cannot be opened as a file, a lock file in it.
#[cfg(not(unix))]
fn open_lock(path: &Path) -> io::Result<File> {
    File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path.join(LOCK_FILE))
}

/// Whether the locked handle is still the folder at `path` (it may have been
/// removed and created again while this run waited).
#[cfg(unix)]
fn is_same_folder(handle: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (handle.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_same_folder(_handle: &File, path: &Path) -> bool {
    path.is_dir()
}

/// Opens a file for reading, refusing a symbolic link in its place.
fn open_no_follow(path: &Path) -> io::Result<File> {
    let mut options = File::options();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)
}

/// The names the folder's manifest lists; `None` when it has none.
fn read_manifest(folder: &Path) -> Result<Option<BTreeSet<String>>, AppError> {
    let path = folder.join(MANIFEST);
    let meta = match fs::symlink_metadata(&path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(runtime(format!("cannot read {}: {e}", path.display())));
        }
    };
    if meta.file_type().is_symlink() {
        return Err(runtime(format!(
            "{} is a symbolic link: adoptcost never reads or writes through one; remove it and run again",
            path.display()
        )));
    }
    let mut text = String::new();
    open_no_follow(&path)
        .and_then(|f| f.take(MAX_MANIFEST_BYTES).read_to_string(&mut text))
        .map_err(|e| runtime(format!("cannot read {}: {e}", path.display())))?;
    Ok(Some(
        text.lines()
            .map(str::trim)
            .filter(|l| is_plain_name(l))
            .map(str::to_string)
            .collect(),
    ))
}

/// A name of a file in the folder itself: no path, no comment, no control
/// character, nothing of the tool's own bookkeeping.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('#')
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\'])
        && !name.chars().any(char::is_control)
        && !is_bookkeeping(name)
}

/// The manifest, staging folders and lock file: the tool's, never outputs.
fn is_bookkeeping(name: &str) -> bool {
    #[cfg(not(unix))]
    if name == LOCK_FILE {
        return true;
    }
    name == MANIFEST || name.starts_with(STAGING_PREFIX)
}

/// The files of a folder without a manifest the tool may replace or remove:
/// none. An empty folder is taken as is; any other only with `force`, and
/// then the tool writes its files there and removes nothing.
fn unlisted_folder(folder: &Path, force: bool) -> Result<BTreeSet<String>, AppError> {
    let entries = fs::read_dir(folder)
        .map_err(|e| runtime(format!("cannot read the folder {}: {e}", folder.display())))?;
    let mut found: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !is_bookkeeping(n))
        .collect();
    if found.is_empty() || force {
        return Ok(BTreeSet::new());
    }
    found.sort();
    let shown: Vec<&str> = found.iter().take(3).map(String::as_str).collect();
    let more = if found.len() > 3 { ", ..." } else { "" };
    Err(runtime(format!(
        "{} is not empty and was not created by adoptcost (it has no {MANIFEST}; it holds {}{more}): choose another --out, or add --force to write into it (adoptcost then replaces only the files it writes there and removes none; a folder written by an adoptcost that kept no manifest needs it once)",
        folder.display(),
        shown.join(", ")
    )))
}

/// Writes a new file at `path` completely or not at all, never over an
/// existing file or link: a temporary file beside it, flushed to disk, then
/// linked into place only if nothing is there (`adoptcost new`). A failure
/// (a full disk) leaves no file, and removes the folders it created.
pub(crate) fn write_new_file(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut created = Vec::new();
    let result = (|| -> io::Result<()> {
        let mut missing = Vec::new();
        let mut p = parent;
        while fs::symlink_metadata(p).is_err() {
            missing.push(p.to_path_buf());
            match p.parent() {
                Some(up) if !up.as_os_str().is_empty() => p = up,
                _ => break,
            }
        }
        for dir in missing.iter().rev() {
            match fs::create_dir(dir) {
                Ok(()) => created.push(dir.clone()),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e),
            }
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .tempfile_in(parent)?;
        tmp.write_all(bytes)?;
        tmp.as_file().sync_all()?;
        tmp.persist_noclobber(path).map_err(|e| e.error)?;
        if let Ok(dir) = File::open(parent) {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    result.map_err(|e| {
        for dir in created.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
        let what = if e.kind() == io::ErrorKind::AlreadyExists {
            "create"
        } else {
            "write"
        };
        runtime(format!("cannot {what} {}: {e}", path.display()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_names_are_plain_file_names() {
        for ok in ["monthly.csv", "sweep.png", ".hidden"] {
            assert!(is_plain_name(ok), "{ok}");
        }
        for bad in [
            "",
            "# comment",
            ".",
            "..",
            "../x",
            "a/b",
            "a\\b",
            "a\u{1b}b",
            MANIFEST,
            ".adoptcost-staging-abc",
        ] {
            assert!(!is_plain_name(bad), "{bad:?}");
        }
    }
}
