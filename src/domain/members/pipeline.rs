//! The development pipeline (发展党员): a person is taken from 入党申请人 through 入党积极分子 and
//! 发展对象 to 预备党员 and 正式党员, each stage dated, with the two public notices (双公示) — the
//! first before the branch meeting admits a 发展对象, the second before 转正 — or, during the
//! probation, an extension (延长预备期, once, at most a year) or a cancellation (取消预备党员资格).
//!
//! Every step is [`take`]: the candidate as stored, the step as typed ([`Move`]) and what the rules
//! need ([`Context`]: today, the notice days, the branch's roll) give the candidate after the step
//! or every [`Problem`] at once. [`roll_entry`] is the roll record a candidate's stage implies, so
//! the store writes the pipeline and the roll in one transaction from the same value. The CLI and
//! the pages read stages and what is due through [`Candidate::stage_on`], [`stage_counts`],
//! [`next_steps`] and [`overdue`].
//!
//! Year arithmetic is [`Date::add_years`]: a date on 29 February reaches its anniversary on 28
//! February of a common year (民法典 art. 202: without the corresponding day, the month's last day).

use serde::{Deserialize, Serialize};

use super::settings::MemberSettings;
use crate::domain::org::{Gender, Member, MemberStatus};
use crate::domain::values::date::Date;

/// Longest name, in characters.
pub const MAX_NAME_CHARS: usize = 40;
/// Longest reason (延长, 取消), in characters.
pub const MAX_REASON_CHARS: usize = 500;
/// The age an applicant must have reached on the application date (党章 art. 1: 年满十八岁).
pub const MIN_AGE: i32 = 18;
/// The position a member put on the roll by the pipeline starts with.
pub const NEW_MEMBER_POSITION: &str = "党员";

/// A stage of the pipeline, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 入党申请人
    Applicant,
    /// 入党积极分子
    Activist,
    /// 发展对象
    Candidate,
    /// 预备党员
    Probationary,
    /// 正式党员
    Full,
}

impl Stage {
    /// Every stage, in order.
    pub const ALL: [Stage; 5] = [Stage::Applicant, Stage::Activist, Stage::Candidate, Stage::Probationary, Stage::Full];

    /// Stable code (the CLI prints it).
    pub fn code(self) -> &'static str {
        match self {
            Stage::Applicant => "applicant",
            Stage::Activist => "activist",
            Stage::Candidate => "candidate",
            Stage::Probationary => "probationary",
            Stage::Full => "full",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A public notice (公示), both days inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicNotice {
    /// First day of the notice.
    pub start: Date,
    /// Last day of the notice.
    pub end: Date,
}

impl PublicNotice {
    /// Days it runs, both ends counted.
    pub fn days(self) -> i64 {
        self.start.days_until(self.end) + 1
    }

    /// The first day the next stage may be dated: the day after the notice ends.
    pub fn done_from(self) -> Date {
        self.end.add_days(1).unwrap_or(self.end)
    }

    /// Running on `day`.
    pub fn is_running(self, day: Date) -> bool {
        self.start <= day && day <= self.end
    }
}

/// Which of the two notices (双公示).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Notice {
    /// Before the branch meeting admits a 发展对象 (发展公示).
    First,
    /// Before 转正 (转正公示).
    Second,
}

/// 入党积极分子: the day the branch set the person as activist and the two 培养联系人.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivistStep {
    /// The day set (确定为入党积极分子).
    pub on: Date,
    /// The two contacts' member ids (full members of the same branch).
    pub contacts: [String; 2],
}

/// 发展对象: the day set, the political review and the first notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateStep {
    /// The day set (确定为发展对象).
    pub on: Date,
    /// 政审 done.
    #[serde(default)]
    pub vetted: bool,
    /// The first public notice, once recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<PublicNotice>,
}

/// 延长预备期.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// The day it was decided.
    pub on: Date,
    /// The new end of the probation (at most a year after the first one).
    pub until: Date,
    /// Why.
    pub reason: String,
}

