//! The e-ledger (电子台账): what a branch records of its organisational life — 三会一课, theme Party
//! days, democratic review — and the rules that turn those records into the month's obligations,
//! attendance figures and the points of the rubric's ledger-scored indicator (组织生活).
//!
//! Seed 003 says only that the platform keeps, for every branch, an e-ledger of "三会一课",
//! "民主评议" and "主题党日" and scores it automatically ("平台系统 … 自动考核"); it names no
//! frequencies. How often each meeting is due is therefore data in the rubric
//! ([`LedgerRules`]), editable by the committee, with the customary rhythm as the default.
//!
//! Everything takes the records of **one** branch and, where the answer depends on it, `today`,
//! so the same rule gives the same answer in the app, the CLI and the tests.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::domain::org::Member;
use crate::domain::values::date::Date;
use crate::domain::values::period::Month;
use crate::domain::values::points::Points;
use crate::domain::values::validation::{Problem, RecordRef, ValidationError};

/// Largest attachment accepted: 5 MiB. The whole ledger lives in the browser's IndexedDB, whose
/// quota on a phone can be a few hundred MB; a scanned sign-in sheet or a phone photo fits well
/// below this, a video does not belong in the ledger.
pub const MAX_ATTACHMENT_BYTES: u64 = 5 * 1024 * 1024;
/// Most attachments one record may carry, for the same reason.
pub const MAX_ATTACHMENTS: usize = 20;
/// Longest topic, in characters: a topic is a title, the minutes hold the rest.
pub const MAX_TOPIC_CHARS: usize = 100;
/// Longest place or host, in characters.
pub const MAX_SHORT_TEXT_CHARS: usize = 60;
/// Longest minutes, in characters — generous, but bounded so one record cannot fill the quota.
pub const MAX_MINUTES_CHARS: usize = 20_000;

/// The attachment types the app accepts: photos and PDF scans, which every browser shows
/// itself. SVG is left out on purpose — it is an image that can carry script.
pub const ATTACHMENT_TYPES: [&str; 5] = ["application/pdf", "image/gif", "image/jpeg", "image/png", "image/webp"];

/// Kind of an organisational-life activity recorded in the ledger.
///
/// The order is the one in which the ledger lists obligations: the 三会一课 first, then the
/// monthly theme day and the yearly review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    /// 支部党员大会
    BranchAssembly,
    /// 支部委员会
    CommitteeMeeting,
    /// 党小组会
    GroupMeeting,
    /// 党课
    PartyLecture,
    /// 主题党日
    ThemeDay,
    /// 民主评议党员
    DemocraticReview,
    /// Any other activity worth keeping in the ledger; required only if the rubric says so.
    Other,
}

impl MeetingKind {
    /// All kinds in ledger order.
    pub const ALL: [MeetingKind; 7] = [
        MeetingKind::BranchAssembly,
        MeetingKind::CommitteeMeeting,
        MeetingKind::GroupMeeting,
        MeetingKind::PartyLecture,
        MeetingKind::ThemeDay,
        MeetingKind::DemocraticReview,
        MeetingKind::Other,
    ];

    /// The stored name (`branch_assembly`, `theme_day`, …).
    pub fn code(self) -> &'static str {
        match self {
            MeetingKind::BranchAssembly => "branch_assembly",
            MeetingKind::CommitteeMeeting => "committee_meeting",
            MeetingKind::GroupMeeting => "group_meeting",
            MeetingKind::PartyLecture => "party_lecture",
            MeetingKind::ThemeDay => "theme_day",
            MeetingKind::DemocraticReview => "democratic_review",
            MeetingKind::Other => "other",
        }
    }

    /// Parses [`MeetingKind::code`].
    pub fn from_code(code: &str) -> Option<MeetingKind> {
        MeetingKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// A member who was expected but did not attend, and why (请假事由). The reason is required:
/// an unexplained absence is exactly what a reviewer looks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Absence {
    /// Member id.
    pub member: String,
    /// Why the member was absent.
    #[serde(default)]
    pub reason: String,
}

/// What the ledger keeps of an attached file; the bytes are stored apart, so listing records
/// never loads them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentMeta {
    /// Stable id of the stored file.
    pub id: String,
    /// File name as uploaded.
    pub name: String,
    /// MIME type as the browser reported it.
    pub mime: String,
    /// Size in bytes.
    pub size: u64,
}

