//! 每半年互评打分 (`MutualScore`, seed 003): every half year the members of a branch score each
//! other 0–100. The secretary enters, per member, either each rater's score or the summary mean
//! the branch worked out on paper. A member whose mean is **below** the committee's threshold
//! ([`crate::domain::members::settings::MemberSettings::talk_threshold`], default 60) is flagged
//! for a talk (谈心谈话); a mean exactly at the threshold is not.
//!
//! Means are exact: the sum of whole scores divided by the number of raters, to the hundredth,
//! rounded half up ([`Points::mean`]). Stored one per member and half-year, key `member|YYYY-H1`.

use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::rating_problem::{done, Problem, Problems};
use crate::domain::org::Member;
use crate::domain::values::date::Date;
use crate::domain::values::period::Year;
use crate::domain::values::points::Points;

/// Most rater scores for one member in one half-year.
pub const MAX_RATERS: usize = 200;

/// A half-year, `2026-H1` (January–June) or `2026-H2` (July–December).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HalfYear {
    year: Year,
    half: u8,
}

impl HalfYear {
    /// The half-year, or `None` for a half other than 1 or 2.
    pub fn new(year: Year, half: u8) -> Option<HalfYear> {
        (half == 1 || half == 2).then_some(HalfYear { year, half })
    }

    /// The half-year a date falls in.
    pub fn of(date: Date) -> HalfYear {
        let year = Year::new(date.year()).expect("a valid date's year exists");
        HalfYear { year, half: if date.month() <= 6 { 1 } else { 2 } }
    }

    /// Its year.
    pub fn year(self) -> Year {
        self.year
    }

    /// 1 or 2.
    pub fn number(self) -> u8 {
        self.half
    }

    /// Its first day (1 January or 1 July).
    pub fn first_day(self) -> Option<Date> {
        Date::new(self.year.number(), if self.half == 1 { 1 } else { 7 }, 1)
    }

    /// The half before.
    pub fn previous(self) -> Option<HalfYear> {
        match self.half {
            2 => Some(HalfYear { year: self.year, half: 1 }),
            _ => Year::new(self.year.number() - 1).map(|year| HalfYear { year, half: 2 }),
        }
    }

    /// The half after.
    pub fn next(self) -> Option<HalfYear> {
        match self.half {
            1 => Some(HalfYear { year: self.year, half: 2 }),
            _ => Year::new(self.year.number() + 1).map(|year| HalfYear { year, half: 1 }),
        }
    }
}

impl fmt::Display for HalfYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-H{}", self.year, self.half)
    }
}

/// A text that is not `YYYY-H1` / `YYYY-H2`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a half-year (expected e.g. 2026-H1)")]
pub struct HalfYearError(pub String);

impl FromStr for HalfYear {
    type Err = HalfYearError;

    fn from_str(text: &str) -> Result<HalfYear, HalfYearError> {
        let err = || HalfYearError(text.to_string());
        let (year, half) = text.split_once("-H").ok_or_else(err)?;
        let year: Year = year.parse().map_err(|_| err())?;
        match half {
            "1" => Ok(HalfYear { year, half: 1 }),
            "2" => Ok(HalfYear { year, half: 2 }),
            _ => Err(err()),
        }
    }
}

impl Serialize for HalfYear {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for HalfYear {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<HalfYear, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The scores one member received, as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "entry", rename_all = "snake_case")]
pub enum Scores {
    /// Each rater's whole score 0–100.
    Raters {
        /// The scores, in the order entered.
        scores: Vec<u32>,
    },
    /// The mean worked out on paper (0–100, to the hundredth).
    Summary {
        /// The mean.
        mean: Points,
    },
}

/// One member's mutual scores of one half-year, as stored (key `member|YYYY-Hn`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MutualScore {
    /// The member's id.
    pub member: String,
    /// The branch that scored them.
    pub branch: String,
    /// The half-year.
    pub half: HalfYear,
    /// The scores.
    #[serde(flatten)]
    pub scores: Scores,
}

