//! 民主评议党员 (`DemocraticReview`, seed 003: the e-ledger keeps "民主评议"): once a year every
//! member of a branch is given a grade (`Appraisal`: 优秀 / 合格 / 基本合格 / 不合格) at the
//! branch's appraisal meeting, which is the 民主评议 record of its e-ledger. A member graded
//! 不合格 must have the handling decided (限期改正, 劝其退党 or 除名, with a note).
//!
//! The secretary enters the whole branch on one sheet for a year ([`DemocraticReview`]);
//! [`validate_review`] turns it into one [`MemberAppraisal`] per graded member, or refuses it
//! with every problem at once. One appraisal per member and year: the stored key is
//! `member|YYYY` ([`appraisal_key`]).
//!
//! The meeting may be held in the year appraised or in the year after (an appraisal of 2025
//! is customarily held with the 组织生活会 in January or February 2026); its date is the linked
//! ledger record's date, never typed twice.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::rating_problem::{done, Field, Problem, Problems};
use crate::domain::ledger::{LedgerRecord, MeetingKind};
use crate::domain::org::Member;
use crate::domain::values::date::Date;
use crate::domain::values::period::Year;
use crate::domain::values::ratio::Ratio;

/// Longest handling note, in characters.
pub const MAX_NOTE_CHARS: usize = 200;

/// A member's grade of the year (民主评议等次), best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Appraisal {
    /// 优秀
    Excellent,
    /// 合格
    Qualified,
    /// 基本合格
    BasicallyQualified,
    /// 不合格
    Unqualified,
}

impl Appraisal {
    /// Every grade, best first.
    pub const ALL: [Appraisal; 4] =
        [Appraisal::Excellent, Appraisal::Qualified, Appraisal::BasicallyQualified, Appraisal::Unqualified];

    /// Stable code, the same as its serde name.
    pub fn code(self) -> &'static str {
        match self {
            Appraisal::Excellent => "excellent",
            Appraisal::Qualified => "qualified",
            Appraisal::BasicallyQualified => "basically_qualified",
            Appraisal::Unqualified => "unqualified",
        }
    }

    /// Parses [`Appraisal::code`].
    pub fn from_code(code: &str) -> Option<Appraisal> {
        Appraisal::ALL.into_iter().find(|g| g.code() == code)
    }

    /// 合格 or better (优秀, 合格) — the share the rubric may score.
    pub fn is_qualified_or_better(self) -> bool {
        matches!(self, Appraisal::Excellent | Appraisal::Qualified)
    }
}

/// What the branch decided for a member graded 不合格 (党员处置).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Handling {
    /// 限期改正: rectify within a set time.
    Rectify,
    /// 劝其退党: persuaded to leave the Party.
    PersuadeToLeave,
    /// 除名: removed from the Party.
    Remove,
}

impl Handling {
    /// Every handling, mildest first.
    pub const ALL: [Handling; 3] = [Handling::Rectify, Handling::PersuadeToLeave, Handling::Remove];

    /// Stable code, the same as its serde name.
    pub fn code(self) -> &'static str {
        match self {
            Handling::Rectify => "rectify",
            Handling::PersuadeToLeave => "persuade_to_leave",
            Handling::Remove => "remove",
        }
    }

    /// Parses [`Handling::code`].
    pub fn from_code(code: &str) -> Option<Handling> {
        Handling::ALL.into_iter().find(|h| h.code() == code)
    }
}

/// One member's appraisal of one year, as stored (key `member|YYYY`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberAppraisal {
    /// The member's id.
    pub member: String,
    /// The branch that appraised them.
    pub branch: String,
    /// The year appraised.
    pub year: Year,
    /// The grade.
    pub grade: Appraisal,
    /// The day of the appraisal meeting (the linked record's date).
    pub meeting: Date,
    /// The id of the branch's 民主评议 ledger record.
    pub record: String,
    /// For 不合格: the handling decided. Absent for every other grade.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling: Option<Handling>,
    /// A note on the handling (its term, who talked with the member); empty unless 不合格.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl MemberAppraisal {
    /// The storage key: one appraisal per member and year.
    pub fn key(&self) -> String {
        appraisal_key(&self.member, self.year)
    }
}