/// One activity in a branch's e-ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerRecord {
    /// Stable id.
    pub id: String,
    /// The branch whose ledger holds it. A party group's meeting is recorded in its branch's
    /// ledger, like every other activity.
    pub branch: String,
    /// The day it was held.
    pub date: Date,
    /// What kind of activity it was.
    pub kind: MeetingKind,
    /// Topic (主题), e.g. 学习贯彻全会精神.
    pub topic: String,
    /// Where it was held.
    #[serde(default)]
    pub place: String,
    /// Who chaired it or gave the lecture; free text, since a lecturer may come from outside the
    /// branch.
    #[serde(default)]
    pub host: String,
    /// Ids of the members who attended.
    #[serde(default)]
    pub attendees: Vec<String>,
    /// Members expected who did not attend.
    #[serde(default)]
    pub absentees: Vec<Absence>,
    /// Minutes (会议记录).
    #[serde(default)]
    pub minutes: String,
    /// Photos and scans (sign-in sheet, slides).
    #[serde(default)]
    pub attachments: Vec<AttachmentMeta>,
}

/// The form field a ledger problem belongs to, so the UI can show it inline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LedgerField {
    /// The branch the record belongs to.
    Branch,
    /// Date held.
    Date,
    /// Topic.
    Topic,
    /// Place.
    Place,
    /// Host.
    Host,
    /// The attendee list.
    Attendees,
    /// The absentee list.
    Absentees,
    /// Minutes.
    Minutes,
    /// The attachment list.
    Attachments,
}

/// What is wrong with a ledger field. Values, not sentences: the UI localises them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerProblem {
    /// The field is empty (for attendees: nobody attended, so nothing was held).
    Required,
    /// Longer than the limit (characters).
    TooLong(usize),
    /// The date lies after today: the ledger records what happened.
    InFuture,
    /// This member id is not on the branch's roll.
    NotAMember(String),
    /// This member is listed twice in the same list.
    ListedTwice(String),
    /// This member is listed both as present and as absent.
    PresentAndAbsent(String),
    /// This member's absence has no reason.
    ReasonRequired(String),
    /// More attachments than the limit.
    TooMany(usize),
    /// This attachment (by id) cannot be kept.
    Attachment {
        /// The attachment's id.
        id: String,
        /// Why.
        problem: AttachmentProblem,
    },
    /// Two attachments share an id.
    DuplicateAttachment(String),
}

/// One problem with one field of a ledger record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerFieldProblem {
    /// Where.
    pub field: LedgerField,
    /// What.
    pub problem: LedgerProblem,
}

/// All problems found in a ledger record; never empty when returned as an error.
pub type LedgerProblems = Vec<LedgerFieldProblem>;

/// Why a file cannot be attached. Checked before the bytes are read, so a user learns at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttachmentProblem {
    /// Zero bytes: nothing to keep.
    Empty,
    /// Larger than [`MAX_ATTACHMENT_BYTES`].
    TooLarge {
        /// The file's size.
        size: u64,
        /// The limit.
        max: u64,
    },
    /// Not one of [`ATTACHMENT_TYPES`]; holds the type as given.
    UnsupportedType(String),
}

/// Checks a file before it is stored. The MIME type is compared without parameters and case,
/// since browsers report `image/JPEG` or `application/pdf; charset=binary` alike.
pub fn check_attachment(size: u64, mime: &str) -> Result<(), AttachmentProblem> {
    let essence = mime.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if !ATTACHMENT_TYPES.contains(&essence.as_str()) {
        return Err(AttachmentProblem::UnsupportedType(mime.to_string()));
    }
    if size == 0 {
        return Err(AttachmentProblem::Empty);
    }
    if size > MAX_ATTACHMENT_BYTES {
        return Err(AttachmentProblem::TooLarge { size, max: MAX_ATTACHMENT_BYTES });
    }
    Ok(())
}

fn push(problems: &mut LedgerProblems, field: LedgerField, problem: LedgerProblem) {
    problems.push(LedgerFieldProblem { field, problem });
}