/// 预备党员: admitted by the branch meeting, approved by the committee; on the roll from then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProbationStep {
    /// 支部大会通过之日: the member's 入党日期 (`Member::joined`).
    pub meeting_on: Date,
    /// 上级党委审批之日: the probation runs a year from it.
    pub approved_on: Date,
    /// The second public notice, once recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<PublicNotice>,
    /// The extension, if any (only one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<Extension>,
}

/// 取消预备党员资格.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cancellation {
    /// The day decided.
    pub on: Date,
    /// Why.
    pub reason: String,
}

/// A person in the pipeline (the `candidates` store's record).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    /// Stable id, never reused.
    pub id: String,
    /// The branch developing the person.
    pub branch: String,
    /// Full name.
    pub name: String,
    /// Gender.
    pub gender: Gender,
    /// Birth date.
    pub birth: Date,
    /// 入党申请书 date.
    pub applied_on: Date,
    /// 入党积极分子, once set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activist: Option<ActivistStep>,
    /// 发展对象, once set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidate: Option<CandidateStep>,
    /// 预备党员, once approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probation: Option<ProbationStep>,
    /// 转正 date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_on: Option<Date>,
    /// 取消预备党员资格, if decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelled: Option<Cancellation>,
    /// The id of the roll record (`members` store) made at approval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
}

/// The form field a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The branch.
    Branch,
    /// Name.
    Name,
    /// Birth date.
    Birth,
    /// Application date.
    AppliedOn,
    /// Day set as activist.
    ActivistOn,
    /// The two 培养联系人.
    Contacts,
    /// Day set as 发展对象.
    CandidateOn,
    /// 政审.
    Vetted,
    /// A notice's first day.
    NoticeStart,
    /// A notice's last day.
    NoticeEnd,
    /// 支部大会 date.
    MeetingOn,
    /// Approval date.
    ApprovedOn,
    /// Day an extension was decided.
    ExtendedOn,
    /// New end of the probation.
    ExtendedUntil,
    /// 转正 date.
    FullOn,
    /// Day the cancellation was decided.
    CancelledOn,
    /// Reason (extension, cancellation).
    Reason,
}

/// What is wrong. Never a sentence: the UI words it through i18n, the CLI prints its code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The field is empty.
    Required(Field),
    /// Not a date.
    Invalid(Field),
    /// Longer than the limit, in characters.
    TooLong(Field, usize),
    /// The day lies after today.
    InFuture(Field),
    /// The date lies before the date of an earlier step.
    Before {
        /// The date at fault.
        field: Field,
        /// The earlier date it may not precede.
        earlier: Field,
    },
    /// The applicant is not 18 on the application date; the 18th birthday.
    TooYoung(Date),
    /// Too early: the earliest day the step may be dated (a year after 积极分子 for 发展对象, the
    /// probation's end for 转正).
    TooSoon {
        /// The date at fault.
        field: Field,
        /// The first day allowed.
        earliest: Date,
    },
    /// The notice runs fewer days than the setting asks.
    NoticeTooShort {
        /// Which notice.
        notice: Notice,
        /// The days it must run.
        days: u32,
    },
    /// The next stage is dated while the notice still runs; the first day allowed.
    NoticeNotOver {
        /// Which notice.
        notice: Notice,
        /// The first day after it.
        from: Date,
    },
    /// The notice is not recorded yet.
    NoticeMissing(Notice),
    /// 政审 not done.
    NotVetted,
    /// The contact names no member of the roll.
    UnknownContact(String),
    /// The contact is not a full member (正式党员).
    ContactNotFull(String),
    /// The contact belongs to another branch.
    ContactOtherBranch(String),
    /// The same contact twice.
    SameContact,
    /// The step does not follow from the stage the person is at.
    WrongStage {
        /// The stage the step needs.
        needs: Stage,
        /// The stage the person is at.
        at: Stage,
    },
    /// The probation was cancelled: no further step.
    IsCancelled,
    /// The probation was already extended once.
    AlreadyExtended,
    /// The extension's end is not after the probation's end.
    ExtensionNotLater(Date),
    /// The extension runs past a year after the probation's end; the latest end allowed.
    ExtensionTooLong(Date),
}

