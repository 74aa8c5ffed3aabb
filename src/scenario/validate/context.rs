//! The diagnostics of one validation: every error and warning with its location,
//! collected so that one run reports every broken rule, not just the first.

use crate::scenario::source::Loc;
use crate::scenario::{Diagnostic, ScenarioError};

pub(super) struct Ctx<'a> {
    pub(super) file: &'a str,
    pub(super) errors: Vec<Diagnostic>,
    pub(super) warnings: Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(file: &'a str) -> Ctx<'a> {
        Ctx {
            file,
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn diagnostic(
        &self,
        loc: &Loc,
        key: &str,
        message: impl Into<String>,
        help: impl Into<Option<String>>,
    ) -> Diagnostic {
        Diagnostic {
            location: loc.render(self.file),
            key: key.to_string(),
            message: message.into(),
            help: help.into(),
        }
    }

    pub(super) fn error(
        &mut self,
        loc: &Loc,
        key: &str,
        message: impl Into<String>,
        help: impl Into<Option<String>>,
    ) {
        let d = self.diagnostic(loc, key, message, help);
        self.errors.push(d);
    }

    pub(super) fn warn(
        &mut self,
        loc: &Loc,
        key: &str,
        message: impl Into<String>,
        help: impl Into<Option<String>>,
    ) {
        let d = self.diagnostic(loc, key, message, help);
        self.warnings.push(d);
    }

    /// The errors found; a value missing without an error of its own (which the
    /// rules should never allow) still fails, with a general message.
    pub(super) fn into_error(self) -> ScenarioError {
        let mut errors = self.errors;
        if errors.is_empty() {
            errors.push(Diagnostic {
                location: self.file.to_string(),
                key: String::new(),
                message: "the scenario is incomplete".to_string(),
                help: None,
            });
        }
        ScenarioError::Invalid(errors)
    }
}