fn check_length(text: &str, max: usize, field: LedgerField, problems: &mut LedgerProblems) {
    if text.chars().count() > max {
        push(problems, field, LedgerProblem::TooLong(max));
    }
}

/// Validates a ledger record about to be saved, against the ids of the members on the branch's
/// roll at the meeting (the caller decides who counts, e.g. leaving out members transferred out
/// before it) and `today`. Returns the record with its texts trimmed, or every problem at once.
///
/// Guests — a leader giving a Party lecture — are not members and go in `host`, so attendance
/// stays a statement about the branch's own members.
pub fn validate_record<S: AsRef<str>>(
    mut record: LedgerRecord,
    members_of_branch: &[S],
    today: Date,
) -> Result<LedgerRecord, LedgerProblems> {
    use LedgerField as F;
    use LedgerProblem as P;
    let mut problems = LedgerProblems::new();
    record.topic = record.topic.trim().to_string();
    record.place = record.place.trim().to_string();
    record.host = record.host.trim().to_string();
    record.minutes = record.minutes.trim().to_string();
    for absence in &mut record.absentees {
        absence.reason = absence.reason.trim().to_string();
    }

    if record.branch.trim().is_empty() {
        push(&mut problems, F::Branch, P::Required);
    }
    if record.date > today {
        push(&mut problems, F::Date, P::InFuture);
    }
    if record.topic.is_empty() {
        push(&mut problems, F::Topic, P::Required);
    }
    check_length(&record.topic, MAX_TOPIC_CHARS, F::Topic, &mut problems);
    check_length(&record.place, MAX_SHORT_TEXT_CHARS, F::Place, &mut problems);
    check_length(&record.host, MAX_SHORT_TEXT_CHARS, F::Host, &mut problems);
    check_length(&record.minutes, MAX_MINUTES_CHARS, F::Minutes, &mut problems);

    let roll: HashSet<&str> = members_of_branch.iter().map(AsRef::as_ref).collect();
    if record.attendees.is_empty() {
        push(&mut problems, F::Attendees, P::Required);
    }
    let mut present = HashSet::new();
    for member in &record.attendees {
        if !roll.contains(member.as_str()) {
            push(&mut problems, F::Attendees, P::NotAMember(member.clone()));
        }
        if !present.insert(member.as_str()) {
            push(&mut problems, F::Attendees, P::ListedTwice(member.clone()));
        }
    }
    let mut absent = HashSet::new();
    for absence in &record.absentees {
        let member = &absence.member;
        if !roll.contains(member.as_str()) {
            push(&mut problems, F::Absentees, P::NotAMember(member.clone()));
        }
        if !absent.insert(member.as_str()) {
            push(&mut problems, F::Absentees, P::ListedTwice(member.clone()));
        }
        if present.contains(member.as_str()) {
            push(&mut problems, F::Absentees, P::PresentAndAbsent(member.clone()));
        }
        if absence.reason.is_empty() {
            push(&mut problems, F::Absentees, P::ReasonRequired(member.clone()));
        }
    }

    if record.attachments.len() > MAX_ATTACHMENTS {
        push(&mut problems, F::Attachments, P::TooMany(MAX_ATTACHMENTS));
    }
    let mut ids = HashSet::new();
    for attachment in &record.attachments {
        if let Err(problem) = check_attachment(attachment.size, &attachment.mime) {
            let id = attachment.id.clone();
            push(&mut problems, F::Attachments, P::Attachment { id, problem });
        }
        if !ids.insert(attachment.id.as_str()) {
            let id = attachment.id.clone();
            push(&mut problems, F::Attachments, P::DuplicateAttachment(id));
        }
    }

    if problems.is_empty() {
        Ok(record)
    } else {
        Err(problems)
    }
}

/// Share of the expected members who attended, on the 0–100 scale, to the hundredth (half up):
/// attendees ÷ (attendees + absentees). Members on neither list were not expected (e.g. not yet
/// on the roll) and do not count. `None` when nobody was expected.
///
/// Every absence counts against the rate, excused or not: the rubric asks how many took part,
/// and the reasons stay in the ledger for the reviewer to weigh.
pub fn attendance_rate(record: &LedgerRecord) -> Option<Points> {
    rate(record.attendees.len(), record.absentees.len())
}