impl Problem {
    /// The field to show the problem next to; `None` for the record as a whole.
    pub fn field(&self) -> Option<Field> {
        Some(match self {
            Problem::Required(f) | Problem::Invalid(f) | Problem::TooLong(f, _) | Problem::InFuture(f) => *f,
            Problem::Before { field, .. } | Problem::TooSoon { field, .. } => *field,
            Problem::TooYoung(_) => Field::AppliedOn,
            Problem::NoticeTooShort { .. } => Field::NoticeEnd,
            Problem::NoticeNotOver { notice: Notice::First, .. } => Field::MeetingOn,
            Problem::NoticeNotOver { notice: Notice::Second, .. } => Field::FullOn,
            Problem::NotVetted => Field::Vetted,
            Problem::UnknownContact(_)
            | Problem::ContactNotFull(_)
            | Problem::ContactOtherBranch(_)
            | Problem::SameContact => Field::Contacts,
            Problem::ExtensionNotLater(_) | Problem::ExtensionTooLong(_) => Field::ExtendedUntil,
            Problem::AlreadyExtended => Field::ExtendedOn,
            Problem::NoticeMissing(_) | Problem::WrongStage { .. } | Problem::IsCancelled => return None,
        })
    }

    /// Stable code (the CLI prints it).
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Required(_) => "required",
            Problem::Invalid(_) => "invalid",
            Problem::TooLong(..) => "too_long",
            Problem::InFuture(_) => "in_future",
            Problem::Before { .. } => "before_earlier_step",
            Problem::TooYoung(_) => "too_young",
            Problem::TooSoon { .. } => "too_soon",
            Problem::NoticeTooShort { .. } => "notice_too_short",
            Problem::NoticeNotOver { .. } => "notice_not_over",
            Problem::NoticeMissing(_) => "notice_missing",
            Problem::NotVetted => "not_vetted",
            Problem::UnknownContact(_) => "unknown_contact",
            Problem::ContactNotFull(_) => "contact_not_full",
            Problem::ContactOtherBranch(_) => "contact_other_branch",
            Problem::SameContact => "same_contact",
            Problem::WrongStage { .. } => "wrong_stage",
            Problem::IsCancelled => "cancelled",
            Problem::AlreadyExtended => "already_extended",
            Problem::ExtensionNotLater(_) => "extension_not_later",
            Problem::ExtensionTooLong(_) => "extension_too_long",
        }
    }
}

/// Every problem found; never empty when returned as an error.
pub type Problems = Vec<Problem>;

/// A new application (入党申请) as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    /// The record's id (from the store's clock).
    pub id: String,
    /// The branch.
    pub branch: String,
    /// Name.
    pub name: String,
    /// Gender.
    pub gender: Gender,
    /// Birth date.
    pub birth: Date,
    /// Application date.
    pub applied_on: Date,
}

/// A step taken on a candidate, as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Move {
    /// → 入党积极分子.
    Activist {
        /// Day set.
        on: Date,
        /// The two contacts' member ids.
        contacts: [String; 2],
    },
    /// → 发展对象.
    Candidate {
        /// Day set.
        on: Date,
    },
    /// 政审 and the first notice of a 发展对象 (either may still be open).
    Vetting {
        /// 政审 done.
        vetted: bool,
        /// The first notice, if it has been put up.
        notice: Option<PublicNotice>,
    },
    /// → 预备党员 (the branch meeting and the committee's approval).
    Probationary {
        /// 支部大会 date.
        meeting_on: Date,
        /// Approval date.
        approved_on: Date,
        /// The id the roll record gets (from the store's clock).
        member: String,
    },
    /// The second notice of a 预备党员.
    SecondNotice(PublicNotice),
    /// 延长预备期.
    Extend {
        /// Day decided.
        on: Date,
        /// New end of the probation.
        until: Date,
        /// Why.
        reason: String,
    },
    /// → 正式党员 (转正).
    Full {
        /// 转正 date.
        on: Date,
    },
    /// 取消预备党员资格.
    Cancel {
        /// Day decided.
        on: Date,
        /// Why.
        reason: String,
    },
}

/// What the rules need besides the candidate and the step.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// Today: no step is dated after it.
    pub today: Date,
    /// Days a public notice must run ([`MemberSettings::notice_days`]).
    pub notice_days: u32,
    /// The roll (at least the candidate's branch), for the 培养联系人.
    pub roll: &'a [Member],
}

