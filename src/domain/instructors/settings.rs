//! The committee's settings for instructors and requests, kept as one JSON setting
//! ([`crate::domain::device::settings::INSTRUCTORS`]): a missing or unreadable value falls back to
//! its default, so an older database or a hand-edited backup never stops the pages.

use serde::{Deserialize, Serialize};

use super::assignment::{DEFAULT_MAX_LOAD, MAX_MAX_LOAD};
use super::report::DEFAULT_DUE_DAY;
use super::review::{ResultRule, RuleProblem, MAX_QUESTIONS, MAX_QUESTION_CHARS};
use crate::domain::requests::{DEFAULT_DUE_DAYS, MAX_DUE_DAYS};

/// The settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InstructorSettings {
    /// Units one instructor may serve before the pool warns.
    pub max_load: usize,
    /// Day of the next month a monthly report is due.
    pub report_due_day: u8,
    /// From survey to result.
    pub rule: ResultRule,
    /// The survey's questions; `None` for the default set (worded in the current language).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub questions: Option<Vec<String>>,
    /// Days a request may stay open before it is overdue.
    pub request_due_days: u32,
}

impl Default for InstructorSettings {
    fn default() -> InstructorSettings {
        InstructorSettings {
            max_load: DEFAULT_MAX_LOAD,
            report_due_day: DEFAULT_DUE_DAY,
            rule: ResultRule::default(),
            questions: None,
            request_due_days: DEFAULT_DUE_DAYS,
        }
    }
}

/// What is wrong with settings about to be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsProblem {
    /// Maximum load outside 1 … 50.
    MaxLoad,
    /// Due day outside 1 … 28.
    DueDay,
    /// Request due days outside 1 … 365.
    RequestDueDays,
    /// The result rule is refused.
    Rule(RuleProblem),
    /// No question, too many, an empty or too long one, or one twice.
    Questions,
}

impl InstructorSettings {
    /// Reads the stored value; anything unreadable or out of range gives the default for it.
    pub fn read(stored: Option<&str>) -> InstructorSettings {
        let read: InstructorSettings = stored.and_then(|s| serde_json::from_str(s).ok()).unwrap_or_default();
        let defaults = InstructorSettings::default();
        InstructorSettings {
            max_load: if (1..=MAX_MAX_LOAD).contains(&read.max_load) { read.max_load } else { defaults.max_load },
            report_due_day: if (1..=28).contains(&read.report_due_day) {
                read.report_due_day
            } else {
                defaults.report_due_day
            },
            rule: read.rule.validate().unwrap_or(defaults.rule),
            questions: read.questions.clone().filter(|q| questions_ok(q)),
            request_due_days: if (1..=MAX_DUE_DAYS).contains(&read.request_due_days) {
                read.request_due_days
            } else {
                defaults.request_due_days
            },
        }
    }

    /// Checks settings before they are saved (every problem); returns them with the questions
    /// trimmed.
    pub fn validate(mut self) -> Result<InstructorSettings, Vec<SettingsProblem>> {
        let mut problems = Vec::new();
        if !(1..=MAX_MAX_LOAD).contains(&self.max_load) {
            problems.push(SettingsProblem::MaxLoad);
        }
        if !(1..=28).contains(&self.report_due_day) {
            problems.push(SettingsProblem::DueDay);
        }
        if !(1..=MAX_DUE_DAYS).contains(&self.request_due_days) {
            problems.push(SettingsProblem::RequestDueDays);
        }
        if let Err(p) = self.rule.validate() {
            problems.push(SettingsProblem::Rule(p));
        }
        if let Some(questions) = &mut self.questions {
            for q in questions.iter_mut() {
                *q = q.trim().to_string();
            }
            questions.retain(|q| !q.is_empty());
            if !questions_ok(questions) {
                problems.push(SettingsProblem::Questions);
            }
        }
        if problems.is_empty() {
            Ok(self)
        } else {
            Err(problems)
        }
    }

    /// The JSON kept in the setting.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The result rule and the survey's questions as the year page's form holds them: texts for the
/// numbers, the questions one per line, and whether the default set is asked instead.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RuleDraft {
    /// Lowest rate for 优秀, in whole percent.
    pub excellent: String,
    /// Lowest rate for 称职.
    pub competent: String,
    /// Lowest rate for 基本称职.
    pub basic: String,
    /// Fewest forms for a result.
    pub min_responses: String,
    /// 优秀 needs every owed report filed.
    pub excellent_needs_all_reports: bool,
    /// The questions, one per line (blank lines are dropped).
    pub questions: String,
    /// Ask the default questions (the committee sets none).
    pub default_questions: bool,
}

impl RuleDraft {
    /// The form showing `settings`.
    pub fn of(settings: &InstructorSettings) -> RuleDraft {
        let rule = settings.rule;
        RuleDraft {
            excellent: rule.excellent.to_string(),
            competent: rule.competent.to_string(),
            basic: rule.basic.to_string(),
            min_responses: rule.min_responses.to_string(),
            excellent_needs_all_reports: rule.excellent_needs_all_reports,
            questions: settings.questions.as_ref().map(|q| q.join("\n")).unwrap_or_default(),
            default_questions: settings.questions.is_none(),
        }
    }