fn rate(attended: usize, absent: usize) -> Option<Points> {
    let expected = attended.checked_add(absent)?;
    if expected == 0 {
        return None;
    }
    Points::HUNDRED.mul_div(attended as i64, expected as i64)
}

/// One member's attendance over a set of records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MemberAttendance {
    /// Records listing the member as present.
    pub attended: usize,
    /// Records listing the member as absent.
    pub absent: usize,
}

impl MemberAttendance {
    /// attended ÷ (attended + absent) on the 0–100 scale, half up; `None` when the member was
    /// expected nowhere.
    pub fn rate(&self) -> Option<Points> {
        rate(self.attended, self.absent)
    }
}

/// The attendance of one member over `records` (typically a period of one branch's ledger).
/// Records that list the member nowhere did not expect them and do not count.
pub fn member_attendance(records: &[LedgerRecord], member: &str) -> MemberAttendance {
    let mut tally = MemberAttendance::default();
    for record in records {
        if record.attendees.iter().any(|m| m == member) {
            tally.attended += 1;
        } else if record.absentees.iter().any(|a| a.member == member) {
            tally.absent += 1;
        }
    }
    tally
}

/// The attendance of every member listed in `records`, by member id — the roll-call table.
pub fn attendance_by_member(records: &[LedgerRecord]) -> BTreeMap<String, MemberAttendance> {
    let mut table: BTreeMap<String, MemberAttendance> = BTreeMap::new();
    for record in records {
        // A member listed on both sides of an invalid record is counted as present, once, as
        // [`member_attendance`] does.
        let present: HashSet<&str> = record.attendees.iter().map(String::as_str).collect();
        for member in &present {
            table.entry(member.to_string()).or_default().attended += 1;
        }
        let absent: HashSet<&str> =
            record.absentees.iter().map(|a| a.member.as_str()).filter(|m| !present.contains(m)).collect();
        for member in absent {
            table.entry(member.to_string()).or_default().absent += 1;
        }
    }
    table
}

/// How often an activity is due. A meeting is due once per window: the calendar month,
/// quarter, half-year or year — not a rolling interval, so the ledger and the monthly
/// evaluation speak of the same periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Once per calendar month.
    Monthly,
    /// Once per calendar quarter.
    Quarterly,
    /// Once per half-year (January–June, July–December).
    HalfYearly,
    /// Once per calendar year.
    Yearly,
}

impl Frequency {
    /// All frequencies, most frequent first.
    pub const ALL: [Frequency; 4] =
        [Frequency::Monthly, Frequency::Quarterly, Frequency::HalfYearly, Frequency::Yearly];

    /// The stored name (`monthly`, `half_yearly`, …).
    pub fn code(self) -> &'static str {
        match self {
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::HalfYearly => "half_yearly",
            Frequency::Yearly => "yearly",
        }
    }

    /// Parses [`Frequency::code`].
    pub fn from_code(code: &str) -> Option<Frequency> {
        Frequency::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The window containing `month` in which a meeting of this frequency is due.
    pub fn window(self, month: Month) -> Window {
        let months = month.year().months();
        let (first, last) = match self {
            Frequency::Monthly => return Window { first: month, last: month },
            Frequency::Quarterly => {
                let [first, _, last] = month.quarter().months();
                return Window { first, last };
            }
            Frequency::HalfYearly if month.number() <= 6 => (0, 5),
            Frequency::HalfYearly => (6, 11),
            Frequency::Yearly => (0, 11),
        };
        Window { first: months[first], last: months[last] }
    }
}

/// A run of whole months, first to last inclusive, in which one meeting is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Window {
    /// First month of the window.
    pub first: Month,
    /// Last month of the window.
    pub last: Month,
}

impl Window {
    /// Whether `date` falls in the window.
    pub fn contains(self, date: Date) -> bool {
        (key(self.first)..=key(self.last)).contains(&date_key(date))
    }
}

/// A month as `(year, month)`, so dates and months compare without building fallible values.
fn key(month: Month) -> (i32, u8) {
    (month.year().number(), month.number())
}

fn date_key(date: Date) -> (i32, u8) {
    (date.year(), date.month())
}