impl Candidate {
    /// The stage reached by now (every step recorded counts).
    pub fn stage(&self) -> Stage {
        if self.full_on.is_some() {
            Stage::Full
        } else if self.probation.is_some() {
            Stage::Probationary
        } else if self.candidate.is_some() {
            Stage::Candidate
        } else if self.activist.is_some() {
            Stage::Activist
        } else {
            Stage::Applicant
        }
    }

    /// The stage on `day`, counting only steps dated on or before it; `None` before the
    /// application or once cancelled on or before `day`.
    pub fn stage_on(&self, day: Date) -> Option<Stage> {
        if self.applied_on > day || self.cancelled.as_ref().is_some_and(|c| c.on <= day) {
            return None;
        }
        Some(if self.full_on.is_some_and(|d| d <= day) {
            Stage::Full
        } else if self.probation.as_ref().is_some_and(|p| p.approved_on <= day) {
            Stage::Probationary
        } else if self.candidate.as_ref().is_some_and(|c| c.on <= day) {
            Stage::Candidate
        } else if self.activist.as_ref().is_some_and(|a| a.on <= day) {
            Stage::Activist
        } else {
            Stage::Applicant
        })
    }

    /// The probation's end as first set: a year after the approval.
    pub fn probation_end(&self) -> Option<Date> {
        self.probation.as_ref().map(|p| p.approved_on.add_years(1))
    }

    /// The first day 转正 may be dated: the probation's end, or the extension's.
    pub fn full_from(&self) -> Option<Date> {
        let p = self.probation.as_ref()?;
        Some(p.extension.as_ref().map_or(p.approved_on.add_years(1), |e| e.until))
    }

    /// The first day 发展对象 may be dated: a year after 积极分子.
    pub fn candidate_from(&self) -> Option<Date> {
        self.activist.as_ref().map(|a| a.on.add_years(1))
    }

    /// Still in the pipeline: neither 正式党员 nor cancelled.
    pub fn is_open(&self) -> bool {
        self.full_on.is_none() && self.cancelled.is_none()
    }
}

/// The 18th birthday.
pub fn eighteenth_birthday(birth: Date) -> Date {
    birth.add_years(MIN_AGE)
}

/// Checks a new application: name, dates not in the future, at least 18 on the application
/// date (the 18th birthday itself is enough).
pub fn validate_application(app: Application, today: Date) -> Result<Candidate, Problems> {
    let mut problems = Vec::new();
    let name = app.name.trim().to_string();
    check_text(&name, Field::Name, MAX_NAME_CHARS, &mut problems);
    if app.branch.trim().is_empty() {
        problems.push(Problem::Required(Field::Branch));
    }
    not_future(app.birth, Field::Birth, today, &mut problems);
    not_future(app.applied_on, Field::AppliedOn, today, &mut problems);
    let eighteen = eighteenth_birthday(app.birth);
    if app.applied_on < eighteen {
        problems.push(Problem::TooYoung(eighteen));
    }
    done(
        Candidate {
            id: app.id,
            branch: app.branch,
            name,
            gender: app.gender,
            birth: app.birth,
            applied_on: app.applied_on,
            activist: None,
            candidate: None,
            probation: None,
            full_on: None,
            cancelled: None,
            member: None,
        },
        problems,
    )
}

