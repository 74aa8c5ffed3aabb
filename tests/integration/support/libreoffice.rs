//! LibreOffice, the spreadsheet some tests open the tool's files in, as a
//! person would. Where it is not installed those tests print SKIPPED and pass,
//! except in CI (`CI=true`), where `.ci/run` installs it and its absence is a
//! failure.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

/// The LibreOffice binary, or `None` (after saying so) when it is not
/// installed outside CI; `test` names the test that skips.
pub(crate) fn find(test: &str) -> Option<PathBuf> {
    super::find_program(
        test,
        &["soffice", "libreoffice"],
        "LibreOffice (soffice)",
        "libreoffice-calc-nogui",
    )
}

/// Runs LibreOffice headless with the private profile in `profile` (so that
/// it neither reads nor changes the user's), and gives up after three minutes.
pub(crate) fn run_headless<I, S>(soffice: &Path, profile: &Path, args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut cmd = Command::new(soffice);
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.to_str().expect("UTF-8 path")
    ))
    .args(["--headless", "--norestore", "--nolockcheck"])
    .args(args)
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("LibreOffice starts");
    super::wait_within(&mut child, Duration::from_secs(180), "LibreOffice");
    child.wait_with_output().expect("LibreOffice output")
}