/// The e-ledger part of a rubric: which activities are required how often, and what attendance
/// counts as a meeting properly held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LedgerRules {
    /// Required activities and how often; a kind not listed is never required.
    pub frequencies: BTreeMap<MeetingKind, Frequency>,
    /// Attendance (whole percent, 0–100) at or above which a held meeting earns its full share.
    pub attendance_threshold_percent: u8,
    /// Day of the following month (1–28, so it exists in every month) by which a month's
    /// evaluation and its ledger are due.
    pub submit_day: u8,
}

impl Default for LedgerRules {
    /// The customary rhythm of organisational life: 支部委员会, 党小组会 and 主题党日 monthly,
    /// 支部党员大会 and 党课 quarterly, 民主评议党员 yearly — the rhythm the 三会一课 rules of the
    /// 《中国共产党支部工作条例(试行)》 and common local practice set. Seed 003 lists what the
    /// ledger records (三会一课, 民主评议, 主题党日) but not how often, so these are defaults for
    /// the committee to edit, not quotations of the seed. 80 % attendance; submission on the 5th
    /// of the next month.
    fn default() -> LedgerRules {
        use Frequency::*;
        use MeetingKind::*;
        LedgerRules {
            frequencies: BTreeMap::from([
                (BranchAssembly, Quarterly),
                (CommitteeMeeting, Monthly),
                (GroupMeeting, Monthly),
                (PartyLecture, Quarterly),
                (ThemeDay, Monthly),
                (DemocraticReview, Yearly),
            ]),
            attendance_threshold_percent: 80,
            submit_day: 5,
        }
    }
}

impl LedgerRules {
    /// How often `kind` is required, if at all.
    pub fn frequency(&self, kind: MeetingKind) -> Option<Frequency> {
        self.frequencies.get(&kind).copied()
    }

    /// The attendance threshold as points on the 0–100 scale, comparable with
    /// [`attendance_rate`].
    pub fn threshold(&self) -> Points {
        Points::from_whole(i64::from(self.attendance_threshold_percent))
    }

    /// The day `month`'s evaluation is due: `submit_day` of the next month. `None` when the rules
    /// are invalid or the day is outside the calendar the app handles.
    pub fn submission_due(&self, month: Month) -> Option<Date> {
        let next = month.next()?;
        Date::new(next.year().number(), next.number(), self.submit_day)
    }

    /// Rule-10-style checks for the rubric editor: the threshold is a percentage and the submit
    /// day exists in every month. `record` names the rubric, as [`crate::domain::rating::rubric::Rubric::validate`]
    /// does.
    pub fn validate(&self, record: &RecordRef) -> Vec<ValidationError> {
        let mut errors = Vec::new();
        let threshold = self.attendance_threshold_percent;
        if threshold > 100 {
            let problem = Problem::AboveMax { points: Points::from_whole(i64::from(threshold)), max: Points::HUNDRED };
            errors.push(ValidationError::new(record, "ledger.attendance_threshold_percent", problem));
        }
        let day = self.submit_day;
        if !(1..=28).contains(&day) {
            let problem = if day > 28 {
                Problem::AboveMax { points: Points::from_whole(i64::from(day)), max: Points::from_whole(28) }
            } else {
                Problem::BadSubmitDay
            };
            errors.push(ValidationError::new(record, "ledger.submit_day", problem));
        }
        errors
    }
}

/// Where an obligation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ObligationState {
    /// Held in its window (up to the month viewed).
    Done,
    /// Not held yet, and its window is still open.
    Due,
    /// Its window has ended without it.
    Overdue,
    /// The month viewed has not begun.
    NotYetDue,
}

/// One required activity as seen from one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Obligation {
    /// The activity.
    pub kind: MeetingKind,
    /// How often it is due.
    pub frequency: Frequency,
    /// The window containing the month viewed.
    pub window: Window,
    /// Ids of the records that fulfil it — held in the window, no later than the month viewed —
    /// by date.
    pub held: Vec<String>,
    /// Where it stands.
    pub state: ObligationState,
}

/// The records of `kind` held in `window` up to the end of `until`, by date then id.
fn held_in(records: &[LedgerRecord], kind: MeetingKind, window: Window, until: Month) -> Vec<&LedgerRecord> {
    let mut held: Vec<&LedgerRecord> = records
        .iter()
        .filter(|r| r.kind == kind && window.contains(r.date) && date_key(r.date) <= key(until))
        .collect();
    held.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    held
}

