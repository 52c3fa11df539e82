//! What the pipeline's forms hold — the typed text of each field — and its reading into an
//! [`Application`] or a [`Move`], every unreadable or missing field a problem next to it, so the
//! pages only move text around.

use super::pipeline::{Application, Field, Move, Problem, Problems, PublicNotice};
use crate::domain::org::Gender;
use crate::domain::values::date::Date;

/// A date that must be given.
pub fn read_date(text: &str, field: Field, problems: &mut Problems) -> Option<Date> {
    let text = text.trim();
    if text.is_empty() {
        problems.push(Problem::Required(field));
        return None;
    }
    match text.parse() {
        Ok(date) => Some(date),
        Err(_) => {
            problems.push(Problem::Invalid(field));
            None
        }
    }
}

/// The application form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApplicationDraft {
    /// Branch id.
    pub branch: String,
    /// Name.
    pub name: String,
    /// Gender; `None` until chosen (defaults to male in the form).
    pub gender: Option<Gender>,
    /// Birth date as typed.
    pub birth: String,
    /// Application date as typed.
    pub applied_on: String,
}

impl ApplicationDraft {
    /// Reads the form into an application with `id`; every unreadable field at once.
    pub fn read(&self, id: &str) -> Result<Application, Problems> {
        let mut problems = Vec::new();
        let birth = read_date(&self.birth, Field::Birth, &mut problems);
        let applied_on = read_date(&self.applied_on, Field::AppliedOn, &mut problems);
        if self.name.trim().is_empty() {
            problems.push(Problem::Required(Field::Name));
        }
        if self.branch.trim().is_empty() {
            problems.push(Problem::Required(Field::Branch));
        }
        match (birth, applied_on, problems.is_empty()) {
            (Some(birth), Some(applied_on), true) => Ok(Application {
                id: id.to_string(),
                branch: self.branch.trim().to_string(),
                name: self.name.trim().to_string(),
                gender: self.gender.unwrap_or(Gender::Male),
                birth,
                applied_on,
            }),
            _ => Err(problems),
        }
    }
}

/// Which step a step form takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MoveKind {
    /// → 入党积极分子.
    Activist,
    /// → 发展对象.
    Candidate,
    /// 政审 and the first notice.
    Vetting,
    /// → 预备党员.
    Probationary,
    /// The second notice.
    SecondNotice,
    /// 延长预备期.
    Extend,
    /// → 正式党员.
    Full,
    /// 取消预备党员资格.
    Cancel,
}

impl MoveKind {
    /// Stable code (test ids, history).
    pub fn code(self) -> &'static str {
        match self {
            MoveKind::Activist => "activist",
            MoveKind::Candidate => "candidate",
            MoveKind::Vetting => "vetting",
            MoveKind::Probationary => "probationary",
            MoveKind::SecondNotice => "second_notice",
            MoveKind::Extend => "extend",
            MoveKind::Full => "full",
            MoveKind::Cancel => "cancel",
        }
    }

    /// The kind of a step.
    pub fn of(step: &Move) -> MoveKind {
        match step {
            Move::Activist { .. } => MoveKind::Activist,
            Move::Candidate { .. } => MoveKind::Candidate,
            Move::Vetting { .. } => MoveKind::Vetting,
            Move::Probationary { .. } => MoveKind::Probationary,
            Move::SecondNotice(_) => MoveKind::SecondNotice,
            Move::Extend { .. } => MoveKind::Extend,
            Move::Full { .. } => MoveKind::Full,
            Move::Cancel { .. } => MoveKind::Cancel,
        }
    }
}

/// A step form: the fields every kind may use; each kind reads the ones it needs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MoveDraft {
    /// The step's day (积极分子, 发展对象, 支部大会, 延长 decided, 转正, 取消).
    pub on: String,
    /// The second day: the approval (预备党员) or the extension's end (延长).
    pub until: String,
    /// The two contacts' member ids.
    pub contacts: [String; 2],
    /// 政审 done.
    pub vetted: bool,
    /// A notice's first day (empty: no notice yet, for 政审).
    pub notice_start: String,
    /// A notice's last day.
    pub notice_end: String,
    /// Reason (延长, 取消).
    pub reason: String,
}

impl MoveDraft {
    /// Reads the form for `kind`; `member` is the id a 预备党员's roll record gets.
    pub fn read(&self, kind: MoveKind, member: &str) -> Result<Move, Problems> {
        let mut problems = Vec::new();
        let p = &mut problems;
        let step = match kind {
            MoveKind::Activist => read_date(&self.on, Field::ActivistOn, p)
                .map(|on| Move::Activist { on, contacts: self.contacts.clone().map(|c| c.trim().to_string()) }),
            MoveKind::Candidate => read_date(&self.on, Field::CandidateOn, p).map(|on| Move::Candidate { on }),
            MoveKind::Vetting => {
                let given = !self.notice_start.trim().is_empty() || !self.notice_end.trim().is_empty();
                if given {
                    self.notice(p).map(|n| Move::Vetting { vetted: self.vetted, notice: Some(n) })
                } else {
                    Some(Move::Vetting { vetted: self.vetted, notice: None })
                }
            }
            MoveKind::Probationary => {
                let meeting_on = read_date(&self.on, Field::MeetingOn, p);
                let approved_on = read_date(&self.until, Field::ApprovedOn, p);
                meeting_on.zip(approved_on).map(|(meeting_on, approved_on)| Move::Probationary {
                    meeting_on,
                    approved_on,
                    member: member.to_string(),
                })
            }
            MoveKind::SecondNotice => self.notice(p).map(Move::SecondNotice),
            MoveKind::Extend => {
                let on = read_date(&self.on, Field::ExtendedOn, p);
                let until = read_date(&self.until, Field::ExtendedUntil, p);
                on.zip(until).map(|(on, until)| Move::Extend { on, until, reason: self.reason.clone() })
            }
            MoveKind::Full => read_date(&self.on, Field::FullOn, p).map(|on| Move::Full { on }),
            MoveKind::Cancel => {
                read_date(&self.on, Field::CancelledOn, p).map(|on| Move::Cancel { on, reason: self.reason.clone() })
            }
        };
        match step {
            Some(step) if problems.is_empty() => Ok(step),
            _ => Err(problems),
        }
    }

    fn notice(&self, problems: &mut Problems) -> Option<PublicNotice> {
        let start = read_date(&self.notice_start, Field::NoticeStart, problems);
        let end = read_date(&self.notice_end, Field::NoticeEnd, problems);
        start.zip(end).map(|(start, end)| PublicNotice { start, end })
    }
}
