//! The demo organisation loaded on first start, so a new user sees a real dashboard at once.
//! Fictional names; deterministic ids (`demo-…`) so tests can find the records.

use std::collections::BTreeMap;

use serde_json::Map;

use super::category::Category;
use super::date::Date;
use super::evaluation::ReviewStatus;
use super::exchange::{ExchangeEvaluation, ExchangeItem, ExchangeVeto};
use super::import::FiveHavesTable;
use super::org::{Gender, Member, MemberStatus, Org, OrgKind};
use super::period::{Month, Year};
use super::points::Points;
use super::rubric::{FiveHaves, Rubric};

fn date(y: i32, m: u8, d: u8) -> Date {
    Date::new(y, m, d).expect("demo dates are real")
}

fn node(id: &str, parent: Option<&str>, kind: OrgKind, name: &str, category: Option<Category>, secretary: &str) -> Org {
    Org {
        id: id.into(),
        parent: parent.map(Into::into),
        kind,
        name: name.into(),
        category,
        secretary: secretary.into(),
        contact: String::new(),
        founded: Some(date(2015, 7, 1)),
        archived: false,
    }
}

/// Branches of the demo: id, parent, name, category, secretary.
const BRANCHES: [(&str, &str, &str, Category, &str); 8] = [
    ("demo-b01", "demo-g1", "一车间党支部", Category::Production, "王建国"),
    ("demo-b02", "demo-g1", "二车间党支部", Category::Production, "李红梅"),
    ("demo-b03", "demo-g1", "设备维修党支部", Category::Auxiliary, "张志强"),
    ("demo-b04", "demo-g2", "后勤服务党支部", Category::Auxiliary, "刘芳"),
    ("demo-b05", "demo-c", "机关第一党支部", Category::Administration, "陈静"),
    ("demo-b06", "demo-c", "机关第二党支部", Category::Administration, "杨帆"),
    ("demo-b07", "demo-g2", "市场营销党支部", Category::Market, "赵磊"),
    ("demo-b08", "demo-c", "物业公司党支部", Category::NonPublic, "周丽"),
];

const GIVEN: [&str; 12] = ["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰"];
const FEMALE_GIVEN: [&str; 7] = ["芳", "娜", "敏", "静", "艳", "梅", "丽"];
const FAMILY: [&str; 10] = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"];

/// The demo org tree (one committee, two general branches, eight branches of all five
/// categories, a few party groups) and about six members per branch.
pub fn organisation() -> (Vec<Org>, Vec<Member>) {
    let mut orgs = vec![
        node("demo-c", None, OrgKind::Committee, "星城集团公司党委", None, "孙立"),
        node("demo-g1", Some("demo-c"), OrgKind::GeneralBranch, "生产党总支", None, "郑涛"),
        node("demo-g2", Some("demo-c"), OrgKind::GeneralBranch, "经营服务党总支", None, "冯雪"),
    ];
    let mut members = Vec::new();
    for (i, (id, parent, name, category, secretary)) in BRANCHES.into_iter().enumerate() {
        orgs.push(node(id, Some(parent), OrgKind::Branch, name, Some(category), secretary));
        orgs.push(node(&format!("{id}-p1"), Some(id), OrgKind::Group, "第一党小组", None, ""));
        members.push(member(&format!("{id}-m0"), id, secretary, i, 0, "支部书记"));
        for k in 1..6 {
            let name = format!("{}{}", FAMILY[(i * 3 + k) % FAMILY.len()], GIVEN[(i * 5 + k) % GIVEN.len()]);
            let position = if k == 1 { "支部委员" } else { "党员" };
            members.push(member(&format!("{id}-m{k}"), id, &name, i, k, position));
        }
    }
    (orgs, members)
}

fn member(id: &str, branch: &str, name: &str, branch_no: usize, k: usize, position: &str) -> Member {
    let seed = (branch_no * 7 + k * 11) as i32;
    let birth = date(1965 + seed % 30, (1 + seed % 12) as u8, (1 + seed % 28) as u8);
    let status = match (branch_no + k) % 9 {
        _ if k == 0 => MemberStatus::Full,
        0 => MemberStatus::Probationary,
        4 => MemberStatus::Mobile,
        _ => MemberStatus::Full,
    };
    Member {
        id: id.into(),
        branch: branch.into(),
        name: name.into(),
        gender: if FEMALE_GIVEN.iter().any(|g| name.ends_with(g)) { Gender::Female } else { Gender::Male },
        birth,
        joined: Date::new(birth.year() + 22 + seed % 8, (1 + (seed * 5) % 12) as u8, (1 + (seed * 3) % 28) as u8)
            .expect("demo dates are real"),
        position: position.into(),
        status,
    }
}

