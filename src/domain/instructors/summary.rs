//! One instructor's year in figures — reports filed against owed, what they did, the survey's
//! satisfaction rate and the result — for the year-end page, the commendation and replacement
//! lists, and `starbranch instructors FILE --year YYYY`.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::assignment::Assignment;
use super::instructor::Instructor;
use super::report::{owed_reports, InstructorReport, ReportState};
use super::review::{outcome, tally, Grade, Outcome, Pending, ResultRule, Tally, YearEndReview};
use super::settings::InstructorSettings;
use crate::domain::device::settings::INSTRUCTORS as SETTINGS_KEY;
use crate::domain::units::report::{records, setting, RecordProblem};
use crate::domain::values::date::Date;
use crate::domain::values::period::Year;

/// An instructor's year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstructorYear {
    /// The instructor's id.
    pub instructor: String,
    /// Their name.
    pub name: String,
    /// Reports owed whose due day has passed.
    pub owed: u32,
    /// Of those, filed.
    pub filed: u32,
    /// Of the filed, late.
    pub late: u32,
    /// Visits reported over the year.
    pub visits: u32,
    /// Services done.
    pub services: u32,
    /// Problems solved.
    pub problems_solved: u32,
    /// The survey's answers, when a review exists.
    pub tally: Option<Tally>,
    /// The review's outcome, when a review exists.
    pub outcome: Option<Outcome>,
}

impl InstructorYear {
    /// The result, once there is one.
    pub fn grade(&self) -> Option<Grade> {
        self.outcome.as_ref().and_then(Outcome::grade)
    }
}

/// The year of every instructor who served in it (an assignment active on some day of it) or
/// has a review for it, in name order.
#[allow(clippy::too_many_arguments)]
pub fn year_summary(
    year: Year,
    instructors: &[Instructor],
    assignments: &[Assignment],
    reports: &[InstructorReport],
    reviews: &[YearEndReview],
    rule: ResultRule,
    due_day: u8,
    today: Date,
) -> Vec<InstructorYear> {
    let months = year.months();
    let owed = owed_reports(assignments, reports, months[0], months[11], due_day, today);
    let mut rows: Vec<InstructorYear> = instructors
        .iter()
        .filter_map(|person| {
            let served =
                assignments.iter().any(|a| a.instructor == person.id && months.iter().any(|m| a.active_in(*m)));
            let review = reviews.iter().find(|r| r.instructor == person.id && r.year == year);
            if !served && review.is_none() {
                return None;
            }
            let theirs = owed.iter().filter(|o| o.instructor == person.id && o.state != ReportState::Open);
            let (mut owed_count, mut filed, mut late) = (0, 0, 0);
            for o in theirs {
                owed_count += 1;
                filed += u32::from(o.state.filed());
                late += u32::from(matches!(o.state, ReportState::Late(_)));
            }
            let mine = reports.iter().filter(|r| r.instructor == person.id && r.month.year() == year);
            let (mut visits, mut services, mut problems_solved) = (0, 0, 0);
            for r in mine {
                visits += r.visits.len() as u32;
                services += r.services;
                problems_solved += r.problems_solved;
            }
            Some(InstructorYear {
                instructor: person.id.clone(),
                name: person.name.clone(),
                owed: owed_count,
                filed,
                late,
                visits,
                services,
                problems_solved,
                tally: review.map(|r| tally(&r.responses)),
                outcome: review.map(|r| outcome(r, rule, filed, owed_count)),
            })
        })
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.instructor.cmp(&b.instructor)));
    rows
}

/// Everything a year's summary is computed from, as a backup holds it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct InstructorRecords {
    /// The pool (store `instructors`).
    pub instructors: Vec<Instructor>,
    /// The assignments (store `assignments`).
    pub assignments: Vec<Assignment>,
    /// The monthly reports (store `instructor_reports`).
    pub reports: Vec<InstructorReport>,
    /// The year-end reviews (store `year_end_reviews`).
    pub reviews: Vec<YearEndReview>,
    /// The committee's settings (the `instructors` setting of store `meta`; defaults when
    /// missing or unreadable, as in the app).
    pub settings: InstructorSettings,
}

