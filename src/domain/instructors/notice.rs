//! The half-year notice (半年通报): per instructor and unit, the reports filed against those owed
//! and what the reports say was done — the committee circulates it and signs it off.

use std::collections::BTreeMap;

use super::assignment::Assignment;
use super::report::{owed_reports, InstructorReport, ReportState};
use crate::domain::values::date::Date;
use crate::domain::values::period::{Month, Year};
use crate::domain::values::points::Points;

/// A half of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Half {
    /// The year.
    pub year: Year,
    /// `false` for January–June (上半年), `true` for July–December (下半年).
    pub second: bool,
}

impl Half {
    /// The half a day falls in.
    pub fn of(day: Date) -> Half {
        Half { year: Month::of(day).year(), second: day.month() > 6 }
    }

    /// Its six months.
    pub fn months(self) -> [Month; 6] {
        let offset = if self.second { 6 } else { 0 };
        std::array::from_fn(|i| self.year.months()[i + offset])
    }

    /// The half before.
    pub fn previous(self) -> Option<Half> {
        if self.second {
            Some(Half { second: false, ..self })
        } else {
            Some(Half { year: Year::new(self.year.number() - 1)?, second: true })
        }
    }

    /// The half after.
    pub fn next(self) -> Option<Half> {
        if self.second {
            Some(Half { year: Year::new(self.year.number() + 1)?, second: false })
        } else {
            Some(Half { second: true, ..self })
        }
    }

    /// The halves a picker offers either side of this one on `today`: the one before, and the
    /// one after if it has begun (a notice of a half not yet begun would show nothing owed).
    pub fn neighbours(self, today: Date) -> (Option<Half>, Option<Half>) {
        (self.previous(), self.next().filter(|next| *next <= Half::of(today)))
    }

    /// `2026-H1` / `2026-H2`, as URLs and exports write it.
    pub fn code(self) -> String {
        format!("{}-H{}", self.year, if self.second { 2 } else { 1 })
    }

    /// Parses [`Half::code`].
    pub fn parse(text: &str) -> Option<Half> {
        let (year, half) = text.trim().split_once("-H")?;
        let year = Year::new(year.parse().ok()?)?;
        match half {
            "1" => Some(Half { year, second: false }),
            "2" => Some(Half { year, second: true }),
            _ => None,
        }
    }
}

/// One line of the notice: an instructor in a unit over the half.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NoticeRow {
    /// The instructor.
    pub instructor: String,
    /// The unit.
    pub unit: String,
    /// Reports owed whose due day has passed.
    pub owed: u32,
    /// Of those, filed (on time or late).
    pub filed: u32,
    /// Of the filed, late.
    pub late: u32,
    /// Visits in the half's reports.
    pub visits: u32,
    /// Services done.
    pub services: u32,
    /// Problems solved.
    pub problems_solved: u32,
    /// Activists developed.
    pub activists: u32,
    /// Organisations formed.
    pub organisations_formed: u32,
    /// Funding provided, in yuan.
    pub funding: Points,
}

impl NoticeRow {
    /// Owed reports still missing.
    pub fn missing(&self) -> u32 {
        self.owed - self.filed
    }

    fn add(&mut self, other: &NoticeRow) {
        self.owed += other.owed;
        self.filed += other.filed;
        self.late += other.late;
        self.visits += other.visits;
        self.services += other.services;
        self.problems_solved += other.problems_solved;
        self.activists += other.activists;
        self.organisations_formed += other.organisations_formed;
        self.funding += other.funding;
    }
}

/// The notice: its rows in (instructor, unit) order and their total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The half.
    pub half: Half,
    /// One row per instructor and unit with anything owed or reported.
    pub rows: Vec<NoticeRow>,
    /// Every row added up (`instructor` and `unit` empty).
    pub total: NoticeRow,
}

type Rows = BTreeMap<(String, String), NoticeRow>;