/// The branch's obligations as they stood in `month`: at its end for a past month, today for
/// the current one. `records` are one branch's ledger.
///
/// An obligation is `Done` when a record of its kind falls in its window no later than `month`
/// (a quarterly meeting held in January fulfils the quarter for February and March). Otherwise
/// it is `Overdue` if `month` is the last of its window and has ended, `NotYetDue` if `month`
/// has not begun, and `Due` otherwise — in a past month early in a quarter the meeting really was
/// still due then, which is what a history view should show.
///
/// Party group meetings count per branch: one 党小组会 record in the branch's ledger fulfils
/// the month, however many groups the branch has. Tracking each group separately would need the
/// group on every record and a roll per group, which the rubric does not score.
pub fn obligations(rules: &LedgerRules, month: Month, records: &[LedgerRecord], today: Date) -> Vec<Obligation> {
    rules
        .frequencies
        .iter()
        .map(|(&kind, &frequency)| {
            let window = frequency.window(month);
            let held: Vec<String> = held_in(records, kind, window, month).into_iter().map(|r| r.id.clone()).collect();
            let now = date_key(today);
            let state = if !held.is_empty() {
                ObligationState::Done
            } else if now < key(month) {
                ObligationState::NotYetDue
            } else if now > key(month) && month == window.last {
                ObligationState::Overdue
            } else {
                ObligationState::Due
            };
            Obligation { kind, frequency, window, held, state }
        })
        .collect()
}

/// Why a month's ledger score is short of the maximum. Data, not text: the UI localises it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerReason {
    /// A required activity was not held in its window.
    Missing(MeetingKind),
    /// It was held, but its best attendance (the rate given) was below the threshold.
    LowAttendance(MeetingKind, Points),
}

/// The ledger-scored indicator's points for one month, with what held them back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerScore {
    /// Points earned, 0 to the maximum.
    pub points: Points,
    /// The activities required this month, in ledger order.
    pub required: Vec<MeetingKind>,
    /// What is missing or under threshold; empty exactly when `points` is the maximum (for a
    /// positive maximum).
    pub reasons: Vec<LedgerReason>,
}

/// The months in which `kind` at `frequency` is scored: every month for a monthly activity,
/// otherwise only the last month of its window — the first moment a shortfall is certain, and
/// the only one, so a missed quarterly meeting costs points once, not three times.
fn required_in(frequency: Frequency, month: Month) -> bool {
    frequency.window(month).last == month
}