/// The months of the demo year that carry evaluations: January to October 2026 are confirmed
/// (so Q1–Q3 are complete), November is a submitted draft awaiting review.
pub const DEMO_YEAR: i32 = 2026;

/// Branch "quality" in per-mille of full marks, so the demo shows every star level.
const QUALITY: [i64; 8] = [955, 905, 840, 760, 915, 700, 880, 610];

/// A year of monthly evaluations for the demo branches under `rubric`, plus five-haves flags.
/// Deterministic: the same data on every first start.
pub fn evaluations(rubric: &Rubric) -> (Vec<ExchangeEvaluation>, FiveHavesTable) {
    let mut evaluations = Vec::new();
    for (b, (id, _, _, category, _)) in BRANCHES.into_iter().enumerate() {
        for month_no in 1..=11u8 {
            let month = Month::new(DEMO_YEAR, month_no).expect("demo months are real");
            let mut scores = BTreeMap::new();
            for (i, indicator) in rubric.applicable(category).enumerate() {
                // A gentle wave per indicator and month around the branch's quality.
                let wave = ((b as i64 * 7 + i as i64 * 13 + month_no as i64 * 5) % 11) * 12 - 60;
                let per_mille = (QUALITY[b] + wave).clamp(300, 1000);
                let hundredths = indicator.max.hundredths() * per_mille / 1000;
                scores.insert(indicator.id.clone(), Points::from_hundredths(hundredths / 50 * 50));
            }
            let item = |points: i64, reason: &str| ExchangeItem {
                points: Points::from_hundredths(points),
                reason: reason.into(),
                extra: Map::new(),
            };
            let bonus = if (b + month_no as usize).is_multiple_of(5) { vec![item(200, "市级表彰")] } else { vec![] };
            let deductions = if (b * 3 + month_no as usize).is_multiple_of(7) { vec![item(150, "台账记录不全")] } else { vec![] };
            let vetoes = if id == "demo-b06" && month_no == 5 {
                vec![ExchangeVeto { reason: "发生一般安全生产责任事故".into(), extra: Map::new() }]
            } else {
                vec![]
            };
            evaluations.push(ExchangeEvaluation {
                branch: id.to_string(),
                month,
                status: if month_no <= 10 { ReviewStatus::Confirmed } else { ReviewStatus::Submitted },
                scores,
                bonus,
                deductions,
                vetoes,
                extra: Map::new(),
            });
        }
    }
    let mut five_haves = FiveHavesTable::new();
    let year = Year::new(DEMO_YEAR).expect("demo year is real");
    five_haves.entry("demo-b01".to_string()).or_default().insert(year, FiveHaves([true; 5]));
    five_haves.entry("demo-b05".to_string()).or_default().insert(year, FiveHaves([true, true, false, true, true]));
    (evaluations, five_haves)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::org::{validate_member, validate_org};

    #[test]
    fn demo_data_passes_every_rule() {
        let today = date(2026, 1, 1);
        let (orgs, members) = organisation();
        for org in &orgs {
            validate_org(org.clone(), &orgs, today).unwrap_or_else(|p| panic!("{}: {p:?}", org.id));
        }
        for m in &members {
            validate_member(m.clone(), &orgs, today).unwrap_or_else(|p| panic!("{}: {p:?}", m.id));
        }
        assert_eq!(orgs.iter().filter(|o| o.kind == OrgKind::Branch).count(), 8);
        let rubric = Rubric::default_rubric();
        let (evaluations, five_haves) = evaluations(&rubric);
        let doc = crate::domain::import::export_document(&rubric, &orgs, evaluations, five_haves);
        let parsed = crate::domain::exchange::ExchangeDocument::parse(&doc.to_json())
            .unwrap_or_else(|e| panic!("{e:?}"));
        // Q3 is complete for every branch, with more than one star level among them.
        let q3 = crate::domain::exchange::rate(&parsed, "2026-Q3".parse().unwrap());
        assert!(q3.iter().all(|r| r.complete));
        let mut stars: Vec<_> = q3.iter().map(|r| r.stars).collect();
        stars.sort();
        stars.dedup();
        assert!(stars.len() >= 3, "{stars:?}");
        // The vetoed branch is capped in Q2; Q4 is incomplete (November only submitted).
        let q2 = crate::domain::exchange::rate(&parsed, "2026-Q2".parse().unwrap());
        let b06 = q2.iter().find(|r| r.branch == "demo-b06").unwrap();
        assert_eq!((b06.veto, b06.stars.map(|s| s.get())), (Some(true), Some(1)));
        let q4 = crate::domain::exchange::rate(&parsed, "2026-Q4".parse().unwrap());
        assert!(q4.iter().all(|r| !r.complete));
        for category in Category::ALL {
            assert!(orgs.iter().any(|o| o.category == Some(category)));
        }
    }
}
