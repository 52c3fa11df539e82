//! 星级党员 / 党员量化积分 (`StarMember`, seeds 003 and 004): every member keeps a points ledger
//! for the year, and the year's total earns one to five stars by the committee's thresholds.
//!
//! - **Automatic points** come from the e-ledger: for every record of a 三会一课 kind (支部党员大会,
//!   支部委员会, 党小组会, 党课) or a 主题党日 held in the year that lists the member among its
//!   `attendees`, the member earns
//!   [`MemberSettings::attendance_points`](super::settings::MemberSettings::attendance_points)
//!   (default 2). Absentees, other kinds (民主评议, 其他) and other years earn nothing.
//! - **Manual items** ([`PointsItem`]) add points with a reason — 先锋岗/示范岗, 承诺践诺, 志愿服务,
//!   other — or take them away (扣分), each 1 … [`MAX_ITEM_POINTS`] whole points.
//! - **The year's total** is automatic + additions − deductions, never below 0 (a member cannot
//!   owe points into the next year).
//! - **Stars**: the total earns `n` stars when it reaches the `n`-th threshold — exactly at a
//!   threshold earns that star ([`star_rating`]). Below the first threshold: no star (0).

use serde::{Deserialize, Serialize};

use super::rating_problem::{done, Field, Problem, Problems};
use super::settings::MemberSettings;
use crate::domain::ledger::{LedgerRecord, MeetingKind};
use crate::domain::org::Member;
use crate::domain::values::date::Date;
use crate::domain::values::period::Year;

/// Most points one manual item may add or deduct.
pub const MAX_ITEM_POINTS: u32 = 50;
/// Longest reason, in characters.
pub const MAX_REASON_CHARS: usize = 200;

/// The ledger kinds whose attendance earns points: 三会一课 and 主题党日.
pub const ATTENDANCE_KINDS: [MeetingKind; 5] = [
    MeetingKind::BranchAssembly,
    MeetingKind::CommitteeMeeting,
    MeetingKind::GroupMeeting,
    MeetingKind::PartyLecture,
    MeetingKind::ThemeDay,
];

/// What a manual item is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// 先锋岗 / 示范岗: a pioneer or model post.
    Pioneer,
    /// 承诺践诺: a public pledge kept.
    Pledge,
    /// 志愿服务: volunteer service.
    Volunteer,
    /// Any other addition the branch decided.
    Other,
    /// 扣分: a deduction.
    Deduction,
}

impl ItemKind {
    /// Every kind, additions first.
    pub const ALL: [ItemKind; 5] =
        [ItemKind::Pioneer, ItemKind::Pledge, ItemKind::Volunteer, ItemKind::Other, ItemKind::Deduction];

    /// Stable code, the same as its serde name.
    pub fn code(self) -> &'static str {
        match self {
            ItemKind::Pioneer => "pioneer",
            ItemKind::Pledge => "pledge",
            ItemKind::Volunteer => "volunteer",
            ItemKind::Other => "other",
            ItemKind::Deduction => "deduction",
        }
    }

    /// Parses [`ItemKind::code`].
    pub fn from_code(code: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Whether the item takes points away.
    pub fn is_deduction(self) -> bool {
        self == ItemKind::Deduction
    }
}

/// One manual entry of a member's points ledger, as stored (key `id`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointsItem {
    /// Stable id.
    pub id: String,
    /// The member's id.
    pub member: String,
    /// The member's branch when the item was entered.
    pub branch: String,
    /// The day it was earned (or the deduction decided); its year is the year it counts in.
    pub date: Date,
    /// What for.
    pub kind: ItemKind,
    /// Whole points, 1 … [`MAX_ITEM_POINTS`]; a deduction's are taken away.
    pub points: u32,
    /// Why (required).
    pub reason: String,
}

impl PointsItem {
    /// The item's effect on the total: its points, negative for a deduction.
    pub fn signed(&self) -> i64 {
        if self.kind.is_deduction() {
            -i64::from(self.points)
        } else {
            i64::from(self.points)
        }
    }
}

/// A points item as its form holds it: texts for the day and the points.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PointsItemDraft {
    /// The member's id; empty while none is chosen.
    pub member: String,
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// What for.
    pub kind: Option<ItemKind>,
    /// Whole points.
    pub points: String,
    /// Why.
    pub reason: String,
}

impl PointsItemDraft {
    /// Reads the form into an item of `branch` with `id`, checked by [`validate_item`] against
    /// the branch's `roll` — every problem at once, a text that cannot be read included.
    pub fn read(&self, id: &str, branch: &str, roll: &[Member], today: Date) -> Result<PointsItem, Problems> {
        let mut problems = Problems::new();
        let date = match self.date.trim() {
            "" => {
                problems.push(Problem::Required(Field::Date));
                None
            }
            text => text.parse::<Date>().map_err(|_| problems.push(Problem::Invalid(Field::Date))).ok(),
        };
        let points = match self.points.trim() {
            "" => {
                problems.push(Problem::Required(Field::Points));
                None
            }
            text => text.parse::<u32>().map_err(|_| problems.push(Problem::Invalid(Field::Points))).ok(),
        };
        if self.kind.is_none() {
            problems.push(Problem::Required(Field::Kind));
        }
        let item = PointsItem {
            id: id.to_string(),
            member: self.member.clone(),
            branch: branch.to_string(),
            date: date.unwrap_or(today),
            kind: self.kind.unwrap_or(ItemKind::Other),
            points: points.unwrap_or(1),
            reason: self.reason.clone(),
        };
        match validate_item(item, roll, today) {
            Ok(item) if problems.is_empty() => Ok(item),
            Ok(_) => Err(problems),
            Err(more) => {
                problems.extend(more);
                Err(problems)
            }
        }
    }
}

