//! The instructor pool (人才库): who can be sent, where they come from, what they are good at.
//! Whether someone is 可派 or 在岗 is not stored — it follows from their open assignments — so
//! the pool and the assignments cannot contradict each other; only leaving (离任) is recorded.

use serde::{Deserialize, Serialize};

use super::problem::{check_text, done, Field, Problem, Problems};
use crate::domain::values::date::Date;

/// Longest name, in characters.
pub const MAX_NAME_CHARS: usize = 30;
/// Longest department, contact or specialty, in characters.
pub const MAX_TEXT_CHARS: usize = 60;
/// Most specialties one instructor lists.
pub const MAX_SPECIALTIES: usize = 10;

/// Gender, as the pool's forms record it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// 男
    Male,
    /// 女
    Female,
}

/// Where an instructor comes from (seed 002 and 003, art. 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// 在职干部
    ServingCadre,
    /// 中青年后备干部
    ReserveCadre,
    /// 退休或离岗干部
    RetiredCadre,
    /// 部门选派 (发改、工信、商务 …): names the department.
    Department,
}

impl Source {
    /// Every source, in picker order.
    pub const ALL: [Source; 4] = [Source::ServingCadre, Source::ReserveCadre, Source::RetiredCadre, Source::Department];

    /// Stable code, the same as its serde name.
    pub fn code(self) -> &'static str {
        match self {
            Source::ServingCadre => "serving_cadre",
            Source::ReserveCadre => "reserve_cadre",
            Source::RetiredCadre => "retired_cadre",
            Source::Department => "department",
        }
    }

    /// Parses [`Source::code`].
    pub fn from_code(code: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Where an instructor stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// 可派: in the pool, no appointed assignment.
    Available,
    /// 在岗: at least one appointed assignment open.
    OnDuty,
    /// 离任: left the pool.
    Left,
}

/// One person of the pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instructor {
    /// Stable id, never reused.
    pub id: String,
    /// Name.
    pub name: String,
    /// Gender.
    pub gender: Gender,
    /// Birth year, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_year: Option<i32>,
    /// Where they come from.
    pub source: Source,
    /// The sending department; required for [`Source::Department`], dropped otherwise.
    #[serde(default)]
    pub department: String,
    /// What they are good at (free tags: 财务, 法律, 电商 …), trimmed, without repeats.
    #[serde(default)]
    pub specialties: Vec<String>,
    /// Phone or other contact.
    #[serde(default)]
    pub contact: String,
    /// The day they left the pool (离任); `None` while in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left_on: Option<Date>,
}

impl Instructor {
    /// An empty record for the form.
    pub fn blank(id: &str) -> Instructor {
        Instructor {
            id: id.to_string(),
            name: String::new(),
            gender: Gender::Male,
            birth_year: None,
            source: Source::ServingCadre,
            department: String::new(),
            specialties: Vec::new(),
            contact: String::new(),
            left_on: None,
        }
    }

    /// Where they stand on `day`, given whether an appointed assignment of theirs is open then.
    pub fn status(&self, on_duty: bool, day: Date) -> Status {
        match self.left_on {
            Some(left) if left <= day => Status::Left,
            _ if on_duty => Status::OnDuty,
            _ => Status::Available,
        }
    }

    /// Whether they are still in the pool on `day`.
    pub fn in_pool(&self, day: Date) -> bool {
        self.left_on.is_none_or(|left| left > day)
    }
}

/// Splits a typed list of specialties (commas, 、, semicolons or new lines) into tags.
pub fn parse_specialties(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split([',', '，', '、', ';', '；', '\n']).map(str::trim).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_string());
        }
    }
    tags
}

