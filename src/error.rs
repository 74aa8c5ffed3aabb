//! One place that turns failures into messages and exit codes.

use std::fmt;

/// A failure of a command, with the exit code it maps to.
#[derive(Debug)]
pub enum AppError {
    /// Invalid input or usage: exit 2. The message is complete and located.
    Input(String),
    /// Runtime failure (I/O...): exit 1.
    Runtime(anyhow::Error),
    /// Stopped by Ctrl-C before any output folder was changed: exit 130.
    Interrupted,
}

impl AppError {
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            AppError::Input(_) => 2,
            AppError::Runtime(_) => 1,
            AppError::Interrupted => crate::interrupt::EXIT_CODE,
        }
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AppError::Input(message) => write!(f, "{message}"),
            AppError::Runtime(e) => {
                write!(f, "{e}")?;
                for cause in e.chain().skip(1) {
                    write!(f, "\n  caused by: {cause}")?;
                }
                Ok(())
            }
            AppError::Interrupted => write!(
                f,
                "interrupted: no output folder was changed (the files of this run were removed)"
            ),
        }
    }
}

impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> Self {
        AppError::Runtime(e)
    }
}

impl From<std::io::Error> for AppError {
    fn from(e: std::io::Error) -> Self {
        AppError::Runtime(e.into())
    }
}