impl MutualScore {
    /// The storage key: one entry per member and half-year.
    pub fn key(&self) -> String {
        mutual_key(&self.member, self.half)
    }

    /// The member's mean: the summary as entered, or [`mutual_mean`] of the raters' scores.
    pub fn mean(&self) -> Option<Points> {
        match &self.scores {
            Scores::Raters { scores } => mutual_mean(scores),
            Scores::Summary { mean } => Some(*mean),
        }
    }

    /// How many raters scored the member; `None` for a summary.
    pub fn raters(&self) -> Option<usize> {
        match &self.scores {
            Scores::Raters { scores } => Some(scores.len()),
            Scores::Summary { .. } => None,
        }
    }
}

/// The key of `member`'s scores for `half`: `member|YYYY-Hn`.
pub fn mutual_key(member: &str, half: HalfYear) -> String {
    format!("{member}|{half}")
}

/// The mean of whole scores to the hundredth, rounded half up; `None` for no scores.
/// `[60, 61, 61]` → 60.67; `[59, 60]` → 59.50.
pub fn mutual_mean(scores: &[u32]) -> Option<Points> {
    let points: Vec<Points> = scores.iter().map(|s| Points::from_whole(i64::from(*s))).collect();
    Points::mean(&points)
}

/// A member flagged for a talk: their mean lies below the threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TalkFlag {
    /// The member's id.
    pub member: String,
    /// Their mean.
    pub mean: Points,
}

/// The members of `scores` whose mean is below `threshold` (strictly: exactly at the threshold
/// is not flagged), lowest mean first, then by member id.
pub fn flagged_for_talk(scores: &[MutualScore], threshold: u32) -> Vec<TalkFlag> {
    let limit = Points::from_whole(i64::from(threshold));
    let mut flags: Vec<TalkFlag> = scores
        .iter()
        .filter_map(|s| s.mean().map(|mean| TalkFlag { member: s.member.clone(), mean }))
        .filter(|f| f.mean < limit)
        .collect();
    flags.sort_by(|a, b| a.mean.cmp(&b.mean).then_with(|| a.member.cmp(&b.member)));
    flags
}

/// How a sheet is entered: each rater's score, or one summary mean per member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryMode {
    /// Scores per rater, e.g. `85 90 72`.
    #[default]
    Raters,
    /// One mean, e.g. `78.5`.
    Summary,
}

/// One member's row as the form holds it: the text typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MutualRow {
    /// The member's id.
    pub member: String,
    /// Per rater: whole numbers separated by spaces, commas or 、; summary: one number. Empty:
    /// not scored (the row is not saved).
    pub text: String,
}

/// A branch's mutual scores of one half-year, entered on one sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MutualSheet {
    /// The branch.
    pub branch: String,
    /// The half-year.
    pub half: HalfYear,
    /// Per rater or summary.
    pub mode: EntryMode,
    /// One row per member.
    pub rows: Vec<MutualRow>,
}

impl MutualSheet {
    /// The keys of `stored` scores of this branch and half that the sheet leaves empty: saving
    /// deletes them (the UI asks first).
    pub fn cleared(&self, stored: &[MutualScore]) -> Vec<String> {
        let scored: HashSet<&str> =
            self.rows.iter().filter(|r| !r.text.trim().is_empty()).map(|r| r.member.as_str()).collect();
        stored
            .iter()
            .filter(|s| s.branch == self.branch && s.half == self.half && !scored.contains(s.member.as_str()))
            .map(MutualScore::key)
            .collect()
    }
}