/// Takes one step: the candidate after it, or every problem at once (and nothing changes).
pub fn take(candidate: &Candidate, step: Move, ctx: &Context) -> Result<Candidate, Problems> {
    let mut problems = Vec::new();
    let mut next = candidate.clone();
    if candidate.cancelled.is_some() {
        return Err(vec![Problem::IsCancelled]);
    }
    let at = candidate.stage();
    let needs = |stage: Stage, problems: &mut Problems| {
        if at != stage {
            problems.push(Problem::WrongStage { needs: stage, at });
        }
    };
    match step {
        Move::Activist { on, contacts } => {
            needs(Stage::Applicant, &mut problems);
            not_future(on, Field::ActivistOn, ctx.today, &mut problems);
            not_before(on, Field::ActivistOn, candidate.applied_on, Field::AppliedOn, &mut problems);
            check_contacts(&candidate.branch, &contacts, ctx.roll, &mut problems);
            next.activist = Some(ActivistStep { on, contacts });
        }
        Move::Candidate { on } => {
            needs(Stage::Activist, &mut problems);
            not_future(on, Field::CandidateOn, ctx.today, &mut problems);
            if let Some(earliest) = candidate.candidate_from() {
                if on < earliest {
                    problems.push(Problem::TooSoon { field: Field::CandidateOn, earliest });
                }
            }
            next.candidate = Some(CandidateStep { on, vetted: false, notice: None });
        }
        Move::Vetting { vetted, notice } => {
            needs(Stage::Candidate, &mut problems);
            if let Some(step) = next.candidate.as_mut() {
                if let Some(n) = notice {
                    check_notice(n, Notice::First, step.on, Field::CandidateOn, ctx, &mut problems);
                }
                step.vetted = vetted;
                step.notice = notice;
            }
        }
        Move::Probationary { meeting_on, approved_on, member } => {
            needs(Stage::Candidate, &mut problems);
            not_future(meeting_on, Field::MeetingOn, ctx.today, &mut problems);
            not_future(approved_on, Field::ApprovedOn, ctx.today, &mut problems);
            not_before(approved_on, Field::ApprovedOn, meeting_on, Field::MeetingOn, &mut problems);
            if let Some(step) = &candidate.candidate {
                not_before(meeting_on, Field::MeetingOn, step.on, Field::CandidateOn, &mut problems);
                if !step.vetted {
                    problems.push(Problem::NotVetted);
                }
                notice_over(step.notice, Notice::First, meeting_on, ctx, &mut problems);
            }
            next.probation = Some(ProbationStep { meeting_on, approved_on, notice: None, extension: None });
            next.member = Some(member);
        }
        Move::SecondNotice(notice) => {
            needs(Stage::Probationary, &mut problems);
            if let Some(p) = next.probation.as_mut() {
                check_notice(notice, Notice::Second, p.approved_on, Field::ApprovedOn, ctx, &mut problems);
                p.notice = Some(notice);
            }
        }
        Move::Extend { on, until, reason } => {
            needs(Stage::Probationary, &mut problems);
            not_future(on, Field::ExtendedOn, ctx.today, &mut problems);
            let reason = reason.trim().to_string();
            check_text(&reason, Field::Reason, MAX_REASON_CHARS, &mut problems);
            if let (Some(p), Some(end)) = (next.probation.as_mut(), candidate.probation_end()) {
                not_before(on, Field::ExtendedOn, p.approved_on, Field::ApprovedOn, &mut problems);
                if p.extension.is_some() {
                    problems.push(Problem::AlreadyExtended);
                }
                let latest = end.add_years(1);
                if until <= end {
                    problems.push(Problem::ExtensionNotLater(end));
                } else if until > latest {
                    problems.push(Problem::ExtensionTooLong(latest));
                }
                p.extension = Some(Extension { on, until, reason });
            }
        }
        Move::Full { on } => {
            needs(Stage::Probationary, &mut problems);
            not_future(on, Field::FullOn, ctx.today, &mut problems);
            if let (Some(p), Some(earliest)) = (&candidate.probation, candidate.full_from()) {
                if on < earliest {
                    problems.push(Problem::TooSoon { field: Field::FullOn, earliest });
                }
                notice_over(p.notice, Notice::Second, on, ctx, &mut problems);
            }
            next.full_on = Some(on);
        }
        Move::Cancel { on, reason } => {
            needs(Stage::Probationary, &mut problems);
            not_future(on, Field::CancelledOn, ctx.today, &mut problems);
            let reason = reason.trim().to_string();
            check_text(&reason, Field::Reason, MAX_REASON_CHARS, &mut problems);
            if let Some(p) = &candidate.probation {
                not_before(on, Field::CancelledOn, p.approved_on, Field::ApprovedOn, &mut problems);
            }
            next.cancelled = Some(Cancellation { on, reason });
        }
    }
    done(next, problems)
}

