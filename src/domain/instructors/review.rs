//! The year-end review (述职评议: 述职 + 点评 + 评议, seed 003 art. 5): the instructor's own
//! report, the enterprise leadership's comment and grade, and a satisfaction survey
//! (满意度调查表) answered by the unit's members and employees. From the survey the app computes
//! the satisfaction rate, and from it, the leadership's grade and the year's reports a result
//! by the committee's rule: 优秀 is commended, 不称职 flags the assignment for replacement (调整).

use serde::{Deserialize, Serialize};

use super::problem::{check_text, done, Field, Problem, Problems};
use crate::domain::values::date::Date;
use crate::domain::values::period::Year;
use crate::domain::values::ratio::Ratio;

/// Longest 述职 or comment, in characters.
pub const MAX_TEXT_CHARS: usize = 2000;
/// Longest survey question, in characters.
pub const MAX_QUESTION_CHARS: usize = 100;
/// Most questions in a survey.
pub const MAX_QUESTIONS: usize = 20;
/// Most responses entered for one review.
pub const MAX_RESPONSES: usize = 500;

/// A result, best first (also the leadership's grade).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// 优秀
    Excellent,
    /// 称职
    Competent,
    /// 基本称职
    Basic,
    /// 不称职
    Unfit,
}

impl Grade {
    /// Every grade, best first.
    pub const ALL: [Grade; 4] = [Grade::Excellent, Grade::Competent, Grade::Basic, Grade::Unfit];

    /// Stable code, the same as its serde name.
    pub fn code(self) -> &'static str {
        match self {
            Grade::Excellent => "excellent",
            Grade::Competent => "competent",
            Grade::Basic => "basic",
            Grade::Unfit => "unfit",
        }
    }

    /// Parses [`Grade::code`].
    pub fn from_code(code: &str) -> Option<Grade> {
        Grade::ALL.into_iter().find(|g| g.code() == code)
    }
}

/// One answer of the survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Satisfaction {
    /// 非常满意
    VerySatisfied,
    /// 满意
    Satisfied,
    /// 基本满意
    Basic,
    /// 不满意
    Dissatisfied,
}

impl Satisfaction {
    /// Every answer, best first.
    pub const ALL: [Satisfaction; 4] =
        [Satisfaction::VerySatisfied, Satisfaction::Satisfied, Satisfaction::Basic, Satisfaction::Dissatisfied];
}

/// Who answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Respondent {
    /// 党员
    #[default]
    Member,
    /// 职工群众
    Employee,
}

/// One filled-in survey form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    /// Who answered.
    #[serde(default)]
    pub respondent: Respondent,
    /// One answer per question, in question order.
    pub answers: Vec<Satisfaction>,
}

/// A survey form as it is being filled in: who answered, and an answer or none yet per question.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResponseDraft {
    /// Who answered.
    pub respondent: Respondent,
    /// One slot per question, in question order.
    pub answers: Vec<Option<Satisfaction>>,
}

impl ResponseDraft {
    /// A blank form for `questions` questions, filled in by a member (the form's first choice).
    pub fn new(questions: usize) -> ResponseDraft {
        ResponseDraft { respondent: Respondent::default(), answers: vec![None; questions] }
    }

    /// The questions still without an answer, numbered from 1.
    pub fn unanswered(&self) -> Vec<usize> {
        self.answers.iter().enumerate().filter(|(_, a)| a.is_none()).map(|(n, _)| n + 1).collect()
    }

    /// The form as a response: the answers given, in order. A question left out leaves it
    /// shorter than the survey, which [`validate_review`] refuses as
    /// [`Problem::IncompleteResponse`] — the one rule of what a complete form is.
    pub fn response(&self) -> Response {
        Response { respondent: self.respondent, answers: self.answers.iter().flatten().copied().collect() }
    }
}

/// The questions of the default survey, worded by the UI in the current language; a review
/// keeps the texts it was answered against, so a later change of the questions alters no
/// finished review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DefaultQuestion {
    /// 宣传政策信息
    Policy,
    /// 指导党组织建设
    Organisation,
    /// 协调解决问题
    Problems,
    /// 服务企业发展
    Development,
    /// 工作作风和廉洁自律
    Conduct,
}