/// Validates an instructor about to be saved. `open_assignments` is how many of their
/// assignments are not ended — leaving the pool needs none. Returns the record trimmed, with
/// the department dropped unless a department sent them.
pub fn validate_instructor(
    mut instructor: Instructor,
    open_assignments: usize,
    today: Date,
) -> Result<Instructor, Problems> {
    let mut problems = Problems::new();
    check_text(&mut instructor.name, Field::Name, MAX_NAME_CHARS, true, &mut problems);
    check_text(&mut instructor.contact, Field::Contact, MAX_TEXT_CHARS, false, &mut problems);
    if instructor.source == Source::Department {
        check_text(&mut instructor.department, Field::Department, MAX_TEXT_CHARS, true, &mut problems);
    } else {
        instructor.department.clear();
    }
    let tags = parse_specialties(&instructor.specialties.join("\n"));
    if tags.len() > MAX_SPECIALTIES {
        problems.push(Problem::TooLong(Field::Specialties, MAX_SPECIALTIES));
    } else if tags.iter().any(|t| t.chars().count() > MAX_TEXT_CHARS) {
        problems.push(Problem::TooLong(Field::Specialties, MAX_TEXT_CHARS));
    }
    instructor.specialties = tags;
    if let Some(year) = instructor.birth_year {
        // Cadres are adults; nobody sent into an enterprise is over a hundred.
        if year > today.year() - 18 || year < today.year() - 100 {
            problems.push(Problem::OutOfRange(Field::BirthYear));
        }
    }
    if let Some(left) = instructor.left_on {
        if left > today {
            problems.push(Problem::InFuture(Field::LeftOn));
        }
        if open_assignments > 0 {
            problems.push(Problem::OpenAssignments(open_assignments));
        }
    }
    done(instructor, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn person() -> Instructor {
        Instructor { name: "  王建国 ".into(), birth_year: Some(1968), ..Instructor::blank("i1") }
    }

    #[test]
    fn trims_and_accepts_a_complete_record() {
        let saved = validate_instructor(person(), 0, day("2026-12-02")).unwrap();
        assert_eq!(saved.name, "王建国");
        assert!(saved.department.is_empty());
    }

    #[test]
    fn each_rule_names_its_field() {
        let today = day("2026-12-02");
        let cases: Vec<(Instructor, usize, Problem)> = vec![
            (Instructor { name: " ".into(), ..person() }, 0, Problem::Required(Field::Name)),
            (Instructor { name: "王".repeat(31), ..person() }, 0, Problem::TooLong(Field::Name, 30)),
            (Instructor { source: Source::Department, ..person() }, 0, Problem::Required(Field::Department)),
            (Instructor { birth_year: Some(2010), ..person() }, 0, Problem::OutOfRange(Field::BirthYear)),
            (Instructor { birth_year: Some(1920), ..person() }, 0, Problem::OutOfRange(Field::BirthYear)),
            (Instructor { left_on: Some(day("2026-12-03")), ..person() }, 0, Problem::InFuture(Field::LeftOn)),
            (Instructor { left_on: Some(day("2026-11-30")), ..person() }, 2, Problem::OpenAssignments(2)),
            (
                Instructor { specialties: (0..11).map(|i| format!("t{i}")).collect(), ..person() },
                0,
                Problem::TooLong(Field::Specialties, 10),
            ),
        ];
        for (record, open, expected) in cases {
            let problems = validate_instructor(record.clone(), open, today).unwrap_err();
            assert_eq!(problems, vec![expected.clone()], "{record:?}");
            assert!(expected.field().is_some());
        }
    }

    #[test]
    fn a_department_instructor_keeps_the_department() {
        let sent = Instructor { source: Source::Department, department: " 发改局 ".into(), ..person() };
        assert_eq!(validate_instructor(sent, 0, day("2026-12-02")).unwrap().department, "发改局");
    }

    #[test]
    fn specialties_split_on_any_separator_without_repeats() {
        assert_eq!(parse_specialties("财务，法律、财务; 电商\n\n"), vec!["财务", "法律", "电商"]);
        let listed = Instructor { specialties: vec!["财务、法律".into(), "法律".into()], ..person() };
        assert_eq!(validate_instructor(listed, 0, day("2026-12-02")).unwrap().specialties, vec!["财务", "法律"]);
    }

    #[test]
    fn status_follows_leaving_and_duty() {
        let today = day("2026-12-02");
        let mut p = person();
        assert_eq!(p.status(false, today), Status::Available);
        assert_eq!(p.status(true, today), Status::OnDuty);
        p.left_on = Some(day("2026-12-01"));
        assert_eq!(p.status(true, today), Status::Left);
        assert!(p.in_pool(day("2026-11-30")));
        assert!(!p.in_pool(today));
    }
}