impl InstructorRecords {
    /// Reads the four stores and the setting among a backup's `stores` (checked by
    /// `backup::parse` and migrated to this schema). A report or review is stored with its key
    /// (`assignment|unit|YYYY-MM`, `instructor|YYYY`) beside its fields; the key is ignored, the
    /// record carries what it is made of. Every record that does not read is reported.
    pub fn from_stores(stores: &BTreeMap<String, Vec<Value>>) -> Result<InstructorRecords, Vec<RecordProblem>> {
        let mut problems = Vec::new();
        let setting = setting(stores, SETTINGS_KEY);
        let read = InstructorRecords {
            instructors: records(stores, "instructors", &mut problems),
            assignments: records(stores, "assignments", &mut problems),
            reports: records(stores, "instructor_reports", &mut problems),
            reviews: records(stores, "year_end_reviews", &mut problems),
            settings: InstructorSettings::read(setting),
        };
        if problems.is_empty() {
            Ok(read)
        } else {
            Err(problems)
        }
    }

    /// [`year_summary`] of these records under their settings, on `today`.
    pub fn summary(&self, year: Year, today: Date) -> Vec<InstructorYear> {
        year_summary(
            year,
            &self.instructors,
            &self.assignments,
            &self.reports,
            &self.reviews,
            self.settings.rule,
            self.settings.report_due_day,
            today,
        )
    }
}

/// The day a year's summary is stated for when it is read from a file made on `made`: the
/// year's last day, or the day the file was made if that is earlier — a file knows nothing of
/// the days after it was made. `None` for a year without dates (outside 1900–2999).
pub fn summary_day(year: Year, made: Date) -> Option<Date> {
    Date::new(year.number(), 12, 31).map(|last| last.min(made))
}

/// The years a picker offers either side of `year` on `today`: the one before, and the one after
/// if it has begun (a review of a year not begun is refused).
pub fn years_around(year: Year, today: Date) -> (Option<Year>, Option<Year>) {
    let next = Year::new(year.number() + 1).filter(|next| next.number() <= today.year());
    (Year::new(year.number() - 1), next)
}

/// The instructors to commend: 优秀 in the year.
pub fn commended(rows: &[InstructorYear]) -> Vec<&InstructorYear> {
    rows.iter().filter(|r| r.grade() == Some(Grade::Excellent)).collect()
}

/// The open assignments flagged for replacement (调整): their instructor's result is 不称职.
pub fn to_replace<'a>(rows: &[InstructorYear], assignments: &'a [Assignment]) -> Vec<&'a Assignment> {
    assignments
        .iter()
        .filter(|a| a.is_open() && rows.iter().any(|r| r.instructor == a.instructor && r.grade() == Some(Grade::Unfit)))
        .collect()
}