impl DefaultQuestion {
    /// The default set, in order.
    pub const ALL: [DefaultQuestion; 5] = [
        DefaultQuestion::Policy,
        DefaultQuestion::Organisation,
        DefaultQuestion::Problems,
        DefaultQuestion::Development,
        DefaultQuestion::Conduct,
    ];
}

/// One instructor's year-end review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearEndReview {
    /// The instructor.
    pub instructor: String,
    /// The year reviewed.
    pub year: Year,
    /// The instructor's own report (述职).
    #[serde(default)]
    pub report_text: String,
    /// The enterprise leadership's comment (领导点评).
    #[serde(default)]
    pub leader_comment: String,
    /// The leadership's grade.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader_grade: Option<Grade>,
    /// The survey's questions, as answered.
    pub questions: Vec<String>,
    /// The filled-in forms.
    #[serde(default)]
    pub responses: Vec<Response>,
}

impl YearEndReview {
    /// The storage key: one review per instructor and year.
    pub fn key(&self) -> String {
        review_key(&self.instructor, self.year)
    }
}

/// The key of `instructor`'s review for `year`.
pub fn review_key(instructor: &str, year: Year) -> String {
    format!("{instructor}|{year}")
}

/// The review of `instructor` for `year` as its form opens: the stored one with the questions it
/// was answered against; otherwise a new, empty one asking the committee's questions
/// (`configured`), or `defaults` (the default set in the user's words) while it has set none.
pub fn review_or_new(
    reviews: &[YearEndReview],
    instructor: &str,
    year: Year,
    configured: Option<&[String]>,
    defaults: impl FnOnce() -> Vec<String>,
) -> YearEndReview {
    if let Some(stored) = reviews.iter().find(|r| r.instructor == instructor && r.year == year) {
        return stored.clone();
    }
    YearEndReview {
        instructor: instructor.to_string(),
        year,
        report_text: String::new(),
        leader_comment: String::new(),
        leader_grade: None,
        questions: configured.map_or_else(defaults, <[String]>::to_vec),
        responses: Vec::new(),
    }
}

/// Validates a review about to be saved.
pub fn validate_review(mut review: YearEndReview, today: Date) -> Result<YearEndReview, Problems> {
    let mut problems = Problems::new();
    if review.year.number() > today.year() {
        problems.push(Problem::YearNotBegun);
    }
    check_text(&mut review.report_text, Field::ReportText, MAX_TEXT_CHARS, false, &mut problems);
    check_text(&mut review.leader_comment, Field::LeaderComment, MAX_TEXT_CHARS, false, &mut problems);
    if review.questions.is_empty() {
        problems.push(Problem::Required(Field::Questions));
    } else if review.questions.len() > MAX_QUESTIONS {
        problems.push(Problem::TooLong(Field::Questions, MAX_QUESTIONS));
    }
    let mut found = Problems::new();
    for question in review.questions.iter_mut() {
        check_text(question, Field::Questions, MAX_QUESTION_CHARS, true, &mut found);
    }
    for problem in found {
        if !problems.contains(&problem) {
            problems.push(problem);
        }
    }
    for (n, question) in review.questions.iter().enumerate() {
        if review.questions[..n].contains(question) {
            problems.push(Problem::DuplicateQuestion(n + 1));
        }
    }
    if review.responses.len() > MAX_RESPONSES {
        problems.push(Problem::TooLong(Field::Responses, MAX_RESPONSES));
    }
    for (n, response) in review.responses.iter().enumerate() {
        if response.answers.len() != review.questions.len() {
            problems.push(Problem::IncompleteResponse(n + 1));
        }
    }
    done(review, problems)
}

/// The answers of a survey counted by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    /// 非常满意
    pub very_satisfied: u32,
    /// 满意
    pub satisfied: u32,
    /// 基本满意
    pub basic: u32,
    /// 不满意
    pub dissatisfied: u32,
}

