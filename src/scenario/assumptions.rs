//! Where the defaults come from (MODEL.md §6): how far each can be trusted and
//! its source. `adoptcost assumptions` prints them (`output/assumptions.rs`) and
//! the workbook's Assumptions sheet and the report's inputs table list them.

use rust_decimal::Decimal;

use super::spec::{self, INPUTS};
use super::{BUILTIN_INPUTS, Scenario, Uncertain};

/// How far a default can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Standing {
    /// Backed by a public figure.
    Sourced,
    /// Public figures disagree.
    Contested,
    /// No public figure supports it yet: replace it with your own.
    ProjectAssumption,
}

impl Standing {
    pub(crate) fn flag(self) -> &'static str {
        match self {
            Standing::Sourced => "",
            Standing::Contested => "CONTESTED",
            Standing::ProjectAssumption => "PROJECT ASSUMPTION",
        }
    }
}

impl Standing {
    /// The flag in a reader's words, for the report: "contested", "project
    /// assumption", or "sourced" for a default backed by a public figure.
    pub(crate) fn words(self) -> &'static str {
        match self {
            Standing::Sourced => "sourced",
            Standing::Contested => "contested",
            Standing::ProjectAssumption => "project assumption",
        }
    }
}

/// Where the value of one of a scenario's inputs comes from.
#[derive(Clone, Copy)]
pub(crate) enum Origin {
    /// A `[[costs]]` amount: always the scenario's own.
    Custom,
    /// A built-in input written (or `--set`) differently from its default.
    Yours,
    /// The default, with its MODEL.md §6 source when there is one.
    Default(Option<&'static Assumption>),
}

/// Where input `index` of `scenario` comes from.
pub(crate) fn origin(scenario: &Scenario, index: usize) -> Origin {
    if index >= BUILTIN_INPUTS {
        return Origin::Custom;
    }
    let input = &scenario.inputs[index];
    let default = INPUTS[index].default_value(spec::preset(&scenario.build_size));
    if default.as_ref() != Some(&input.value) {
        return Origin::Yours;
    }
    Origin::Default(source_of(scenario, &input.key))
}

/// Where the §6 source of an input's default lives (an entry may name several
/// keys, "builds.incremental_per_day, builds.clean_per_day").
fn source_of(scenario: &Scenario, key: &str) -> Option<&'static Assumption> {
    let large = scenario.build_size == "large";
    let entry = match key {
        "builds.clean_minutes" | "builds.incremental_minutes" if large => "builds (large)",
        "builds.clean_minutes" | "builds.incremental_minutes" => "builds (medium, small)",
        "builds.baseline_clean_minutes" | "builds.baseline_incremental_minutes" => {
            "builds baseline (Go)"
        }
        other => other,
    };
    ASSUMPTIONS
        .iter()
        .find(|a| a.input == entry || a.input.split(", ").any(|k| k == entry))
}

/// An uncertain value as written, in words.
pub(crate) fn describe(value: &Uncertain) -> String {
    let n = |d: &Decimal| d.normalize().to_string();
    match value {
        Uncertain::Fixed(v) => format!("fixed {}", n(v)),
        Uncertain::Uniform { low, high } => format!("uniform {} to {}", n(low), n(high)),
        Uncertain::Triangular { low, mode, high } => {
            format!("triangular {} / {} / {}", n(low), n(mode), n(high))
        }
        Uncertain::Pert { low, mode, high } => {
            format!("pert {} / {} / {}", n(low), n(mode), n(high))
        }
        Uncertain::Normal { low, high } => format!("normal, 90% in {} to {}", n(low), n(high)),
        Uncertain::Lognormal { low, high } => {
            format!("lognormal, 90% in {} to {}", n(low), n(high))
        }
    }
}

pub(crate) struct Assumption {
    pub(crate) input: &'static str,
    pub(crate) default: &'static str,
    pub(crate) unit: &'static str,
    pub(crate) standing: Standing,
    pub(crate) source: &'static str,
}

