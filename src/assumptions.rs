//! Where the defaults come from (MODEL.md §6), printed by `adoptcost assumptions`.

/// How far a default can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Backed by a public figure.
    Sourced,
    /// Public figures disagree.
    Contested,
    /// No public figure supports it yet: replace it with your own.
    ProjectAssumption,
}

impl Standing {
    pub fn flag(self) -> &'static str {
        match self {
            Standing::Sourced => "",
            Standing::Contested => "CONTESTED",
            Standing::ProjectAssumption => "PROJECT ASSUMPTION",
        }
    }
}

pub struct Assumption {
    pub input: &'static str,
    pub default: &'static str,
    pub unit: &'static str,
    pub standing: Standing,
    pub source: &'static str,
}

pub const ASSUMPTIONS: [Assumption; 16] = [
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
        default: "45",
        unit: "calendar days",
        standing: Standing::Sourced,
        source: "LinkedIn: 49 days from application to start for engineering roles (2021); other surveys 35-58 days",
    },
    Assumption {
        input: "hiring.fee",
        default: "0.20",
        unit: "share of a hire's annual salary",
        standing: Standing::Sourced,
        source: "agency fees for software engineers are 15-25% of first-year salary, 20% common; SHRM's average cost per hire ~$4,700",
    },
    Assumption {
        input: "team.overhead",
        default: "0.30",
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
        default: "0.5",
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
        default: "1.0",
        unit: "relative to the current stack",
        standing: Standing::Sourced,
        source: "Google: Rust teams as productive as Go teams, and reported more than twice as productive as C++ teams (Bergstrom, 2024); above 1 only with evidence from your own teams: 2.0 means every engineer saves a full loaded month every month",
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
        default: "0.3",
        unit: "relative to the current stack",
        standing: Standing::ProjectAssumption,
        source: "no public figure; replace with your own",
    },
    Assumption {
        input: "ramp.mentoring",
        default: "0.1",
        unit: "share of an experienced engineer's time per learner",
        standing: Standing::ProjectAssumption,
        source: "no public figure; replace with your own",
    },
    Assumption {
        input: "hiring.know_rust",
        default: "0.5",
        unit: "share of hires already productive in Rust",
        standing: Standing::ProjectAssumption,
        source: "no public figure; replace with your own",
    },
];

/// Every default of every key, then the sources, as plain text for a terminal.
pub fn render() -> String {
    use crate::scenario::spec::{DefaultValue, INPUTS, PRESETS};
    let mut out = String::from(
        "Every default (MODEL.md §1). Keys marked * are taken from the builds.size preset.\n\n",
    );
    let mut rows: Vec<(String, String, String, String)> = vec![
        (
            "scenario.months".into(),
            "24".into(),
            "months".into(),
            String::new(),
        ),
        (
            "scenario.currency".into(),
            "USD".into(),
            "label".into(),
            String::new(),
        ),
        (
            "scenario.discount_rate".into(),
            "0".into(),
            "annual rate".into(),
            String::new(),
        ),
    ];
    for spec in &INPUTS {
        let key = spec.dotted();
        let default = match spec.default {
            DefaultValue::Required => "required".to_string(),
            DefaultValue::Fixed(v) => v.to_string(),
            DefaultValue::Range(l, h) => format!("[{l}, {h}]"),
            DefaultValue::Preset => {
                let of = |p: &crate::scenario::spec::BuildPreset| match spec.key {
                    "clean_minutes" => format!("[{}, {}]", p.clean.0, p.clean.1),
                    "incremental_minutes" => format!("[{}, {}]", p.incremental.0, p.incremental.1),
                    "baseline_clean_minutes" => p.baseline_clean.to_string(),
                    _ => p.baseline_incremental.to_string(),
                };
                let all: Vec<String> = PRESETS
                    .iter()
                    .map(|p| format!("{} {}", p.name, of(p)))
                    .collect();
                format!("* {}", all.join(" / "))
            }
        };
        let flag = ASSUMPTIONS
            .iter()
            .find(|a| a.input == key || a.input.split(", ").any(|k| k == key))
            .map_or("", |a| a.standing.flag());
        let unit = if spec.unit == crate::scenario::Unit::Money {
            "money".to_string()
        } else {
            spec.unit.name().to_string()
        };
        // The section's fixed keys come first.
        match key.as_str() {
            "team.salary" => rows.push((
                "team.engineers".into(),
                "required".into(),
                "engineers".into(),
                String::new(),
            )),
            "hiring.days_to_hire" => rows.push((
                "hiring.plan".into(),
                "[] (no openings)".into(),
                "openings".into(),
                String::new(),
            )),
            "builds.clean_minutes" => {
                rows.push((
                    "builds.size".into(),
                    "large".into(),
                    "preset".into(),
                    String::new(),
                ));
                rows.push((
                    "builds.hours_per_day".into(),
                    "8".into(),
                    "hours".into(),
                    String::new(),
                ));
                rows.push((
                    "builds.holidays".into(),
                    "[] (none)".into(),
                    "dates".into(),
                    String::new(),
                ));
            }
            "benefits.infra_per_month" => rows.push((
                "benefits.from".into(),
                "scenario.start".into(),
                "month".into(),
                String::new(),
            )),
            _ => {}
        }
        rows.push((key, default, unit, flag.to_string()));
    }
    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let dwidth = rows
        .iter()
        .map(|r| r.1.chars().count())
        .max()
        .unwrap_or(0)
        .min(44);
    for (key, default, unit, flag) in &rows {
        let flag = if flag.is_empty() {
            String::new()
        } else {
            format!("  [{flag}]")
        };
        out.push_str(&format!(
            "  {key:<width$}  {default:<dwidth$}  {unit}{flag}\n"
        ));
    }
    out.push_str("\nWhere they come from (MODEL.md §6). Replace PROJECT ASSUMPTION values with your own figures.\n\n");
    for a in &ASSUMPTIONS {
        let flag = if a.standing.flag().is_empty() {
            String::new()
        } else {
            format!("  [{}]", a.standing.flag())
        };
        out.push_str(&format!(
            "{}  =  {}  ({}){}\n",
            a.input, a.default, a.unit, flag
        ));
        out.push_str(&wrap(a.source, 88, "    "));
        out.push('\n');
    }
    out
}

fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            out.push_str(indent);
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(indent);
        out.push_str(&line);
        out.push('\n');
    }
    out
}