/// The key of `member`'s appraisal for `year`: `member|YYYY`.
pub fn appraisal_key(member: &str, year: Year) -> String {
    format!("{member}|{year}")
}

/// One member's row of the sheet as the form holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppraisalRow {
    /// The member's id.
    pub member: String,
    /// The grade chosen, `None` while not graded (the row is then not saved).
    pub grade: Option<Appraisal>,
    /// The handling chosen (kept only for 不合格).
    pub handling: Option<Handling>,
    /// The handling note (kept only for 不合格).
    pub note: String,
}

/// A branch's appraisal of one year, entered on one sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemocraticReview {
    /// The branch.
    pub branch: String,
    /// The year appraised.
    pub year: Year,
    /// The id of the 民主评议 ledger record of the meeting; empty while none is chosen.
    pub record: String,
    /// One row per member.
    pub rows: Vec<AppraisalRow>,
}

impl DemocraticReview {
    /// The keys of `stored` appraisals of this branch and year that the sheet no longer grades:
    /// saving it deletes them (the UI asks first).
    pub fn cleared(&self, stored: &[MemberAppraisal]) -> Vec<String> {
        let graded: HashSet<&str> = self.rows.iter().filter(|r| r.grade.is_some()).map(|r| r.member.as_str()).collect();
        stored
            .iter()
            .filter(|a| a.branch == self.branch && a.year == self.year && !graded.contains(a.member.as_str()))
            .map(MemberAppraisal::key)
            .collect()
    }
}

/// The ledger records a branch's appraisal of `year` may be linked to: its 民主评议 records held
/// in `year` or the year after, latest first.
pub fn review_records<'a>(branch: &str, year: Year, ledger: &'a [LedgerRecord]) -> Vec<&'a LedgerRecord> {
    let mut records: Vec<&LedgerRecord> = ledger
        .iter()
        .filter(|r| {
            r.branch == branch
                && r.kind == MeetingKind::DemocraticReview
                && (r.date.year() == year.number() || r.date.year() == year.number() + 1)
        })
        .collect();
    records.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    records
}