    /// `settings` with this rule and these questions, everything else kept, for
    /// [`InstructorSettings::validate`]. A number that does not read as a whole number becomes one
    /// the check refuses, so it is reported with the other problems rather than on its own.
    pub fn apply(&self, settings: InstructorSettings) -> InstructorSettings {
        let number = |text: &str, refused: u32| text.trim().parse::<u32>().unwrap_or(refused);
        InstructorSettings {
            rule: ResultRule {
                // Above 100 % fails the thresholds' order, whichever of the three it is.
                excellent: number(&self.excellent, u32::MAX),
                competent: number(&self.competent, u32::MAX),
                basic: number(&self.basic, u32::MAX),
                min_responses: number(&self.min_responses, 0),
                excellent_needs_all_reports: self.excellent_needs_all_reports,
            },
            questions: (!self.default_questions).then(|| self.questions.lines().map(str::to_string).collect()),
            ..settings
        }
    }
}

fn questions_ok(questions: &[String]) -> bool {
    !questions.is_empty()
        && questions.len() <= MAX_QUESTIONS
        && questions.iter().all(|q| !q.trim().is_empty() && q.chars().count() <= MAX_QUESTION_CHARS)
        && questions.iter().enumerate().all(|(n, q)| !questions[..n].contains(q))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_or_out_of_range_values_fall_back_one_by_one() {
        assert_eq!(InstructorSettings::read(None), InstructorSettings::default());
        assert_eq!(InstructorSettings::read(Some("not json")), InstructorSettings::default());
        let read = InstructorSettings::read(Some(
            r#"{"max_load": 0, "report_due_day": 10, "rule": {"excellent": 50, "competent": 90, "basic": 10, "min_responses": 5, "excellent_needs_all_reports": false}}"#,
        ));
        assert_eq!(read.max_load, DEFAULT_MAX_LOAD);
        assert_eq!(read.report_due_day, 10);
        assert_eq!(read.rule, ResultRule::default());
        assert_eq!(read.request_due_days, DEFAULT_DUE_DAYS);
    }

    #[test]
    fn the_rule_form_reads_back_and_keeps_the_other_settings() {
        let stored = InstructorSettings { max_load: 7, report_due_day: 10, request_due_days: 20, ..Default::default() };
        let draft = RuleDraft::of(&stored);
        assert_eq!((draft.excellent.as_str(), draft.min_responses.as_str()), ("95", "10"));
        assert!(draft.default_questions && draft.excellent_needs_all_reports);
        assert_eq!(draft.apply(stored.clone()), stored);

        let edited = RuleDraft {
            excellent: " 90 ".into(),
            competent: "80".into(),
            basic: "60".into(),
            min_responses: "20".into(),
            excellent_needs_all_reports: false,
            questions: "宣传政策\n\n 服务发展 \n".into(),
            default_questions: false,
        };
        let saved = edited.apply(stored.clone()).validate().unwrap();
        assert_eq!(
            saved.rule,
            ResultRule {
                excellent: 90,
                competent: 80,
                basic: 60,
                min_responses: 20,
                excellent_needs_all_reports: false
            }
        );
        assert_eq!(saved.questions, Some(vec!["宣传政策".to_string(), "服务发展".to_string()]));
        assert_eq!((saved.max_load, saved.report_due_day, saved.request_due_days), (7, 10, 20));
        assert_eq!(RuleDraft::of(&saved).questions, "宣传政策\n服务发展");

        let unreadable =
            RuleDraft { competent: "八十".into(), min_responses: "".into(), questions: " \n".into(), ..edited };
        assert_eq!(
            unreadable.apply(stored).validate().unwrap_err(),
            vec![SettingsProblem::Rule(RuleProblem::ThresholdsOutOfOrder), SettingsProblem::Questions]
        );
    }

    #[test]
    fn saving_checks_every_value_and_round_trips() {
        let bad = InstructorSettings {
            max_load: 0,
            report_due_day: 29,
            request_due_days: 0,
            rule: ResultRule { basic: 99, ..ResultRule::default() },
            questions: Some(vec!["a".into(), " a ".into()]),
        };
        assert_eq!(
            bad.validate().unwrap_err(),
            vec![
                SettingsProblem::MaxLoad,
                SettingsProblem::DueDay,
                SettingsProblem::RequestDueDays,
                SettingsProblem::Rule(RuleProblem::ThresholdsOutOfOrder),
                SettingsProblem::Questions
            ]
        );
        let good = InstructorSettings {
            max_load: 8,
            questions: Some(vec![" 宣传政策 ".into(), "".into()]),
            ..InstructorSettings::default()
        };
        let saved = good.validate().unwrap();
        assert_eq!(saved.questions, Some(vec!["宣传政策".to_string()]));
        assert_eq!(InstructorSettings::read(Some(&saved.to_json())), saved);
    }
}