/// Checks an item — every problem at once: the member on the item's branch roll; the day not
/// after `today`; points 1 … [`MAX_ITEM_POINTS`]; a reason of at most [`MAX_REASON_CHARS`]
/// (trimmed).
pub fn validate_item(mut item: PointsItem, roll: &[Member], today: Date) -> Result<PointsItem, Problems> {
    let mut problems = Problems::new();
    if item.member.trim().is_empty() {
        problems.push(Problem::Required(Field::Member));
    } else if !roll.iter().any(|m| m.id == item.member && m.branch == item.branch) {
        problems.push(Problem::NotOnRoll(item.member.clone()));
    }
    if item.date > today {
        problems.push(Problem::InFuture(Field::Date));
    }
    if !(1..=MAX_ITEM_POINTS).contains(&item.points) {
        problems.push(Problem::PointsOutOfRange(MAX_ITEM_POINTS));
    }
    item.reason = item.reason.trim().to_string();
    if item.reason.is_empty() {
        problems.push(Problem::Required(Field::Reason));
    } else if item.reason.chars().count() > MAX_REASON_CHARS {
        problems.push(Problem::TooLong(Field::Reason, MAX_REASON_CHARS));
    }
    done(item, problems)
}

/// The records of `ledger` held in `year` whose attendance earns points and which list `member`
/// among the attendees, oldest first.
pub fn attended<'a>(member: &str, year: Year, ledger: &'a [LedgerRecord]) -> Vec<&'a LedgerRecord> {
    let mut records: Vec<&LedgerRecord> = ledger
        .iter()
        .filter(|r| {
            r.date.year() == year.number()
                && ATTENDANCE_KINDS.contains(&r.kind)
                && r.attendees.iter().any(|a| a == member)
        })
        .collect();
    records.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    records
}

/// A member's points of one year, with where they came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearPoints {
    /// The member's id.
    pub member: String,
    /// The year.
    pub year: Year,
    /// Meetings attended that earn points.
    pub meetings: u32,
    /// Points from them.
    pub attendance: u32,
    /// Points added by manual items.
    pub added: u32,
    /// Points deducted by manual items.
    pub deducted: u32,
    /// attendance + added − deducted, never below 0.
    pub total: u32,
    /// Stars the total earns (0 = none).
    pub stars: u8,
}

/// `member`'s points of `year`: attendance at the ledger's 三会一课 and 主题党日 ([`attended`]) at
/// the settings' points per meeting, plus the member's manual `items` dated in `year` (any
/// others are ignored), never below 0, and the stars they earn by the settings' thresholds.
pub fn year_points(
    member: &str,
    year: Year,
    ledger: &[LedgerRecord],
    items: &[PointsItem],
    settings: &MemberSettings,
) -> YearPoints {
    let meetings = attended(member, year, ledger).len() as u32;
    let attendance = meetings.saturating_mul(settings.attendance_points);
    let mine = items.iter().filter(|i| i.member == member && i.date.year() == year.number());
    let (mut added, mut deducted) = (0u32, 0u32);
    for item in mine {
        if item.kind.is_deduction() {
            deducted = deducted.saturating_add(item.points);
        } else {
            added = added.saturating_add(item.points);
        }
    }
    let total = attendance.saturating_add(added).saturating_sub(deducted);
    YearPoints {
        member: member.to_string(),
        year,
        meetings,
        attendance,
        added,
        deducted,
        total,
        stars: star_rating(total, &settings.star_thresholds),
    }
}

/// Stars for `points` by `thresholds` (least points for 1 … 5 stars, rising): the number of
/// thresholds reached — exactly at a threshold earns its star; 0 below the first.
pub fn star_rating(points: u32, thresholds: &[u32; 5]) -> u8 {
    thresholds.iter().filter(|t| points >= **t).count() as u8
}

/// A member of the branch's star list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StarMember {
    /// The member's id.
    pub member: String,
    /// Their name.
    pub name: String,
    /// Their points of the year.
    pub points: YearPoints,
}

/// The points of every member of `branch`'s roll (active, or with points in the year) for
/// `year`, in roll order.
pub fn branch_points(
    branch: &str,
    year: Year,
    roll: &[Member],
    ledger: &[LedgerRecord],
    items: &[PointsItem],
    settings: &MemberSettings,
) -> Vec<StarMember> {
    roll.iter()
        .filter(|m| m.branch == branch)
        .map(|m| StarMember {
            member: m.id.clone(),
            name: m.name.clone(),
            points: year_points(&m.id, year, ledger, items, settings),
        })
        .filter(|s| roll.iter().any(|m| m.id == s.member && m.status.is_active()) || s.points.total > 0)
        .collect()
}

/// The branch's star members of `year`: [`branch_points`] with at least one star, most stars
/// first, then most points, then by name.
pub fn star_members(
    branch: &str,
    year: Year,
    roll: &[Member],
    ledger: &[LedgerRecord],
    items: &[PointsItem],
    settings: &MemberSettings,
) -> Vec<StarMember> {
    let mut stars: Vec<StarMember> =
        branch_points(branch, year, roll, ledger, items, settings).into_iter().filter(|s| s.points.stars > 0).collect();
    stars.sort_by(|a, b| {
        b.points.stars.cmp(&a.points.stars).then(b.points.total.cmp(&a.points.total)).then_with(|| a.name.cmp(&b.name))
    });
    stars
}