/// The sheet of `branch` for `half` as its form opens: a row per active member of the roll and
/// every member already scored, with the stored scores as text; per rater unless every stored
/// entry of the half is a summary.
pub fn mutual_sheet(branch: &str, half: HalfYear, roll: &[Member], stored: &[MutualScore]) -> MutualSheet {
    let mine: Vec<&MutualScore> = stored.iter().filter(|s| s.branch == branch && s.half == half).collect();
    let mode = if !mine.is_empty() && mine.iter().all(|s| matches!(s.scores, Scores::Summary { .. })) {
        EntryMode::Summary
    } else {
        EntryMode::Raters
    };
    let rows = roll
        .iter()
        .filter(|m| m.branch == branch)
        .filter(|m| m.status.is_active() || mine.iter().any(|s| s.member == m.id))
        .map(|m| MutualRow {
            member: m.id.clone(),
            text: mine.iter().find(|s| s.member == m.id).map(|s| scores_text(&s.scores, mode)).unwrap_or_default(),
        })
        .collect();
    MutualSheet { branch: branch.to_string(), half, mode, rows }
}

/// Scores as a row's text in `mode` (per-rater scores shown as a summary give their mean).
pub fn scores_text(scores: &Scores, mode: EntryMode) -> String {
    match (scores, mode) {
        (Scores::Raters { scores }, EntryMode::Raters) => {
            scores.iter().map(u32::to_string).collect::<Vec<_>>().join(" ")
        }
        (Scores::Raters { scores }, EntryMode::Summary) => {
            mutual_mean(scores).map(|m| m.to_string()).unwrap_or_default()
        }
        (Scores::Summary { mean }, _) => mean.to_string(),
    }
}

/// Reads one row's text in `mode`: `None` when it is not a valid entry (see [`MutualRow::text`]:
/// per rater, whole numbers 0–100; summary, one number 0–100 with at most two decimals). The
/// number of raters is checked by [`validate_mutual`].
pub fn parse_scores(text: &str, mode: EntryMode) -> Option<Scores> {
    match mode {
        EntryMode::Raters => {
            let scores: Option<Vec<u32>> = text
                .split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；'))
                .filter(|part| !part.is_empty())
                .map(|part| part.parse::<u32>().ok().filter(|s| *s <= 100))
                .collect();
            scores.filter(|s| !s.is_empty()).map(|scores| Scores::Raters { scores })
        }
        EntryMode::Summary => Points::parse(text.trim())
            .ok()
            .filter(|p| !p.is_negative() && *p <= Points::HUNDRED)
            .map(|mean| Scores::Summary { mean }),
    }
}

/// Checks a branch's sheet and returns the entries to store, one per scored row — or every
/// problem at once: the half-year has begun; something scored; every scored member on the
/// branch's roll, once; every text a valid entry ([`parse_scores`]) with at most
/// [`MAX_RATERS`] scores.
pub fn validate_mutual(sheet: &MutualSheet, roll: &[Member], today: Date) -> Result<Vec<MutualScore>, Problems> {
    let mut problems = Problems::new();
    if sheet.half.first_day().is_none_or(|first| first > today) {
        problems.push(Problem::NotBegun);
    }
    let mut seen = HashSet::new();
    let mut entries = Vec::new();
    for row in sheet.rows.iter().filter(|r| !r.text.trim().is_empty()) {
        if !seen.insert(row.member.as_str()) {
            problems.push(Problem::Twice(row.member.clone()));
            continue;
        }
        if !roll.iter().any(|m| m.id == row.member && m.branch == sheet.branch) {
            problems.push(Problem::NotOnRoll(row.member.clone()));
        }
        match parse_scores(&row.text, sheet.mode) {
            None => problems.push(Problem::NotAScore(row.member.clone())),
            Some(Scores::Raters { scores }) if scores.len() > MAX_RATERS => {
                problems.push(Problem::TooManyRaters(row.member.clone(), MAX_RATERS))
            }
            Some(scores) => entries.push(MutualScore {
                member: row.member.clone(),
                branch: sheet.branch.clone(),
                half: sheet.half,
                scores,
            }),
        }
    }
    if seen.is_empty() {
        problems.push(Problem::NothingEntered);
    }
    done(entries, problems)
}