fn row<'a>(rows: &'a mut Rows, instructor: &str, unit: &str) -> &'a mut NoticeRow {
    rows.entry((instructor.to_string(), unit.to_string())).or_insert_with(|| NoticeRow {
        instructor: instructor.to_string(),
        unit: unit.to_string(),
        ..NoticeRow::default()
    })
}

/// The notice of `half` on `today`. Reports count towards what was done whether or not they
/// were owed (a report for a month an assignment ended in still tells of visits).
pub fn half_year_notice(
    half: Half,
    assignments: &[Assignment],
    reports: &[InstructorReport],
    due_day: u8,
    today: Date,
) -> Notice {
    let months = half.months();
    let mut rows = Rows::new();
    for owed in owed_reports(assignments, reports, months[0], months[5], due_day, today) {
        let entry = row(&mut rows, &owed.instructor, &owed.unit);
        match owed.state {
            ReportState::Open => {}
            ReportState::OnTime => {
                entry.owed += 1;
                entry.filed += 1;
            }
            ReportState::Late(_) => {
                entry.owed += 1;
                entry.filed += 1;
                entry.late += 1;
            }
            ReportState::Missing(_) => entry.owed += 1,
        }
    }
    for report in reports.iter().filter(|r| months.contains(&r.month)) {
        let entry = row(&mut rows, &report.instructor, &report.unit);
        entry.visits += report.visits.len() as u32;
        entry.services += report.services;
        entry.problems_solved += report.problems_solved;
        entry.activists += report.party_work.activists;
        entry.organisations_formed += u32::from(report.party_work.organisation_formed);
        entry.funding += report.funding;
    }
    let rows: Vec<NoticeRow> = rows.into_values().collect();
    let mut total = NoticeRow::default();
    for r in &rows {
        total.add(r);
    }
    Notice { half, rows, total }
}

/// The rows added up per instructor (`unit` empty), in the order the instructors first appear:
/// what the chart of reports filed against owed draws, one bar pair per person.
pub fn per_instructor(rows: &[NoticeRow]) -> Vec<NoticeRow> {
    let mut people: Vec<NoticeRow> = Vec::new();
    for r in rows {
        match people.iter_mut().find(|p| p.instructor == r.instructor) {
            Some(person) => person.add(r),
            None => {
                let mut person = NoticeRow { instructor: r.instructor.clone(), ..NoticeRow::default() };
                person.add(r);
                people.push(person);
            }
        }
    }
    people
}