pub(crate) const ASSUMPTIONS: [Assumption; 19] = [
    Assumption {
        input: "ramp.months",
        default: "3-6",
        unit: "months",
        standing: Standing::Contested,
        source: "the seed article (\"Teams report 3-6 months before new Rust developers become productive\"). Google's 2022 survey is more optimistic: a third of engineers as productive as before within 2 months, over half within 4 (opensource.googleblog.com, 2023-06, \"Rust fact vs. fiction\")",
    },
    Assumption {
        input: "hiring.multiplier",
        default: "2-3",
        unit: "times the current time to hire",
        standing: Standing::Sourced,
        source: "the seed article (\"2-3x longer time-to-hire\"); no independent figure found",
    },
    Assumption {
        input: "hiring.premium",
        default: "0.20-0.30",
        unit: "share of salary",
        standing: Standing::Contested,
        source: "the seed article; O'Reilly's 2021 salary survey shows Rust and Go pay about the same (~$180k vs $179k), so this is contested",
    },
    Assumption {
        input: "hiring.days_to_hire",
        default: "35-55 (base 45)",
        unit: "calendar days",
        standing: Standing::Sourced,
        source: "LinkedIn: 49 days from application to start for engineering roles (2021); other surveys 35-58 days",
    },
    Assumption {
        input: "hiring.fee",
        default: "0.15-0.25 (base 0.20)",
        unit: "share of a hire's annual salary",
        standing: Standing::Sourced,
        source: "agency fees for software engineers are 15-25% of first-year salary, 20% common; SHRM's average cost per hire ~$4,700",
    },
    Assumption {
        input: "team.overhead",
        default: "0.25-0.35 (base 0.30)",
        unit: "share of salary",
        standing: Standing::Sourced,
        source: "fully loaded cost is typically 1.25-1.4x base salary; BLS: benefits ~30% of total compensation",
    },
    Assumption {
        input: "builds (large)",
        default: "clean 10-30, incremental 1-3",
        unit: "minutes",
        standing: Standing::Sourced,
        source: "the seed article; the Rust Compiler Performance Survey 2025 finds incremental rebuilds of 101-500k-line projects mostly under 1 min and of >500k-line projects mostly 1-5 min",
    },
    Assumption {
        input: "builds (medium, small)",
        default: "clean 2-10 / 0.5-2, incremental 0.2-0.5 / 0.1-0.2",
        unit: "minutes",
        standing: Standing::ProjectAssumption,
        source: "interpolated from the Rust Compiler Performance Survey 2025 (incremental: 11-100k lines mostly <= 30 s; under 10k lines mostly <= 10 s)",
    },
    Assumption {
        input: "builds baseline (Go)",
        default: "clean 3 / 1 / 0.2, incremental 0.25 / 0.1 / 0.05",
        unit: "minutes (large / medium / small)",
        standing: Standing::ProjectAssumption,
        source: "Go's build cache rebuilds a large program in seconds (e.g. ~3.5 s vs ~23 s clean in the cmd/go cache change)",
    },
    Assumption {
        input: "builds.lost_share",
        default: "0.25-0.75 (base 0.5)",
        unit: "work lost per minute waiting",
        standing: Standing::ProjectAssumption,
        source: "a resumed task takes 10-15 min to get back into (Parnin & Rugaber 2011), so long waits lose more than their length",
    },
    Assumption {
        input: "builds.ci_cost_per_minute",
        default: "0.008",
        unit: "money per CI minute",
        standing: Standing::Sourced,
        source: "a common hosted price per Linux CI minute",
    },
    Assumption {
        input: "ramp.steady_productivity",
        default: "0.9-1.1 (base 1.0)",
        unit: "relative to the current stack",
        standing: Standing::Sourced,
        source: "Google: Rust teams as productive as Go teams, and reported more than twice as productive as C++ teams (Bergstrom, 2024); above 1 only with evidence from your own teams: 2.0 means every engineer saves a full loaded month every month. The seed article says a CRUD API is slower to build in Rust: the range allows both directions",
    },
    Assumption {
        input: "benefits.incident_reduction",
        default: "0.7",
        unit: "share of incidents avoided",
        standing: Standing::Sourced,
        source: "~70% of serious security bugs in C/C++ code bases are memory-safety bugs (Microsoft 2019, Chromium)",
    },
    Assumption {
        input: "ramp.start_productivity",
        default: "0.2-0.4 (base 0.3)",
        unit: "relative to the current stack",
        standing: Standing::ProjectAssumption,
        source: "no public figure; written as a range because it is a guess: replace it with your own",
    },
    Assumption {
        input: "ramp.mentoring",
        default: "0.05-0.15 (base 0.1)",
        unit: "share of an experienced engineer's time per learner",
        standing: Standing::ProjectAssumption,
        source: "no public figure; written as a range because it is a guess: replace it with your own",
    },
    Assumption {
        input: "hiring.know_rust",
        default: "0.3-0.7 (base 0.5)",
        unit: "share of hires already productive in Rust",
        standing: Standing::ProjectAssumption,
        source: "no public figure; written as a range because it is a guess: replace it with your own",
    },
    Assumption {
        input: "builds.incremental_per_day, builds.clean_per_day",
        default: "10-30, 0.1-0.3 (bases 20, 0.2)",
        unit: "builds per engineer per working day",
        standing: Standing::ProjectAssumption,
        source: "no public figure; count your own team's builds (CI logs, editor telemetry) and replace them",
    },
    Assumption {
        input: "benefits.ramp_months",
        default: "0",
        unit: "months until savings are full",
        standing: Standing::ProjectAssumption,
        source: "set it to the months a rewrite takes to carry full traffic",
    },
    Assumption {
        input: "team.attrition",
        default: "0 (off; `adoptcost new` writes 0.13)",
        unit: "share of the Rust engineers leaving per year",
        standing: Standing::Sourced,
        source: "LinkedIn's 2018 workforce data: software had the highest turnover of any industry, 13.2% a year; replacing an engineer costs well beyond the fee (vacancy, ramp), which is what this input models",
    },
];