/// The roll record the candidate's stage implies: none before approval or once cancelled; a
/// 预备党员 or 正式党员 with `joined` = the branch meeting's day otherwise. `existing` is the
/// stored record, whose position (and anything a secretary edited) is kept.
pub fn roll_entry(candidate: &Candidate, existing: Option<&Member>) -> Option<Member> {
    let p = candidate.probation.as_ref()?;
    let id = candidate.member.clone()?;
    if candidate.cancelled.is_some() {
        return None;
    }
    let status = if candidate.full_on.is_some() { MemberStatus::Full } else { MemberStatus::Probationary };
    Some(match existing {
        Some(m) => Member { status, joined: p.meeting_on, ..m.clone() },
        None => Member {
            id,
            branch: candidate.branch.clone(),
            name: candidate.name.clone(),
            gender: candidate.gender,
            birth: candidate.birth,
            joined: p.meeting_on,
            position: NEW_MEMBER_POSITION.to_string(),
            status,
        },
    })
}

/// What can be done next, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Next {
    /// Set as 入党积极分子.
    Activist,
    /// Set as 发展对象 (from a year after 积极分子).
    Candidate,
    /// 政审.
    Vetting,
    /// The first public notice.
    FirstNotice,
    /// The branch meeting and approval (from the day after the first notice).
    Probationary,
    /// The second public notice (due by the probation's end).
    SecondNotice,
    /// 转正 (from the probation's end, due then).
    Full,
}

impl Next {
    /// Stable code (the CLI prints it).
    pub fn code(self) -> &'static str {
        match self {
            Next::Activist => "activist",
            Next::Candidate => "candidate",
            Next::Vetting => "vetting",
            Next::FirstNotice => "first_notice",
            Next::Probationary => "probationary",
            Next::SecondNotice => "second_notice",
            Next::Full => "full",
        }
    }
}

/// A step due: from when it may be taken, by when it should have been.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Due {
    /// The step.
    pub step: Next,
    /// The first day it may be dated, if there is a waiting time.
    pub from: Option<Date>,
    /// The day it is due by, if it has a deadline.
    pub by: Option<Date>,
}

impl Due {
    /// Past its deadline on `day`.
    pub fn is_overdue(&self, day: Date) -> bool {
        self.by.is_some_and(|by| by < day)
    }

    /// May be taken on `day` (its waiting time is over).
    pub fn is_ready(&self, day: Date) -> bool {
        self.from.is_none_or(|from| from <= day)
    }
}

/// The steps that may come next for an open candidate, in order; empty once 正式党员 or
/// cancelled. Deadlines: the second notice and 转正 are due by the probation's end (or the
/// extension's); the earlier stages have waiting times only. A notice recorded shorter than
/// `settings.notice_days` is due again.
pub fn next_steps(candidate: &Candidate, settings: &MemberSettings) -> Vec<Due> {
    let due = |step, from, by| Due { step, from, by };
    if !candidate.is_open() {
        return Vec::new();
    }
    let long_enough = |n: &PublicNotice| n.days() >= i64::from(settings.notice_days);
    match candidate.stage() {
        Stage::Applicant => vec![due(Next::Activist, Some(candidate.applied_on), None)],
        Stage::Activist => vec![due(Next::Candidate, candidate.candidate_from(), None)],
        Stage::Candidate => {
            let Some(step) = &candidate.candidate else { return Vec::new() };
            let mut steps = Vec::new();
            if !step.vetted {
                steps.push(due(Next::Vetting, Some(step.on), None));
            }
            match step.notice.filter(long_enough) {
                None => steps.push(due(Next::FirstNotice, Some(step.on), None)),
                Some(n) if steps.is_empty() => steps.push(due(Next::Probationary, Some(n.done_from()), None)),
                Some(_) => {}
            }
            steps
        }
        Stage::Probationary => {
            let Some(p) = &candidate.probation else { return Vec::new() };
            let end = candidate.full_from();
            let mut steps = Vec::new();
            let notice = p.notice.filter(long_enough);
            if notice.is_none() {
                steps.push(due(Next::SecondNotice, Some(p.approved_on), end));
            }
            let from = match (end, notice) {
                (Some(e), Some(n)) => Some(e.max(n.done_from())),
                (e, _) => e,
            };
            steps.push(due(Next::Full, from, end));
            steps
        }
        Stage::Full => Vec::new(),
    }
}