/// Scores the 组织生活 indicator for `month` from one branch's ledger.
///
/// Required are the activities whose window ends in `month` (all monthly ones; quarterly ones in
/// March, June, September and December; half-yearly ones in June and December; yearly ones in
/// December), each satisfied by a record anywhere in its window. Each requirement is worth an
/// equal share of `max`:
///
/// - held with attendance at or above the threshold: the full share;
/// - held below it: the share × rate ÷ threshold, using the best of its records and the rate as
///   shown (rounded to the hundredth), so a meeting at 60 % against 80 % earns three quarters;
/// - not held: nothing.
///
/// The sum is rounded half up to the hundredth once, at the end. Rounding never turns a shortfall
/// into full marks: with any reason the result stays at least 0.01 below `max`. A month with
/// nothing required earns `max` — nothing was missed.
pub fn ledger_score(rules: &LedgerRules, month: Month, records: &[LedgerRecord], max: Points) -> LedgerScore {
    let threshold = rules.threshold();
    // Each share is counted in hundredths of a percentage point against the threshold; a zero
    // threshold makes every held meeting full, and 1 keeps the division defined.
    let full = threshold.hundredths().max(1);
    let mut required = Vec::new();
    let mut reasons = Vec::new();
    let mut earned: i64 = 0;
    for (&kind, &frequency) in &rules.frequencies {
        if !required_in(frequency, month) {
            continue;
        }
        required.push(kind);
        let held = held_in(records, kind, frequency.window(month), month);
        if held.is_empty() {
            reasons.push(LedgerReason::Missing(kind));
            continue;
        }
        // A record without attendance lists (never a valid one) counts as 0 %.
        let best = held.iter().map(|r| attendance_rate(r).unwrap_or(Points::ZERO)).max().unwrap_or(Points::ZERO);
        if best >= threshold {
            earned += full;
        } else {
            earned += best.hundredths();
            reasons.push(LedgerReason::LowAttendance(kind, best));
        }
    }
    let points = if required.is_empty() {
        max
    } else {
        let share = full.saturating_mul(required.len() as i64);
        let points = max.mul_div(earned, share).unwrap_or(Points::ZERO);
        if !reasons.is_empty() && points >= max && max > Points::ZERO {
            max - Points::from_hundredths(1)
        } else {
            points
        }
    };
    LedgerScore { points, required, reasons }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for kind in MeetingKind::ALL {
            assert_eq!(MeetingKind::from_code(kind.code()), Some(kind));
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.code()));
        }
        for frequency in Frequency::ALL {
            assert_eq!(Frequency::from_code(frequency.code()), Some(frequency));
            let json = serde_json::to_string(&frequency).unwrap();
            assert_eq!(json, format!("\"{}\"", frequency.code()));
        }
        assert_eq!(MeetingKind::from_code("BranchAssembly"), None);
    }

    #[test]
    fn rules_round_trip_and_fill_gaps() {
        let rules = LedgerRules::default();
        let json = serde_json::to_string(&rules).unwrap();
        assert!(json.contains("\"committee_meeting\":\"monthly\""), "{json}");
        assert_eq!(serde_json::from_str::<LedgerRules>(&json).unwrap(), rules);
        let partial: LedgerRules = serde_json::from_str(r#"{"submit_day": 10}"#).unwrap();
        assert_eq!(partial.submit_day, 10);
        assert_eq!(partial.frequencies, rules.frequencies);
    }
}

/// Members in roll-call order: active ones first, the secretary (支部书记) leading, then by
/// joining date and id, so the list reads the same on every device.
pub fn roll_order(members: &[Member]) -> Vec<&Member> {
    let mut list: Vec<&Member> = members.iter().collect();
    list.sort_by_key(|m| (!m.status.is_active(), m.position != "支部书记", m.joined, m.id.as_str()));
    list
}

/// One line of a record's roll call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollEntry {
    /// Member id.
    pub id: String,
    /// The name, or the id of a member no longer known.
    pub name: String,
    /// Whether the member is on the branch's roll now (present for "all present").
    pub on_roll: bool,
}

/// Who a record's roll call lists: the branch's active members in [`roll_order`], then anyone
/// the record already names who is no longer on the roll (transferred, or not known any more),
/// so editing an old record never drops an attendee.
pub fn roll_call(members: &[Member], attendees: &[String], absentees: &[Absence]) -> Vec<RollEntry> {
    let listed: HashSet<&str> =
        attendees.iter().map(String::as_str).chain(absentees.iter().map(|a| a.member.as_str())).collect();
    let mut rows: Vec<RollEntry> = roll_order(members)
        .into_iter()
        .filter(|m| m.status.is_active() || listed.contains(m.id.as_str()))
        .map(|m| RollEntry { id: m.id.clone(), name: m.name.clone(), on_roll: m.status.is_active() })
        .collect();
    let mut unknown: Vec<&str> = listed.into_iter().filter(|id| !rows.iter().any(|r| r.id == *id)).collect();
    unknown.sort_unstable();
    rows.extend(unknown.into_iter().map(|id| RollEntry { id: id.to_string(), name: id.to_string(), on_roll: false }));
    rows
}

/// Attendance as a share in per cent of those marked: present ÷ (present + absent); `None`
/// while nobody is marked.
pub fn attendance_share(present: usize, absent: usize) -> Option<Points> {
    if present + absent == 0 {
        return None;
    }
    Points::HUNDRED.mul_div(present as i64, (present + absent) as i64)
}

/// The date a new record for `month` starts with: the 1st of a past month, else `today` (a
/// record cannot lie in the future).
pub fn default_record_date(month: Month, today: Date) -> Date {
    if month < Month::of(today) {
        Date::new(month.year().number(), month.number(), 1).unwrap_or(today)
    } else {
        today
    }
}
