//! Exporters: turn computed results into files. They never recompute the model.
//! Files are written to a temporary name in the same folder and renamed into
//! place, so a failed or killed run leaves either the old or the new file.

pub mod chart;
pub mod chart_whatif;
pub mod csv;
pub mod labels;
pub mod xlsx;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// A file ready to be written: its name in the output folder and its bytes.
pub struct OutputFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Creates `dir` (and parents) and checks that it can be written to.
pub fn prepare_dir(dir: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the output folder {}", dir.display()))?;
    Ok(())
}

/// A temporary path next to `final_path` that keeps its extension (chart
/// encoders pick the format from it).
pub fn temp_path(final_path: &Path) -> PathBuf {
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
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> anyhow::Result<PathBuf> {
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
    Ok(final_path)
}

/// Moves an already written temporary file into place.
pub fn commit_temp(tmp: &Path, final_path: &Path) -> anyhow::Result<()> {
    fs::rename(tmp, final_path).with_context(|| format!("cannot write {}", final_path.display()))
}