/// The steps past their deadline on `day` (see [`next_steps`]).
pub fn overdue(candidate: &Candidate, day: Date, settings: &MemberSettings) -> Vec<Due> {
    next_steps(candidate, settings).into_iter().filter(|d| d.is_overdue(day)).collect()
}

/// How many people are at each stage on a day, and how many were cancelled by then.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct StageCounts {
    /// Per stage, in [`Stage::ALL`] order.
    pub by_stage: [usize; 5],
    /// Probations cancelled on or before the day.
    pub cancelled: usize,
}

impl StageCounts {
    /// The count at one stage.
    pub fn get(&self, stage: Stage) -> usize {
        self.by_stage[stage.index()]
    }

    /// Everyone counted at a stage (the cancelled not included).
    pub fn total(&self) -> usize {
        self.by_stage.iter().sum()
    }
}

/// The counts per stage of `candidates` on `day` ([`Candidate::stage_on`]); people who applied
/// after `day` are not counted.
pub fn stage_counts(candidates: &[Candidate], day: Date) -> StageCounts {
    let mut counts = StageCounts::default();
    for c in candidates {
        match c.stage_on(day) {
            Some(stage) => counts.by_stage[stage.index()] += 1,
            None if c.applied_on <= day => counts.cancelled += 1,
            None => {}
        }
    }
    counts
}

fn check_contacts(branch: &str, contacts: &[String; 2], roll: &[Member], problems: &mut Problems) {
    for id in contacts {
        let id = id.trim();
        if id.is_empty() {
            if !problems.contains(&Problem::Required(Field::Contacts)) {
                problems.push(Problem::Required(Field::Contacts));
            }
            continue;
        }
        match roll.iter().find(|m| m.id == id) {
            None => problems.push(Problem::UnknownContact(id.to_string())),
            Some(m) if m.branch != branch => problems.push(Problem::ContactOtherBranch(id.to_string())),
            Some(m) if m.status != MemberStatus::Full => problems.push(Problem::ContactNotFull(id.to_string())),
            Some(_) => {}
        }
    }
    if !contacts[0].trim().is_empty() && contacts[0].trim() == contacts[1].trim() {
        problems.push(Problem::SameContact);
    }
}

fn check_notice(
    notice: PublicNotice,
    which: Notice,
    stage_on: Date,
    stage_field: Field,
    ctx: &Context,
    problems: &mut Problems,
) {
    not_future(notice.start, Field::NoticeStart, ctx.today, problems);
    not_before(notice.start, Field::NoticeStart, stage_on, stage_field, problems);
    if notice.end < notice.start {
        problems.push(Problem::Before { field: Field::NoticeEnd, earlier: Field::NoticeStart });
    } else if notice.days() < i64::from(ctx.notice_days) {
        problems.push(Problem::NoticeTooShort { notice: which, days: ctx.notice_days });
    }
}

fn notice_over(notice: Option<PublicNotice>, which: Notice, next_on: Date, ctx: &Context, problems: &mut Problems) {
    match notice {
        None => problems.push(Problem::NoticeMissing(which)),
        Some(n) => {
            if n.days() < i64::from(ctx.notice_days) {
                problems.push(Problem::NoticeTooShort { notice: which, days: ctx.notice_days });
            }
            if next_on < n.done_from() {
                problems.push(Problem::NoticeNotOver { notice: which, from: n.done_from() });
            }
        }
    }
}

fn not_future(day: Date, field: Field, today: Date, problems: &mut Problems) {
    if day > today {
        problems.push(Problem::InFuture(field));
    }
}

fn not_before(day: Date, field: Field, earlier_day: Date, earlier: Field, problems: &mut Problems) {
    if day < earlier_day {
        problems.push(Problem::Before { field, earlier });
    }
}

fn check_text(text: &str, field: Field, max: usize, problems: &mut Problems) {
    if text.is_empty() {
        problems.push(Problem::Required(field));
    } else if text.chars().count() > max {
        problems.push(Problem::TooLong(field, max));
    }
}

fn done<T>(value: T, problems: Problems) -> Result<T, Problems> {
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(problems)
    }
}