impl Tally {
    /// Every answer counted.
    pub fn total(self) -> u32 {
        self.very_satisfied + self.satisfied + self.basic + self.dissatisfied
    }

    /// 满意率: answers other than 不满意 among all answers — the share of people who are at least
    /// basically satisfied, as such surveys state it.
    pub fn rate(self) -> Ratio {
        Ratio { numerator: self.total() - self.dissatisfied, denominator: self.total() }
    }
}

/// Counts the answers of every response.
pub fn tally(responses: &[Response]) -> Tally {
    let mut tally = Tally::default();
    for answer in responses.iter().flat_map(|r| &r.answers) {
        match answer {
            Satisfaction::VerySatisfied => tally.very_satisfied += 1,
            Satisfaction::Satisfied => tally.satisfied += 1,
            Satisfaction::Basic => tally.basic += 1,
            Satisfaction::Dissatisfied => tally.dissatisfied += 1,
        }
    }
    tally
}

/// The committee's rule from survey to result (Settings). Defaults: 优秀 from 95 %, 称职 from
/// 85 %, 基本称职 from 70 %, below that 不称职; at least 10 forms; 优秀 also needs every report of
/// the year filed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultRule {
    /// Lowest satisfaction rate for 优秀, in whole percent.
    pub excellent: u32,
    /// Lowest rate for 称职.
    pub competent: u32,
    /// Lowest rate for 基本称职.
    pub basic: u32,
    /// Fewest forms for a result at all.
    pub min_responses: u32,
    /// Whether 优秀 needs every owed report of the year filed; otherwise it becomes 称职.
    pub excellent_needs_all_reports: bool,
}

impl Default for ResultRule {
    fn default() -> ResultRule {
        ResultRule { excellent: 95, competent: 85, basic: 70, min_responses: 10, excellent_needs_all_reports: true }
    }
}

/// Why a rule is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleProblem {
    /// The thresholds do not descend 100 ≥ 优秀 ≥ 称职 ≥ 基本称职 ≥ 0.
    ThresholdsOutOfOrder,
    /// Fewer than 1 or more than [`MAX_RESPONSES`] forms required.
    MinResponsesOutOfRange,
}

impl ResultRule {
    /// Checks the rule before it is saved.
    pub fn validate(self) -> Result<ResultRule, RuleProblem> {
        if !(self.excellent <= 100 && self.excellent >= self.competent && self.competent >= self.basic) {
            return Err(RuleProblem::ThresholdsOutOfOrder);
        }
        if self.min_responses == 0 || self.min_responses as usize > MAX_RESPONSES {
            return Err(RuleProblem::MinResponsesOutOfRange);
        }
        Ok(self)
    }

    /// The grade a satisfaction rate alone earns.
    pub fn grade_of_rate(self, rate: Ratio) -> Grade {
        // Exact: numerator / denominator ≥ t / 100  ⇔  100 · numerator ≥ t · denominator.
        let reaches = |t: u32| u64::from(rate.numerator) * 100 >= u64::from(t) * u64::from(rate.denominator);
        if reaches(self.excellent) {
            Grade::Excellent
        } else if reaches(self.competent) {
            Grade::Competent
        } else if reaches(self.basic) {
            Grade::Basic
        } else {
            Grade::Unfit
        }
    }
}

/// What a review still lacks for a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    /// The leadership has not graded.
    LeaderGrade,
    /// Fewer forms than the rule needs.
    Responses {
        /// Forms entered.
        have: u32,
        /// Forms needed.
        need: u32,
    },
}

/// The result of a review, or what it still lacks (every missing piece).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The result.
    Graded(Grade),
    /// Not yet: what is missing.
    Pending(Vec<Pending>),
}

impl Outcome {
    /// The grade, once there is one.
    pub fn grade(&self) -> Option<Grade> {
        match self {
            Outcome::Graded(g) => Some(*g),
            Outcome::Pending(_) => None,
        }
    }
}

