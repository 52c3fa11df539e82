//! Where each branch's members' work stands on a day: the pipeline per stage and its overdue
//! steps, the month's dues collection rate and the members flagged for unpaid dues, and the
//! mobile members whose report is overdue. The committee's overview page (`/members`) and
//! `starbranch members FILE --date D` both show exactly this, so the two cannot disagree.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::appraisal::{appraisal_counts, MemberAppraisal};
use super::dues::{collection_rate, unpaid_streaks, Dues, DuesFlag, UnpaidStreak};
use super::mobile::{overdue_reports, MobilePeriod, OverdueReport};
use super::pipeline::{overdue, stage_counts, Candidate, Due, Stage, StageCounts};
use super::settings::MemberSettings;
use crate::domain::device::settings::MEMBERS as SETTINGS_KEY;
use crate::domain::org::{open_branches, Member, Org};
use crate::domain::rating::auto_score::MemberShares;
use crate::domain::units::report::{records, setting, RecordProblem};
use crate::domain::values::date::Date;
use crate::domain::values::period::Month;
use crate::domain::values::ratio::Ratio;

/// Everything the summary is computed from, as a backup holds it (or the app reads it).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MemberRecords {
    /// The org tree (store `orgs`).
    pub orgs: Vec<Org>,
    /// The roll (store `members`).
    pub members: Vec<Member>,
    /// The pipeline (store `candidates`).
    pub candidates: Vec<Candidate>,
    /// Mobile periods (store `mobile_periods`).
    pub periods: Vec<MobilePeriod>,
    /// Dues (store `dues`).
    pub dues: Vec<Dues>,
    /// The committee's settings (the `members` setting of store `meta`; defaults when missing or
    /// unreadable, as in the app).
    pub settings: MemberSettings,
}

impl MemberRecords {
    /// Reads the stores among a backup's `stores` (checked by `backup::parse` and migrated to this
    /// schema). A store that is not there is empty; a record stored with its key beside its fields
    /// reads as the record. Every record that does not read is reported.
    pub fn from_stores(stores: &BTreeMap<String, Vec<Value>>) -> Result<MemberRecords, Vec<RecordProblem>> {
        let mut problems = Vec::new();
        let setting = setting(stores, SETTINGS_KEY);
        let read = MemberRecords {
            orgs: records(stores, "orgs", &mut problems),
            members: records(stores, "members", &mut problems),
            candidates: records(stores, "candidates", &mut problems),
            periods: records(stores, "mobile_periods", &mut problems),
            dues: records(stores, "dues", &mut problems),
            settings: MemberSettings::read(setting),
        };
        if problems.is_empty() {
            Ok(read)
        } else {
            Err(problems)
        }
    }
}

/// A step of a person in the pipeline past its deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueStep {
    /// The candidate's id.
    pub candidate: String,
    /// Their name.
    pub name: String,
    /// The step and its dates.
    pub due: Due,
}

/// One branch's members' work on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BranchMembers {
    /// The branch's id.
    pub branch: String,
    /// Its name.
    pub name: String,
    /// Members on the active roll (not transferred out).
    pub members: usize,
    /// People per pipeline stage on the day.
    pub pipeline: StageCounts,
    /// Pipeline steps past their deadline, by candidate name.
    pub overdue_steps: Vec<OverdueStep>,
    /// The month's collection rate (paid ÷ due, fen); `None` when nothing was due.
    pub dues_rate: Option<Ratio>,
    /// Members with three or more consecutive unpaid months up to the month, longest first.
    pub unpaid: Vec<UnpaidStreak>,
    /// Mobile members whose report is overdue on the day, most overdue first.
    pub mobile_overdue: Vec<OverdueReport>,
}

impl BranchMembers {
    /// Whether anything needs the committee's attention.
    pub fn needs_attention(&self) -> bool {
        !self.overdue_steps.is_empty() || !self.unpaid.is_empty() || !self.mobile_overdue.is_empty()
    }
}

/// Every open branch in tree order, as it stands on `day` (dues: `day`'s month).
pub fn branch_summaries(records: &MemberRecords, day: Date) -> Vec<BranchMembers> {
    let month = Month::of(day);
    let mobile = overdue_reports(&records.periods, day);
    open_branches(&records.orgs)
        .into_iter()
        .map(|org| {
            let candidates: Vec<Candidate> =
                records.candidates.iter().filter(|c| c.branch == org.id).cloned().collect();
            let mut overdue_steps: Vec<OverdueStep> = candidates
                .iter()
                .flat_map(|c| {
                    overdue(c, day, &records.settings).into_iter().map(|due| OverdueStep {
                        candidate: c.id.clone(),
                        name: c.name.clone(),
                        due,
                    })
                })
                .collect();
            overdue_steps.sort_by(|a, b| (&a.name, a.due.step).cmp(&(&b.name, b.due.step)));
            BranchMembers {
                members: records.members.iter().filter(|m| m.branch == org.id && m.status.is_active()).count(),
                pipeline: stage_counts(&candidates, day),
                overdue_steps,
                dues_rate: collection_rate(&records.dues, &org.id, month),
                unpaid: unpaid_streaks(&records.dues, &org.id, month),
                mobile_overdue: mobile.iter().filter(|r| r.branch == org.id).cloned().collect(),
                branch: org.id,
                name: org.name,
            }
        })
        .collect()
}

