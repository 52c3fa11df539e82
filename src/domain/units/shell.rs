//! Screening for shell organisations (空壳党组织): Party organisations in non-public units that
//! exist on paper but no longer work — their unit has closed, too few full members remain to be
//! an organisation, or they hold no organisational life — and the committee's decision on each.
//!
//! The screening is a list of suspicions for a person to look at, not a verdict: every cause is
//! a plain fact from the registry, the roll and the ledger, and nothing changes until someone
//! records a [`ShellDecision`].

use serde::{Deserialize, Serialize};

use crate::domain::ledger::{LedgerRecord, MeetingKind};
use crate::domain::org::{is_descendant_or_self, Member, MemberStatus, Org};
use crate::domain::units::calendar;
use crate::domain::units::coverage::formation_at;
use crate::domain::units::formation::MIN_STANDALONE_FULL_MEMBERS;
use crate::domain::units::unit::{BusinessStatus, Unit};
use crate::domain::values::date::Date;
use crate::domain::values::period::Month;

/// How many months without organisational life raise a flag unless the caller says otherwise:
/// a quarter, the longest interval at which any 三会一课 meeting is due.
pub const DEFAULT_LIFE_MONTHS: u32 = 3;
/// Longest screening window a committee may set: two years of silence is already beyond doubt.
pub const MAX_LIFE_MONTHS: u32 = 24;

/// The screening window's months as typed in Settings: a whole number 1..=[`MAX_LIFE_MONTHS`]
/// (0 would flag every organisation that has not met yet this month). `None` when it is not one.
pub fn parse_life_months(text: &str) -> Option<u32> {
    text.trim().parse::<u32>().ok().filter(|m| (1..=MAX_LIFE_MONTHS).contains(m))
}

/// The stored setting as the screening uses it: [`DEFAULT_LIFE_MONTHS`] when absent or not a
/// valid number (an older or hand-edited backup), so the screening never fails on a setting.
pub fn life_months_or_default(stored: Option<&str>) -> u32 {
    stored.and_then(parse_life_months).unwrap_or(DEFAULT_LIFE_MONTHS)
}

/// Longest reason of a decision, in characters.
pub const MAX_REASON_CHARS: usize = 500;

/// Why an organisation looks like a shell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "cause", rename_all = "snake_case")]
pub enum ShellCause {
    /// A unit the organisation covers is bankrupt, restructured or deregistered.
    UnitClosed {
        /// The unit.
        unit: String,
        /// Its status.
        status: BusinessStatus,
    },
    /// Fewer full members than an organisation needs on its roll.
    TooFewMembers {
        /// Full members on the roll.
        full: u32,
    },
    /// No organisational life recorded from the first day of `since` to the screening day.
    NoOrganisationalLife {
        /// The first month looked at.
        since: Month,
    },
}

/// An organisation that screening found, with every cause that holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShellFlag {
    /// The organisation.
    pub org: String,
    /// Every cause found; never empty.
    pub causes: Vec<ShellCause>,
}

/// The span screening looks at for organisational life, and within which a decision counts.
///
/// It runs from the first day of the month `months` before the screening day's month to that
/// day: the last `months` whole months and the current one so far. Whole months rather than the
/// same day `months` back, so an organisation is never flagged for a meeting held a few days
/// "too early" in the month — a flag is an accusation and errs on the side of fewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// The first month.
    pub since: Month,
    /// Its first day; `None` when that lies before the first representable date, so everything
    /// recorded counts.
    pub from: Option<Date>,
    /// The screening day.
    pub to: Date,
}

impl Window {
    /// The window for screening on `date` over `months` months (0: the current month so far).
    pub fn new(date: Date, months: u32) -> Window {
        let since = calendar::months_before(Month::of(date), months);
        Window { since, from: calendar::first_day(since), to: date }
    }

    /// Whether `date` lies inside.
    pub fn contains(self, date: Date) -> bool {
        self.from.is_none_or(|from| from <= date) && date <= self.to
    }
}

/// Whether a ledger record of this kind is organisational life (组织生活): all of them but
/// "other", which the ledger keeps for activities no rule requires.
pub fn is_organisational_life(kind: MeetingKind) -> bool {
    kind != MeetingKind::Other
}

/// Screens, on `date`, every existing, non-archived organisation that covers a unit by a
/// standalone, joint or attached formation in effect then. Ids of missing or archived orgs are
/// skipped: `formation::validate_formations` reports them, and coverage counts such a unit as
/// uncovered (`coverage::with_live_formations`).
///
/// - The roll and the ledger of an organisation are those of it and every branch under it, since
///   members and meetings are recorded on branches and a host organisation may be a committee.
/// - Organisational life is looked for in [`Window::new`]`(date, months)`; an organisation
///   founded after the window's first day is not yet judged on it (one that existed for the
///   whole window is).
///
/// Flags come in the order their organisation's first unit is given; causes as listed in
/// [`ShellCause`], closed units in the order given.
pub fn screen(
    units: &[Unit],
    orgs: &[Org],
    members: &[Member],
    ledger: &[LedgerRecord],
    date: Date,
    months: u32,
) -> Vec<ShellFlag> {
    let window = Window::new(date, months);
    let mut order: Vec<&Org> = Vec::new();
    for unit in units.iter().filter(|u| u.registered <= date) {
        let Some(org_id) = formation_at(unit, date).and_then(|f| f.org()) else { continue };
        let Some(org) = orgs.iter().find(|o| o.id == org_id && !o.archived) else { continue };
        if !order.iter().any(|o| o.id == org.id) {
            order.push(org);
        }
    }
    order
        .into_iter()
        .filter_map(|org| {
            let causes = causes_of(org, units, orgs, members, ledger, date, window);
            (!causes.is_empty()).then(|| ShellFlag { org: org.id.clone(), causes })
        })
        .collect()
}