/// The result of `review` by `rule`, given the reports of the year filed and owed: the grade of
/// its satisfaction rate, never better than the leadership's grade, and 优秀 only with every
/// report filed when the rule asks so.
pub fn outcome(review: &YearEndReview, rule: ResultRule, reports_filed: u32, reports_owed: u32) -> Outcome {
    let mut pending = Vec::new();
    if review.leader_grade.is_none() {
        pending.push(Pending::LeaderGrade);
    }
    let forms = review.responses.len() as u32;
    if forms < rule.min_responses {
        pending.push(Pending::Responses { have: forms, need: rule.min_responses });
    }
    let (Some(leader), true) = (review.leader_grade, pending.is_empty()) else { return Outcome::Pending(pending) };
    let mut grade = rule.grade_of_rate(tally(&review.responses).rate()).max(leader);
    if grade == Grade::Excellent && rule.excellent_needs_all_reports && reports_filed < reports_owed {
        grade = Grade::Competent;
    }
    Outcome::Graded(grade)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Satisfaction::*;

    fn year(n: i32) -> Year {
        Year::new(n).unwrap()
    }

    fn review(answers: &[&[Satisfaction]], leader: Option<Grade>) -> YearEndReview {
        YearEndReview {
            instructor: "i1".into(),
            year: year(2026),
            report_text: "全年走访企业 24 次".into(),
            leader_comment: String::new(),
            leader_grade: leader,
            questions: vec!["宣传政策信息".into(), "协调解决问题".into()],
            responses: answers
                .iter()
                .map(|a| Response { respondent: Respondent::Member, answers: a.to_vec() })
                .collect(),
        }
    }

    fn forms(n: usize, answers: &[Satisfaction]) -> Vec<&[Satisfaction]> {
        vec![answers; n]
    }

    #[test]
    fn the_rate_counts_answers_other_than_dissatisfied() {
        let t = tally(
            &review(&[&[VerySatisfied, Satisfied], &[Basic, Dissatisfied], &[Satisfied, Satisfied]], None).responses,
        );
        assert_eq!(t, Tally { very_satisfied: 1, satisfied: 3, basic: 1, dissatisfied: 1 });
        assert_eq!(t.rate(), Ratio { numerator: 5, denominator: 6 });
        assert_eq!(t.rate().percent().unwrap().to_string(), "83.33");
        assert_eq!(Tally::default().rate().percent(), None);
    }

    #[test]
    fn thresholds_are_exact_at_their_edges() {
        let rule = ResultRule::default();
        let table = [
            (19, 20, Grade::Excellent),   // 95 %
            (189, 200, Grade::Competent), // 94.5 %
            (17, 20, Grade::Competent),   // 85 %
            (169, 200, Grade::Basic),     // 84.5 %
            (7, 10, Grade::Basic),        // 70 %
            (69, 100, Grade::Unfit),
            (0, 0, Grade::Excellent), // no answers: decided by the minimum of forms, not here
        ];
        for (numerator, denominator, grade) in table {
            assert_eq!(rule.grade_of_rate(Ratio { numerator, denominator }), grade, "{numerator}/{denominator}");
        }
    }

    #[test]
    fn the_outcome_waits_for_the_leadership_and_enough_forms() {
        let rule = ResultRule::default();
        let few = review(&forms(3, &[Satisfied, Satisfied]), None);
        assert_eq!(
            outcome(&few, rule, 12, 12),
            Outcome::Pending(vec![Pending::LeaderGrade, Pending::Responses { have: 3, need: 10 }])
        );
    }

    #[test]
    fn the_outcome_table() {
        let rule = ResultRule::default();
        let all_good = forms(10, &[VerySatisfied, Satisfied]);
        let mut mixed = forms(9, &[Satisfied, Satisfied]);
        mixed.push(&[Dissatisfied, Dissatisfied]); // 90 %
        let poor = forms(10, &[Dissatisfied, Basic]); // 50 %
        type Case<'a> = (&'a Vec<&'a [Satisfaction]>, Grade, u32, u32, Grade);
        let table: Vec<Case> = vec![
            (&all_good, Grade::Excellent, 12, 12, Grade::Excellent),
            // A report missing: 优秀 becomes 称职.
            (&all_good, Grade::Excellent, 11, 12, Grade::Competent),
            // Never better than the leadership's grade.
            (&all_good, Grade::Basic, 12, 12, Grade::Basic),
            (&mixed, Grade::Excellent, 12, 12, Grade::Competent),
            (&poor, Grade::Excellent, 12, 12, Grade::Unfit),
        ];
        for (answers, leader, filed, owed, expected) in table {
            let r = review(answers, Some(leader));
            assert_eq!(outcome(&r, rule, filed, owed), Outcome::Graded(expected), "{leader:?} {filed}/{owed}");
        }
        let lenient = ResultRule { excellent_needs_all_reports: false, ..rule };
        assert_eq!(outcome(&review(&all_good, Some(Grade::Excellent)), lenient, 0, 12).grade(), Some(Grade::Excellent));
    }

    #[test]
    fn rules_must_descend() {
        assert!(ResultRule::default().validate().is_ok());
        let bad = ResultRule { competent: 96, ..ResultRule::default() };
        assert_eq!(bad.validate(), Err(RuleProblem::ThresholdsOutOfOrder));
        assert_eq!(
            ResultRule { excellent: 101, ..ResultRule::default() }.validate(),
            Err(RuleProblem::ThresholdsOutOfOrder)
        );
        assert_eq!(
            ResultRule { min_responses: 0, ..ResultRule::default() }.validate(),
            Err(RuleProblem::MinResponsesOutOfRange)
        );
    }

    #[test]
    fn a_form_being_filled_in_becomes_a_response_the_save_checks() {
        let mut draft = ResponseDraft::new(3);
        assert_eq!(draft.unanswered(), vec![1, 2, 3]);
        draft.respondent = Respondent::Employee;
        draft.answers[0] = Some(VerySatisfied);
        draft.answers[2] = Some(Dissatisfied);
        assert_eq!(draft.unanswered(), vec![2]);
        assert_eq!(
            draft.response(),
            Response { respondent: Respondent::Employee, answers: vec![VerySatisfied, Dissatisfied] }
        );
        let today: Date = "2026-12-02".parse().unwrap();
        let mut r = review(&[&[Satisfied, Basic]], None);
        r.questions.push("服务企业发展".into());
        r.responses = vec![draft.response()];
        assert_eq!(validate_review(r.clone(), today).unwrap_err(), vec![Problem::IncompleteResponse(1)]);
        draft.answers[1] = Some(Satisfied);
        r.responses = vec![draft.response()];
        assert!(validate_review(r, today).is_ok());
    }

    #[test]
    fn a_review_opens_stored_or_with_the_committees_questions_or_the_defaults() {
        let stored = review(&[&[Satisfied, Satisfied]], Some(Grade::Competent));
        let reviews = vec![stored.clone()];
        let defaults = || vec!["默认".to_string()];
        let configured = vec!["甲".to_string(), "乙".to_string(), "丙".to_string()];
        assert_eq!(review_or_new(&reviews, "i1", year(2026), Some(&configured), defaults), stored);
        let fresh = review_or_new(&reviews, "i1", year(2025), Some(&configured), defaults);
        assert_eq!((fresh.year, fresh.questions.len(), fresh.responses.len()), (year(2025), 3, 0));
        assert_eq!(fresh.leader_grade, None);
        assert_eq!(review_or_new(&reviews, "i2", year(2026), None, defaults).questions, vec!["默认".to_string()]);
    }

    #[test]
    fn a_review_is_checked_whole() {
        let today: Date = "2026-12-02".parse().unwrap();
        let mut r = review(&[&[Satisfied], &[Satisfied, Basic]], None);
        r.questions.push("宣传政策信息".into());
        r.year = year(2027);
        assert_eq!(
            validate_review(r, today).unwrap_err(),
            vec![
                Problem::YearNotBegun,
                Problem::DuplicateQuestion(3),
                Problem::IncompleteResponse(1),
                Problem::IncompleteResponse(2)
            ]
        );
        let mut empty = review(&[], None);
        empty.questions.clear();
        assert_eq!(validate_review(empty, today).unwrap_err(), vec![Problem::Required(Field::Questions)]);
        assert_eq!(review(&[], None).key(), "i1|2026");
    }
}