/// The JSON the auditors' tool prints: per instructor, reports filed / owed, the satisfaction
/// rate in percent to the hundredth (`null` without a survey) and the result (`null` while
/// pending, with what is missing).
pub fn to_json(year: Year, rows: &[InstructorYear]) -> Value {
    let instructors: Vec<Value> = rows
        .iter()
        .map(|r| {
            let rate = r.tally.and_then(|t| t.rate().percent()).map(|p| p.hundredths() as f64 / 100.0);
            let pending: Vec<Value> = match &r.outcome {
                Some(Outcome::Pending(missing)) => missing
                    .iter()
                    .map(|p| match p {
                        Pending::LeaderGrade => json!("leader_grade"),
                        Pending::Responses { have, need } => json!({"responses": {"have": have, "need": need}}),
                    })
                    .collect(),
                None => vec![json!("review")],
                Some(Outcome::Graded(_)) => Vec::new(),
            };
            json!({
                "id": r.instructor,
                "name": r.name,
                "reports_filed": r.filed,
                "reports_expected": r.owed,
                "reports_late": r.late,
                "visits": r.visits,
                "services": r.services,
                "problems_solved": r.problems_solved,
                "satisfaction_rate": rate,
                "result": r.grade().map(Grade::code),
                "pending": pending,
            })
        })
        .collect();
    json!({ "year": year.number(), "instructors": instructors })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::instructors::assignment::{Role, Steps};
    use crate::domain::instructors::review::{Respondent, Response, Satisfaction};

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn the_year_picker_stops_at_this_year() {
        let y = |n| Year::new(n).unwrap();
        assert_eq!(years_around(y(2026), day("2026-12-02")), (Some(y(2025)), None));
        assert_eq!(years_around(y(2025), day("2026-01-01")), (Some(y(2024)), Some(y(2026))));
    }

    #[test]
    fn a_year_in_figures_with_its_result_and_lists() {
        let year = Year::new(2026).unwrap();
        let pool = vec![
            Instructor { name: "王建国".into(), ..Instructor::blank("i1") },
            Instructor { name: "李芳".into(), ..Instructor::blank("i2") },
            Instructor { name: "赵敏".into(), ..Instructor::blank("i3") },
        ];
        let on = Some(day("2026-10-01"));
        let steps = Steps { requested_on: on, consented_on: on, signed_on: on, appointed_on: on };
        let assign = |id: &str, who: &str| Assignment {
            id: id.into(),
            instructor: who.into(),
            units: vec!["u1".into()],
            role: Role::Instructor,
            steps,
            ended: None,
        };
        let assignments = vec![assign("a1", "i1"), assign("a2", "i2")];
        let reports = vec![InstructorReport {
            visits: vec![day("2026-10-09")],
            services: 2,
            ..InstructorReport::blank(&assignments[0], "u1", "2026-10".parse().unwrap(), day("2026-11-03"))
        }];
        let answers = |a: Satisfaction| vec![Response { respondent: Respondent::Employee, answers: vec![a, a] }; 10];
        let review = |who: &str, grade: Grade, a: Satisfaction| YearEndReview {
            instructor: who.into(),
            year,
            report_text: String::new(),
            leader_comment: String::new(),
            leader_grade: Some(grade),
            questions: vec!["q1".into(), "q2".into()],
            responses: answers(a),
        };
        let reviews = vec![
            review("i1", Grade::Excellent, Satisfaction::VerySatisfied),
            review("i2", Grade::Competent, Satisfaction::Dissatisfied),
        ];
        let rows =
            year_summary(year, &pool, &assignments, &reports, &reviews, ResultRule::default(), 5, day("2026-12-02"));
        // i3 neither served nor was reviewed: not listed. Sorted by name (李 < 王 by code point).
        assert_eq!(rows.iter().map(|r| r.instructor.as_str()).collect::<Vec<_>>(), vec!["i2", "i1"]);
        let wang = &rows[1];
        assert_eq!((wang.owed, wang.filed, wang.visits, wang.services), (1, 1, 1, 2));
        assert_eq!(wang.grade(), Some(Grade::Excellent));
        assert_eq!(rows[0].grade(), Some(Grade::Unfit));
        assert_eq!(commended(&rows).len(), 1);
        assert_eq!(to_replace(&rows, &assignments).iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), vec!["a2"]);

        let json = to_json(year, &rows);
        assert_eq!(json["year"], 2026);
        assert_eq!(json["instructors"][1]["satisfaction_rate"], 100.0);
        assert_eq!(json["instructors"][1]["result"], "excellent");
        assert_eq!(json["instructors"][0]["satisfaction_rate"], 0.0);
        assert_eq!(json["instructors"][0]["reports_expected"], 1);
        assert_eq!(json["instructors"][0]["reports_filed"], 0);
    }

    #[test]
    fn records_read_from_a_backup_s_stores_with_their_settings_and_every_bad_one_located() {
        let person = serde_json::to_value(Instructor { name: "王建国".into(), ..Instructor::blank("i1") }).unwrap();
        let settings = InstructorSettings { report_due_day: 10, ..InstructorSettings::default() };
        let mut stores: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        stores.insert("instructors".into(), vec![person.clone()]);
        stores.insert("meta".into(), vec![json!({"key": "instructors", "value": settings.to_json()})]);
        let read = InstructorRecords::from_stores(&stores).unwrap();
        assert_eq!((read.instructors.len(), read.assignments.len(), read.settings), (1, 0, settings));

        stores.insert("meta".into(), vec![json!({"key": "instructors", "value": "{not json"})]);
        assert_eq!(InstructorRecords::from_stores(&stores).unwrap().settings, InstructorSettings::default());
        stores.insert("year_end_reviews".into(), vec![json!({"key": "i1|2026", "instructor": "i1"})]);
        stores.insert("instructors".into(), vec![person, json!({"id": "i2"})]);
        let problems = InstructorRecords::from_stores(&stores).unwrap_err();
        let at: Vec<&str> = problems.iter().map(|p| p.at.as_str()).collect();
        assert_eq!(at, ["instructors[1]", "year_end_reviews[0]"]);
    }

    #[test]
    fn a_file_s_summary_is_stated_for_the_year_s_end_or_the_day_it_was_made() {
        let year = Year::new(2026).unwrap();
        assert_eq!(summary_day(year, day("2026-11-30")), Some(day("2026-11-30")));
        assert_eq!(summary_day(year, day("2027-01-04")), Some(day("2026-12-31")));
        assert_eq!(summary_day(Year::new(3100).unwrap(), day("2026-11-30")), None);
    }
}
