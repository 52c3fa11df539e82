//! The demo organisation loaded on first start, so a new user sees a real dashboard at once.
//! Fictional names; deterministic ids (`demo-…`) so tests can find the records.

use super::category::Category;
use super::date::Date;
use super::org::{Gender, Member, MemberStatus, Org, OrgKind};

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
        for category in Category::ALL {
            assert!(orgs.iter().any(|o| o.category == Some(category)));
        }
    }
}