fn causes_of(
    org: &Org,
    units: &[Unit],
    orgs: &[Org],
    members: &[Member],
    ledger: &[LedgerRecord],
    date: Date,
    window: Window,
) -> Vec<ShellCause> {
    let mut causes = Vec::new();
    for unit in units.iter().filter(|u| u.registered <= date) {
        let covers = formation_at(unit, date).and_then(|f| f.org()) == Some(org.id.as_str());
        let closed = unit.status.closes_unit() && unit.status_date.is_none_or(|d| d <= date);
        if covers && closed {
            causes.push(ShellCause::UnitClosed { unit: unit.id.clone(), status: unit.status });
        }
    }
    let within = |branch: &str| is_descendant_or_self(orgs, branch, &org.id);
    let full = members.iter().filter(|m| m.status == MemberStatus::Full && within(&m.branch)).count();
    let full = u32::try_from(full).unwrap_or(u32::MAX);
    if full < MIN_STANDALONE_FULL_MEMBERS {
        causes.push(ShellCause::TooFewMembers { full });
    }
    let too_young = match (org.founded, window.from) {
        (Some(founded), Some(from)) => founded > from,
        _ => false,
    };
    let held = ledger.iter().any(|r| is_organisational_life(r.kind) && window.contains(r.date) && within(&r.branch));
    if !held && !too_young {
        causes.push(ShellCause::NoOrganisationalLife { since: window.since });
    }
    causes
}

/// What the committee decided about a flagged organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShellAction {
    /// 整顿: put it back in order.
    Rectify,
    /// 合并: merge it into another organisation.
    Merge,
    /// 撤销: dissolve it.
    Dissolve,
    /// 保留: keep it as it is; the flag was explained.
    Keep,
}

impl ShellAction {
    /// Every action.
    pub const ALL: [ShellAction; 4] =
        [ShellAction::Rectify, ShellAction::Merge, ShellAction::Dissolve, ShellAction::Keep];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            ShellAction::Rectify => "rectify",
            ShellAction::Merge => "merge",
            ShellAction::Dissolve => "dissolve",
            ShellAction::Keep => "keep",
        }
    }

    /// Parses [`ShellAction::code`].
    pub fn from_code(code: &str) -> Option<ShellAction> {
        ShellAction::ALL.into_iter().find(|a| a.code() == code)
    }
}

/// A decision on a flagged organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShellDecision {
    /// The organisation.
    pub org: String,
    /// What was decided.
    pub decision: ShellAction,
    /// Why — required, because "keep" without a reason is exactly what a later check asks about.
    pub reason: String,
    /// The day it was decided.
    pub date: Date,
}

/// The form field a decision problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecisionField {
    /// The organisation.
    Org,
    /// The reason.
    Reason,
    /// The date.
    Date,
}

/// What is wrong with a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionProblem {
    /// No such organisation. An archived one is accepted: dissolving ends in archiving, and
    /// the decision may be written down after.
    OrgMissing,
    /// The reason is empty.
    ReasonRequired,
    /// The reason is longer than the limit (characters).
    ReasonTooLong(usize),
    /// The date lies after today.
    InFuture,
}

impl DecisionProblem {
    /// The field to show the problem next to.
    pub fn field(self) -> DecisionField {
        match self {
            DecisionProblem::OrgMissing => DecisionField::Org,
            DecisionProblem::ReasonRequired | DecisionProblem::ReasonTooLong(_) => DecisionField::Reason,
            DecisionProblem::InFuture => DecisionField::Date,
        }
    }
}

/// Validates a decision; returns it with its reason trimmed, or every problem at once.
pub fn validate_decision(
    mut decision: ShellDecision,
    orgs: &[Org],
    today: Date,
) -> Result<ShellDecision, Vec<DecisionProblem>> {
    let mut problems = Vec::new();
    decision.reason = decision.reason.trim().to_string();
    if !orgs.iter().any(|o| o.id == decision.org) {
        problems.push(DecisionProblem::OrgMissing);
    }
    if decision.reason.is_empty() {
        problems.push(DecisionProblem::ReasonRequired);
    } else if decision.reason.chars().count() > MAX_REASON_CHARS {
        problems.push(DecisionProblem::ReasonTooLong(MAX_REASON_CHARS));
    }
    if decision.date > today {
        problems.push(DecisionProblem::InFuture);
    }
    if problems.is_empty() {
        Ok(decision)
    } else {
        Err(problems)
    }
}

/// The flags still waiting for a decision on `date`. A flag is decided when its organisation has
/// a decision dated inside the same [`Window`] the screening looked at. Simpler than matching a
/// decision to the day each cause arose, which the records do not keep; the cost is that a
/// decision stops counting once it falls out of the window, so an organisation still flagged
/// then comes up again — which is what a periodic review of shells wants anyway.
pub fn open_flags<'a>(
    flags: &'a [ShellFlag],
    decisions: &[ShellDecision],
    date: Date,
    months: u32,
) -> Vec<&'a ShellFlag> {
    let window = Window::new(date, months);
    flags.iter().filter(|flag| !decisions.iter().any(|d| d.org == flag.org && window.contains(d.date))).collect()
}