/// Puts rows in the order a reader looks them up: by the instructor's name, then the unit's, as
/// the two functions name the ids (ids break ties, so two people of one name keep a fixed order).
pub fn sort_by_name(
    rows: &mut [NoticeRow],
    instructor_name: impl Fn(&str) -> String,
    unit_name: impl Fn(&str) -> String,
) {
    rows.sort_by_cached_key(|r| {
        (instructor_name(&r.instructor), r.instructor.clone(), unit_name(&r.unit), r.unit.clone())
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::instructors::assignment::{Role, Steps};

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn halves_parse_print_and_step_back() {
        let h = Half::of(day("2026-12-02"));
        assert_eq!(h.code(), "2026-H2");
        assert_eq!(Half::parse("2026-H2"), Some(h));
        assert_eq!(Half::parse("2026-H3"), None);
        assert_eq!(h.previous().unwrap().code(), "2026-H1");
        assert_eq!(h.previous().unwrap().previous().unwrap().code(), "2025-H2");
        assert_eq!(h.months()[0].to_string(), "2026-07");
        assert_eq!(h.months()[5].to_string(), "2026-12");
        assert_eq!(h.next().unwrap().code(), "2027-H1");
        assert_eq!(h.previous().unwrap().next(), Some(h));
    }

    #[test]
    fn the_picker_stops_at_the_half_of_today() {
        let today = day("2026-12-02");
        let h2 = Half::of(today);
        assert_eq!(h2.neighbours(today), (Half::parse("2026-H1"), None));
        let h1 = Half::parse("2026-H1").unwrap();
        assert_eq!(h1.neighbours(today), (Half::parse("2025-H2"), Some(h2)));
        assert_eq!(h1.neighbours(day("2026-06-30")).1, None);
        assert_eq!(h1.neighbours(day("2026-07-01")).1, Some(h2));
    }

    #[test]
    fn rows_add_up_per_instructor_and_sort_by_name() {
        let row = |instructor: &str, unit: &str, owed: u32, filed: u32| NoticeRow {
            instructor: instructor.into(),
            unit: unit.into(),
            owed,
            filed,
            visits: filed * 2,
            ..NoticeRow::default()
        };
        let mut rows = vec![row("i2", "u1", 3, 3), row("i1", "u2", 3, 1), row("i2", "u3", 2, 1), row("i1", "u1", 1, 0)];
        let people = per_instructor(&rows);
        assert_eq!(people.len(), 2);
        assert_eq!((people[0].instructor.as_str(), people[0].owed, people[0].filed, people[0].visits), ("i2", 5, 4, 8));
        assert_eq!((people[1].instructor.as_str(), people[1].owed, people[1].filed), ("i1", 4, 1));
        assert!(people.iter().all(|p| p.unit.is_empty()));
        let name = |id: &str| match id {
            "i1" => "王建国".to_string(),
            "i2" => "李芳".to_string(),
            "u1" => "B 公司".to_string(),
            "u2" => "A 公司".to_string(),
            _ => "C 公司".to_string(),
        };
        sort_by_name(&mut rows, name, name);
        let order: Vec<(&str, &str)> = rows.iter().map(|r| (r.instructor.as_str(), r.unit.as_str())).collect();
        // 李 (U+674E) before 王 (U+738B); within a person, by unit name.
        assert_eq!(order, vec![("i2", "u1"), ("i2", "u3"), ("i1", "u2"), ("i1", "u1")]);
    }

    #[test]
    fn rows_count_owed_filed_late_and_add_up_what_was_done() {
        let a = Assignment {
            id: "a1".into(),
            instructor: "i1".into(),
            units: vec!["u1".into(), "u2".into()],
            role: Role::Instructor,
            steps: Steps {
                requested_on: Some(day("2026-08-01")),
                consented_on: Some(day("2026-08-01")),
                signed_on: Some(day("2026-08-01")),
                appointed_on: Some(day("2026-08-01")),
            },
            ended: None,
        };
        let report = |unit: &str, month: &str, filed: &str, visits: &[&str], services: u32| InstructorReport {
            visits: visits.iter().map(|v| day(v)).collect(),
            services,
            funding: Points::from_hundredths(50_050),
            ..InstructorReport::blank(&a, unit, month.parse().unwrap(), day(filed))
        };
        let reports = vec![
            report("u1", "2026-08", "2026-09-02", &["2026-08-03", "2026-08-20"], 2),
            report("u1", "2026-09", "2026-10-08", &["2026-09-10"], 1),
            report("u2", "2026-08", "2026-09-05", &[], 0),
            // Outside the half: not counted.
            report("u2", "2026-06", "2026-07-01", &["2026-06-10"], 9),
        ];
        let notice =
            half_year_notice(Half::of(day("2026-12-02")), std::slice::from_ref(&a), &reports, 5, day("2026-12-02"));
        let u1 = &notice.rows[0];
        // Owed Aug, Sep, Oct (due 11-05); Nov is due 12-05, not yet owed.
        assert_eq!((u1.owed, u1.filed, u1.late, u1.missing()), (3, 2, 1, 1));
        assert_eq!((u1.visits, u1.services), (3, 3));
        assert_eq!(u1.funding.to_string(), "1001");
        let u2 = &notice.rows[1];
        assert_eq!((u2.owed, u2.filed, u2.late, u2.visits, u2.services), (3, 1, 0, 0, 0));
        assert_eq!((notice.total.owed, notice.total.filed, notice.total.visits), (6, 3, 3));
    }
}