/// The summary as `starbranch members` prints it (docs/FORMAT.md §5.3): rates in percent to the
/// hundredth as text, `null` when nothing was due; members named as on the roll.
pub fn to_json(day: Date, summaries: &[BranchMembers], members: &[Member]) -> Value {
    let name = |id: &str| members.iter().find(|m| m.id == id).map_or(id.to_string(), |m| m.name.clone());
    let branches: Vec<Value> = summaries
        .iter()
        .map(|b| {
            let pipeline: serde_json::Map<String, Value> =
                Stage::ALL.iter().map(|s| (s.code().to_string(), json!(b.pipeline.get(*s)))).collect();
            json!({
                "branch": b.branch,
                "name": b.name,
                "members": b.members,
                "pipeline": pipeline,
                "cancelled": b.pipeline.cancelled,
                "overdue_steps": b.overdue_steps.iter().map(|s| json!({
                    "candidate": s.candidate,
                    "name": s.name,
                    "step": s.due.step.code(),
                    "due": s.due.by.map(|d| d.to_string()),
                })).collect::<Vec<_>>(),
                "dues_rate": b.dues_rate.and_then(Ratio::percent).map(|p| format!("{}.{:02}", p.hundredths() / 100, p.hundredths() % 100)),
                "unpaid_dues": b.unpaid.iter().map(|u| json!({
                    "member": u.member,
                    "name": name(&u.member),
                    "months": u.months,
                    "from": u.first.to_string(),
                    "outstanding": u.outstanding.to_string(),
                    "prominent": u.flag == DuesFlag::Prominent,
                })).collect::<Vec<_>>(),
                "mobile_overdue": b.mobile_overdue.iter().map(|r| json!({
                    "member": r.member,
                    "name": name(&r.member),
                    "due": r.due.to_string(),
                    "days": r.days,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({ "date": day.to_string(), "month": Month::of(day).to_string(), "branches": branches })
}

/// The member figures a branch's sheet of `month` is scored on (rubric sources `dues` and
/// `appraisals`): the month's dues collection rate, and the share appraised 合格 or better in the
/// branch's latest appraisal year not after the month's. Records of other branches are ignored.
pub fn member_shares(dues: &[Dues], appraisals: &[MemberAppraisal], branch: &str, month: Month) -> MemberShares {
    let latest = appraisals.iter().filter(|a| a.branch == branch && a.year <= month.year()).map(|a| a.year).max();
    MemberShares {
        dues: collection_rate(dues, branch, month),
        appraised: latest.map(|year| appraisal_counts(appraisals, branch, year).qualified_or_better()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::members::appraisal::Appraisal;
    use crate::domain::values::points::Points;

    fn appraisal(member: &str, branch: &str, year: i32, grade: Appraisal) -> MemberAppraisal {
        MemberAppraisal {
            member: member.into(),
            branch: branch.into(),
            year: crate::domain::values::period::Year::new(year).unwrap(),
            grade,
            meeting: Date::new(year + 1, 1, 20).unwrap(),
            record: "r1".into(),
            handling: None,
            note: String::new(),
        }
    }

    fn dues(member: &str, branch: &str, month: Month, due: i64, paid: i64) -> Dues {
        Dues {
            member: member.into(),
            branch: branch.into(),
            month,
            due: Points::from_whole(due),
            paid: Points::from_whole(paid),
            paid_on: None,
        }
    }

    #[test]
    fn shares_come_from_the_month_s_dues_and_the_latest_appraisal_not_after_its_year() {
        let month = Month::new(2026, 11).unwrap();
        let appraisals = [
            appraisal("m1", "b1", 2024, Appraisal::Unqualified),
            appraisal("m1", "b1", 2025, Appraisal::Excellent),
            appraisal("m2", "b1", 2025, Appraisal::BasicallyQualified),
            appraisal("m3", "b1", 2025, Appraisal::Qualified),
            appraisal("m1", "b1", 2027, Appraisal::Unqualified),
            appraisal("x1", "b2", 2026, Appraisal::Unqualified),
        ];
        let dues = [
            dues("m1", "b1", month, 20, 20),
            dues("m2", "b1", month, 30, 10),
            dues("m1", "b1", Month::new(2026, 10).unwrap(), 20, 0),
            dues("x1", "b2", month, 50, 0),
        ];
        let shares = member_shares(&dues, &appraisals, "b1", month);
        assert_eq!(shares.dues, Some(Ratio { numerator: 3_000, denominator: 5_000 }));
        assert_eq!(
            shares.appraised,
            Some(Ratio { numerator: 2, denominator: 3 }),
            "2025: excellent and qualified of three"
        );
        assert_eq!(member_shares(&dues, &appraisals, "b3", month), MemberShares::default());
        let early = member_shares(&[], &appraisals, "b1", Month::new(2024, 3).unwrap());
        assert_eq!(early.appraised, Some(Ratio { numerator: 0, denominator: 1 }));
    }
}