/// The sheet of `branch` for `year` as its form opens: a row for every active member of the
/// roll and every member the branch already appraised that year (in roll order), filled with
/// the stored grades; linked to the stored appraisals' record, or else the latest eligible
/// 民主评议 record ([`review_records`]), or none.
pub fn review_sheet(
    branch: &str,
    year: Year,
    roll: &[Member],
    stored: &[MemberAppraisal],
    ledger: &[LedgerRecord],
) -> DemocraticReview {
    let mine: Vec<&MemberAppraisal> = stored.iter().filter(|a| a.branch == branch && a.year == year).collect();
    let rows = roll
        .iter()
        .filter(|m| m.branch == branch)
        .filter(|m| m.status.is_active() || mine.iter().any(|a| a.member == m.id))
        .map(|m| {
            let found = mine.iter().find(|a| a.member == m.id);
            AppraisalRow {
                member: m.id.clone(),
                grade: found.map(|a| a.grade),
                handling: found.and_then(|a| a.handling),
                note: found.map(|a| a.note.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let record = mine
        .first()
        .map(|a| a.record.clone())
        .or_else(|| review_records(branch, year, ledger).first().map(|r| r.id.clone()))
        .unwrap_or_default();
    DemocraticReview { branch: branch.to_string(), year, record, rows }
}

/// Checks a branch's sheet and returns the appraisals to store, one per graded row, in row
/// order — or every problem at once.
///
/// - the year has begun (`today` is in it or later);
/// - the linked record is a 民主评议 record of the branch held in the year or the year after,
///   and not after `today` (the meeting's date is the record's);
/// - at least one member graded; every graded member on the branch's roll, once;
/// - a member already appraised for the year by another branch (`stored`) is refused;
/// - 不合格 requires the handling; its note at most [`MAX_NOTE_CHARS`]. For any other grade
///   handling and note are dropped.
pub fn validate_review(
    review: &DemocraticReview,
    roll: &[Member],
    ledger: &[LedgerRecord],
    stored: &[MemberAppraisal],
    today: Date,
) -> Result<Vec<MemberAppraisal>, Problems> {
    let mut problems = Problems::new();
    if review.year.number() > today.year() {
        problems.push(Problem::NotBegun);
    }
    let meeting = if review.record.trim().is_empty() {
        problems.push(Problem::Required(Field::Meeting));
        None
    } else {
        match review_records(&review.branch, review.year, ledger).into_iter().find(|r| r.id == review.record) {
            None => {
                problems.push(Problem::NotAReviewRecord(review.record.clone()));
                None
            }
            Some(r) if r.date > today => {
                problems.push(Problem::InFuture(Field::Meeting));
                None
            }
            Some(r) => Some(r.date),
        }
    };
    let mut seen = HashSet::new();
    let mut appraisals = Vec::new();
    for row in review.rows.iter() {
        let Some(grade) = row.grade else { continue };
        if !seen.insert(row.member.as_str()) {
            problems.push(Problem::Twice(row.member.clone()));
            continue;
        }
        if !roll.iter().any(|m| m.id == row.member && m.branch == review.branch) {
            problems.push(Problem::NotOnRoll(row.member.clone()));
        }
        if let Some(other) =
            stored.iter().find(|a| a.member == row.member && a.year == review.year && a.branch != review.branch)
        {
            problems.push(Problem::AppraisedElsewhere { member: row.member.clone(), branch: other.branch.clone() });
        }
        let unqualified = grade == Appraisal::Unqualified;
        let note = if unqualified { row.note.trim().to_string() } else { String::new() };
        if unqualified && row.handling.is_none() {
            problems.push(Problem::HandlingRequired(row.member.clone()));
        }
        if note.chars().count() > MAX_NOTE_CHARS {
            problems.push(Problem::NoteTooLong(row.member.clone(), MAX_NOTE_CHARS));
        }
        appraisals.push(MemberAppraisal {
            member: row.member.clone(),
            branch: review.branch.clone(),
            year: review.year,
            grade,
            meeting: meeting.unwrap_or(today),
            record: review.record.clone(),
            handling: if unqualified { row.handling } else { None },
            note,
        });
    }
    if seen.is_empty() {
        problems.push(Problem::NothingEntered);
    }
    done(appraisals, problems)
}

/// How many members of a branch got each grade in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AppraisalCounts {
    /// 优秀
    pub excellent: u32,
    /// 合格
    pub qualified: u32,
    /// 基本合格
    pub basically_qualified: u32,
    /// 不合格
    pub unqualified: u32,
}

impl AppraisalCounts {
    /// Members appraised.
    pub fn total(&self) -> u32 {
        self.excellent + self.qualified + self.basically_qualified + self.unqualified
    }

    /// The count of one grade.
    pub fn of(&self, grade: Appraisal) -> u32 {
        match grade {
            Appraisal::Excellent => self.excellent,
            Appraisal::Qualified => self.qualified,
            Appraisal::BasicallyQualified => self.basically_qualified,
            Appraisal::Unqualified => self.unqualified,
        }
    }

    /// Members appraised 合格 or better among those appraised (an exact ratio; its `percent` is
    /// `None` when nobody was appraised).
    pub fn qualified_or_better(&self) -> Ratio {
        Ratio { numerator: self.excellent + self.qualified, denominator: self.total() }
    }
}

/// The grade counts of `branch`'s appraisals of `year` among `appraisals` (any others are
/// ignored, so the CLI can pass every stored appraisal).
pub fn appraisal_counts(appraisals: &[MemberAppraisal], branch: &str, year: Year) -> AppraisalCounts {
    let mut counts = AppraisalCounts::default();
    for a in appraisals.iter().filter(|a| a.branch == branch && a.year == year) {
        match a.grade {
            Appraisal::Excellent => counts.excellent += 1,
            Appraisal::Qualified => counts.qualified += 1,
            Appraisal::BasicallyQualified => counts.basically_qualified += 1,
            Appraisal::Unqualified => counts.unqualified += 1,
        }
    }
    counts
}
