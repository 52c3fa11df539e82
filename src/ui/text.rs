//! Names of domain values and problems in the UI's words (via i18n keys).

pub mod dues;
pub mod instructors;
pub mod member_ratings;
pub mod mobile;
pub mod pipeline;
pub mod requests;
pub mod units;

use crate::domain::device::kiosk::Screen;
use crate::domain::files::backup::Reminder;
use crate::domain::files::sheet_import;
use crate::domain::key_task::TaskState;
use crate::domain::ledger::{Frequency, MeetingKind};
use crate::domain::org::{Field, Gender, MemberStatus, OrgKind, Problem};
use crate::domain::rating::evaluation::ReviewStatus;
use crate::domain::values::time;
use crate::i18n::{fill, Locale, K};
// Rendered natively so that their wording is tested with `cargo test` (tests/localisation.rs).
pub use crate::i18n::words::{
    category, decode_error, dimension, field_path, join_list, located, package_field, package_item, package_location,
    points_error, rating_problem, validation_error,
};
use crate::store::{offset_minutes_at, SaveError, StoreError};

/// Key of an org kind's name.
pub fn org_kind(kind: OrgKind) -> K {
    match kind {
        OrgKind::Committee => K::KindCommittee,
        OrgKind::GeneralBranch => K::KindGeneralBranch,
        OrgKind::Branch => K::KindBranch,
        OrgKind::Group => K::KindGroup,
    }
}

/// Key of a member status.
pub fn member_status(status: MemberStatus) -> K {
    match status {
        MemberStatus::Full => K::StatusFull,
        MemberStatus::Probationary => K::StatusProbationary,
        MemberStatus::Mobile => K::StatusMobile,
        MemberStatus::TransferredOut => K::StatusTransferredOut,
    }
}

/// Key of a gender.
pub fn gender(gender: Gender) -> K {
    match gender {
        Gender::Male => K::GenderMale,
        Gender::Female => K::GenderFemale,
    }
}

/// The sentence for one validation problem.
pub fn problem(problem: &Problem, locale: Locale) -> String {
    let key = match problem {
        Problem::Required => K::ErrRequired,
        Problem::TooLong(max) => return fill(K::ErrTooLong.text(locale), &[&max.to_string()]),
        Problem::DuplicateName => K::ErrDuplicateName,
        Problem::CategoryRequired => K::ErrCategoryRequired,
        Problem::InFuture => K::ErrInFuture,
        Problem::InvalidDate => K::ErrInvalidDate,
        Problem::JoinedBeforeBirth => K::ErrJoinedBeforeBirth,
        Problem::JoinedTooYoung => K::ErrJoinedTooYoung,
        Problem::ParentMissing => K::ErrParentMissing,
        Problem::ParentKindNotAllowed => K::ErrParentKind,
        Problem::CycleInTree => K::ErrCycle,
        Problem::HasActiveChildren => K::ErrHasActiveChildren,
        Problem::BranchNotAvailable => K::ErrBranchNotAvailable,
        Problem::SameBranch => K::ErrSameBranch,
    };
    key.text(locale).to_string()
}

/// The message for a failed save that has no field of its own (storage failure, or a
/// record-level rule).
pub fn save_error(error: &SaveError, locale: Locale) -> String {
    match error {
        SaveError::Store(e) => store_error(e, locale),
        SaveError::Invalid(problems) => {
            let record: Vec<String> =
                problems.iter().filter(|p| p.field == Field::Record).map(|p| problem(&p.problem, locale)).collect();
            if record.is_empty() {
                K::ErrFixFields.text(locale).to_string()
            } else {
                record.join(" ")
            }
        }
    }
}

/// The message for a storage failure.
pub fn store_error(error: &StoreError, locale: Locale) -> String {
    error.message_key().text(locale).to_string()
}

/// Inline message for one field, if the save failed on it.
pub fn field_error(error: &Option<SaveError>, field: Field, locale: Locale) -> Option<String> {
    match error {
        Some(SaveError::Invalid(problems)) => {
            let texts: Vec<String> =
                problems.iter().filter(|p| p.field == field).map(|p| problem(&p.problem, locale)).collect();
            (!texts.is_empty()).then(|| texts.join(" "))
        }
        _ => None,
    }
}

/// The sentence for an import conflict.
pub fn import_conflict(conflict: &crate::domain::files::import::ImportConflict, locale: Locale) -> String {
    use crate::domain::files::import::ImportConflict as C;
    match conflict {
        C::NotABranch { id } => fill(K::IcNotABranch.text(locale), &[id]),
        C::ParentRequired => K::IcParentRequired.text(locale).to_string(),
        C::InvalidBranch { id, problems } => {
            let details: Vec<String> = problems.iter().map(|p| problem(&p.problem, locale)).collect();
            fill(K::IcInvalidBranch.text(locale), &[id, &details.join(" ")])
        }
        C::PublishedQuarter { branch, month } => {
            fill(K::IcPublishedQuarter.text(locale), &[branch, &month.to_string()])
        }
        // The document's own ids stand for units and orgs: the names here may not know them.
        C::InvalidUnit { id, name, problems } => {
            let details: Vec<String> =
                problems.iter().map(|p| units::unit_problem(p, &|id| id.to_string(), locale)).collect();
            fill(K::IcInvalidUnit.text(locale), &[name, id, &details.join(" ")])
        }
        C::Formation(problem) => {
            fill(K::IcFormation.text(locale), &[&units::formation_problem(problem, &|id| id.to_string(), locale)])
        }
        C::InvalidDecision { org, date, problems } => {
            let details: Vec<String> = problems.iter().map(|p| units::decision_problem(*p, locale)).collect();
            fill(K::IcInvalidDecision.text(locale), &[org, &date.to_string(), &details.join(" ")])
        }
        // The instructors' and requests' problems are counted here; their words belong to the
        // instructor and request pages' vocabulary.
        C::InvalidInstructor { id, name, problems } => {
            fill(K::IcInvalidInstructor.text(locale), &[name, id, &problems.len().to_string()])
        }
        C::InvalidAssignment { id, problems } => {
            fill(K::IcInvalidAssignment.text(locale), &[id, &problems.len().to_string()])
        }
        C::UnknownAssignment { key } => fill(K::IcUnknownAssignment.text(locale), &[key]),
        C::InvalidReport { key, problems } => {
            fill(K::IcInvalidReport.text(locale), &[key, &problems.len().to_string()])
        }
        C::ReportFiledLater { key, filed_on } => {
            fill(K::IcReportFiledLater.text(locale), &[key, &filed_on.to_string()])
        }
        C::InvalidReview { key, problems } => {
            fill(K::IcInvalidReview.text(locale), &[key, &problems.len().to_string()])
        }
        C::InvalidRequest { id, problems } => {
            fill(K::IcInvalidRequest.text(locale), &[id, &problems.len().to_string()])
        }
    }
}

/// A period in words: "2026年第3季度", "2026 Q3".
pub fn period(period: crate::domain::values::period::Period, locale: Locale) -> String {
    use crate::domain::values::period::Period;
    match period {
        Period::Month(m) => fill(K::PeriodMonth.text(locale), &[&m.year().to_string(), &m.number().to_string()]),
        Period::Quarter(q) => fill(K::PeriodQuarter.text(locale), &[&q.year().to_string(), &q.number().to_string()]),
        Period::Year(y) => fill(K::PeriodYear.text(locale), &[&y.to_string()]),
    }
}

/// Key of a tier's name.
pub fn tier(tier: u8) -> K {
    match tier {
        1 => K::TierModel,
        2 => K::TierAdvance,
        _ => K::TierRectify,
    }
}

/// A sheet's deductions as "−1.50"; nothing deducted reads "0.00", not "−0.00".
pub fn deduction(points: crate::domain::values::points::Points) -> String {
    if points == crate::domain::values::points::Points::ZERO {
        points.fixed()
    } else {
        format!("−{}", points.fixed())
    }
}

/// A rubric text (indicator name) in the UI's language.
pub fn localized(text: &crate::domain::rating::rubric::LocalizedText, locale: Locale) -> &str {
    match locale {
        Locale::ZhCn => &text.zh_cn,
        Locale::ZhTw => &text.zh_tw,
        Locale::En => &text.en,
    }
}

/// Why a quarter decision was refused or failed, in words.
pub fn decision_error(
    error: &crate::store::review::DecisionError,
    names: &dyn Fn(&str) -> String,
    locale: Locale,
) -> String {
    use crate::domain::review::quarter::ReviewError as R;
    use crate::store::review::DecisionError as D;
    match error {
        D::Store(e) => store_error(e, locale),
        D::Invalid(R::Published) => K::ReErrPublished.text(locale).into(),
        D::Invalid(R::NotPublished) => K::ReErrNotPublished.text(locale).into(),
        D::Invalid(R::Incomplete) => K::ReErrIncomplete.text(locale).into(),
        D::Invalid(R::ReasonRequired) => K::ReErrReason.text(locale).into(),
        D::Invalid(R::NameRequired) => K::ReErrName.text(locale).into(),
        D::Invalid(R::PendingMonths(pending)) => {
            let list: Vec<String> = pending
                .iter()
                .map(|(branch, month, status)| {
                    format!("{} {} ({})", names(branch), month, review_status(Some(*status)).text(locale))
                })
                .collect();
            fill(K::ReErrPending.text(locale), &[&join_list(&list, locale)])
        }
    }
}

/// Key of a rectification status's name.
pub fn rectification_status(status: crate::domain::review::rectification::RectificationStatus) -> K {
    use crate::domain::review::rectification::RectificationStatus as S;
    match status {
        S::Open => K::RectOpen,
        S::InProgress => K::RectInProgress,
        S::Done => K::RectDone,
        S::Verified => K::RectVerified,
    }
}

/// A rectification rule's message.
pub fn rectification_problem(problem: crate::domain::review::rectification::RectificationProblem) -> K {
    use crate::domain::review::rectification::RectificationProblem as P;
    match problem {
        P::Required => K::ErrRequired,
        P::DueBeforeQuarter => K::RpDueBeforeQuarter,
        P::EvidenceRequired => K::RpEvidenceRequired,
        P::VerifyTooEarly => K::RpVerifyTooEarly,
        P::NotAllowed => K::ActionNotAllowed,
    }
}

/// The management focus of a tier (1–3).
pub fn tier_focus(tier: u8) -> K {
    match tier {
        1 => K::FocusModel,
        2 => K::FocusAdvance,
        _ => K::FocusRectify,
    }
}

/// Key of a meeting kind's name (glossary terms).
pub fn meeting_kind(kind: MeetingKind) -> K {
    match kind {
        MeetingKind::BranchAssembly => K::LgKindBranchAssembly,
        MeetingKind::CommitteeMeeting => K::LgKindCommitteeMeeting,
        MeetingKind::GroupMeeting => K::LgKindGroupMeeting,
        MeetingKind::PartyLecture => K::LgKindPartyLecture,
        MeetingKind::ThemeDay => K::LgKindThemeDay,
        MeetingKind::DemocraticReview => K::LgKindDemocraticReview,
        MeetingKind::Other => K::LgKindOther,
    }
}

/// Key of a frequency's name.
pub fn frequency(frequency: Frequency) -> K {
    match frequency {
        Frequency::Monthly => K::LgFreqMonthly,
        Frequency::Quarterly => K::LgFreqQuarterly,
        Frequency::HalfYearly => K::LgFreqHalfYearly,
        Frequency::Yearly => K::LgFreqYearly,
    }
}

/// Key of a month's review status; `None` is a sheet not started.
pub fn review_status(status: Option<ReviewStatus>) -> K {
    match status {
        None => K::StatusNotStarted,
        Some(ReviewStatus::Draft) => K::ReviewDraft,
        Some(ReviewStatus::Submitted) => K::ReviewSubmitted,
        Some(ReviewStatus::Returned) => K::ReviewReturned,
        Some(ReviewStatus::Confirmed) => K::ReviewConfirmed,
        Some(ReviewStatus::Published) => K::ReviewPublished,
    }
}

/// Key of a key task's state for one branch.
pub fn task_state(state: TaskState) -> K {
    match state {
        TaskState::OnTime => K::KtStateOnTime,
        TaskState::Late => K::KtStateLate,
        TaskState::TooLate => K::KtStateTooLate,
        TaskState::Overdue => K::KtStateOverdue,
        TaskState::Pending => K::KtStatePending,
    }
}

/// The backup reminder in words.
pub fn backup_reminder(reminder: Reminder, locale: Locale) -> String {
    match reminder {
        Reminder::Never => K::BkReminderNever.text(locale).to_string(),
        Reminder::DaysAgo(days) => fill(K::BkReminderOld.text(locale), &[&days.to_string()]),
        Reminder::Changes(n) => fill(K::BkReminderChanges.text(locale), &[&n.to_string()]),
    }
}

/// Key of a kiosk screen's title.
pub fn kiosk_screen(screen: Screen) -> K {
    match screen {
        Screen::Stars => K::KioskScreenStars,
        Screen::Rankings => K::KioskScreenRankings,
        Screen::Radars => K::KioskScreenRadars,
        Screen::Ledger => K::KioskScreenLedger,
        Screen::Commendations => K::KioskScreenCommend,
        Screen::Coverage => K::KioskScreenCoverage,
    }
}

/// The words of each envelope refusal for one kind of file (a backup, a branch package).
pub struct EnvelopeWords {
    pub malformed: K,
    pub truncated: K,
    pub other_format: K,
    pub version: K,
    pub no_checksum: K,
    pub checksum: K,
}

/// Backups' words for a refused envelope.
pub const BACKUP_ENVELOPE: EnvelopeWords = EnvelopeWords {
    malformed: K::BkErrMalformed,
    truncated: K::BkErrTruncated,
    other_format: K::BkErrNotBackup,
    version: K::BkErrVersion,
    no_checksum: K::BkErrNoChecksum,
    checksum: K::BkErrChecksum,
};

/// Branch packages' words for a refused envelope.
pub const PACKAGE_ENVELOPE: EnvelopeWords = EnvelopeWords {
    malformed: K::PkgErrMalformed,
    truncated: K::PkgErrTruncated,
    other_format: K::PkgErrNotPackage,
    version: K::PkgErrVersion,
    no_checksum: K::PkgErrNoChecksum,
    checksum: K::PkgErrChecksum,
};

/// Instructor report packages' words for a refused envelope.
pub const REPORT_PACKAGE_ENVELOPE: EnvelopeWords = EnvelopeWords {
    malformed: K::InPkgErrMalformed,
    truncated: K::InPkgErrTruncated,
    other_format: K::InPkgErrNotPackage,
    version: K::InPkgErrVersion,
    no_checksum: K::InPkgErrNoChecksum,
    checksum: K::InPkgErrChecksum,
};

/// Why a checksummed file was refused, in the words of its kind.
pub fn envelope_refusal(
    refusal: &crate::domain::files::envelope::Envelope,
    words: &EnvelopeWords,
    locale: Locale,
) -> String {
    use crate::domain::files::envelope::Envelope as E;
    match refusal {
        E::Malformed { line, column } => fill(words.malformed.text(locale), &[&line.to_string(), &column.to_string()]),
        E::Truncated => words.truncated.text(locale).into(),
        E::OtherFormat(_) => words.other_format.text(locale).into(),
        E::UnsupportedVersion(found) => fill(words.version.text(locale), &[found]),
        E::MissingChecksum => words.no_checksum.text(locale).into(),
        E::ChecksumMismatch => words.checksum.text(locale).into(),
    }
}

/// The field's name in the UI (the template's header).
pub fn import_column(target: sheet_import::Target) -> K {
    match target {
        sheet_import::Target::OrgName => K::ImpColOrgName,
        sheet_import::Target::OrgKind => K::ImpColKind,
        sheet_import::Target::Parent => K::ImpColParent,
        sheet_import::Target::Category => K::ImpColCategory,
        sheet_import::Target::Secretary => K::ImpColSecretary,
        sheet_import::Target::Contact => K::ImpColContact,
        sheet_import::Target::Founded => K::ImpColFounded,
        sheet_import::Target::MemberName => K::ImpColMemberName,
        sheet_import::Target::Branch => K::ImpColBranch,
        sheet_import::Target::Gender => K::ImpColGender,
        sheet_import::Target::Birth => K::ImpColBirth,
        sheet_import::Target::Joined => K::ImpColJoined,
        sheet_import::Target::Position => K::ImpColPosition,
        sheet_import::Target::Status => K::ImpColStatus,
        sheet_import::Target::Unit(column) => units::import_column(column),
    }
}

/// Why a spreadsheet file could not be read, naming it.
pub fn sheet_read_error(error: &sheet_import::ReadError, name: &str, locale: Locale) -> String {
    match error {
        sheet_import::ReadError::TooLarge => fill(K::FileTooLarge.text(locale), &[name, "50"]),
        sheet_import::ReadError::NotUtf8 => fill(K::ImpNotUtf8.text(locale), &[name]),
        // The parser's reason is English and technical: the command line prints it, a user is
        // told what to check.
        sheet_import::ReadError::Unreadable(_) => fill(K::ImpUnreadable.text(locale), &[name]),
        sheet_import::ReadError::OldXls => fill(K::ImpOldXls.text(locale), &[name]),
        sheet_import::ReadError::Inflates => fill(K::ImpInflates.text(locale), &[name, "256"]),
        sheet_import::ReadError::Empty => fill(K::ImpEmpty.text(locale), &[name]),
        sheet_import::ReadError::NoRows => fill(K::ImpNoRows.text(locale), &[name]),
    }
}

/// A spreadsheet row's problem in words.
pub fn row_problem(row: &sheet_import::RowProblem, locale: Locale) -> String {
    let with = |k: K, v: &str| fill(k.text(locale), &[v]);
    match row {
        sheet_import::RowProblem::Required => K::ImpErrRequired.text(locale).to_string(),
        sheet_import::RowProblem::BadDate(v) => with(K::ImpErrBadDate, v),
        sheet_import::RowProblem::UnknownKind(v) => with(K::ImpErrUnknownKind, v),
        sheet_import::RowProblem::UnknownCategory(v) => with(K::ImpErrUnknownCategory, v),
        sheet_import::RowProblem::UnknownGender(v) => with(K::ImpErrUnknownGender, v),
        sheet_import::RowProblem::UnknownStatus(v) => with(K::ImpErrUnknownStatus, v),
        sheet_import::RowProblem::UnknownParent(v) => with(K::ImpErrUnknownParent, v),
        sheet_import::RowProblem::ParentArchived(v) => with(K::ImpErrParentArchived, v),
        sheet_import::RowProblem::AmbiguousParent(v) => with(K::ImpErrAmbiguousParent, v),
        sheet_import::RowProblem::UnknownBranch(v) => with(K::ImpErrUnknownBranch, v),
        sheet_import::RowProblem::BranchArchived(v) => with(K::ImpErrBranchArchived, v),
        sheet_import::RowProblem::AmbiguousBranch(v) => with(K::ImpErrAmbiguousBranch, v),
        sheet_import::RowProblem::Duplicate(row) => with(K::ImpErrDuplicate, &row.to_string()),
        sheet_import::RowProblem::OrgArchived => K::ImpErrOrgArchived.text(locale).to_string(),
        sheet_import::RowProblem::KindMismatch(kind) => with(K::ImpErrKindMismatch, org_kind(*kind).text(locale)),
        sheet_import::RowProblem::Rule(p) => problem(p, locale),
        sheet_import::RowProblem::Unit(p) => units::unit_row_problem(p, locale),
    }
}

/// What an import does with a row.
pub fn import_action(action: sheet_import::Action) -> K {
    match action {
        sheet_import::Action::Create => K::ImpActionCreate,
        sheet_import::Action::Update => K::ImpActionUpdate,
        sheet_import::Action::Unchanged => K::ImpActionUnchanged,
    }
}

/// A stored UTC moment in this browser's local time (`2026-11-05 16:30`).
pub fn local_time(utc: &str) -> String {
    time::local_minute(utc, offset_minutes_at(utc))
}

/// A stored UTC moment in local time with its zone, for what is printed, filed or exported.
pub fn local_time_with_zone(utc: &str) -> String {
    time::local_minute_with_zone(utc, offset_minutes_at(utc))
}

/// A break verify found, in the user's language, with its place.
pub fn verify_break(found: &crate::domain::trust::verify::Break, locale: Locale) -> String {
    use crate::domain::trust::chain::ChainBreak;
    use crate::domain::trust::verify::{Break, PublishedField};
    let t = |key: K| key.text(locale);
    let store = |name: &str| {
        t(match name {
            "evaluations" => K::BkStoreEvaluations,
            "reviews" => K::BkStoreReviews,
            _ => K::BkStoreOther,
        })
    };
    let quarter = |q| period(crate::domain::values::period::Period::Quarter(q), locale);
    match found {
        Break::Chain(ChainBreak::Unsealed { entry }) => fill(t(K::VfUnsealed), &[&entry.to_string()]),
        Break::Chain(ChainBreak::Sequence { entry, found }) => {
            fill(t(K::VfSequence), &[&entry.to_string(), &found.to_string()])
        }
        Break::Chain(ChainBreak::Altered { entry }) => fill(t(K::VfAltered), &[&entry.to_string()]),
        Break::Chain(ChainBreak::UnknownField { entry, field }) => {
            fill(t(K::VfUnknownField), &[&entry.to_string(), field])
        }
        Break::Chain(ChainBreak::NotAnEntry { entry }) => fill(t(K::VfNotEntry), &[&entry.to_string()]),
        Break::Record { store: name, key, entry } => fill(t(K::VfRecord), &[store(name), key, &entry.to_string()]),
        Break::Missing { store: name, key, entry } => fill(t(K::VfMissing), &[store(name), key, &entry.to_string()]),
        Break::Inputs { quarter: q } => fill(t(K::VfInputs), &[&quarter(*q)]),
        Break::Published { quarter: q, branch, field, published, computed } => {
            let field = t(match field {
                PublishedField::Score => K::VfFieldScore,
                PublishedField::Computed => K::VfFieldComputed,
                PublishedField::Stars => K::VfFieldStars,
                PublishedField::RankOverall => K::VfFieldRankOverall,
                PublishedField::RankCategory => K::VfFieldRankCategory,
                PublishedField::Row => K::VfFieldRow,
            });
            fill(t(K::VfPublished), &[&quarter(*q), branch, field, published, computed])
        }
        Break::Unreadable { store: name, key } => fill(t(K::VfUnreadable), &[store(name), key]),
    }
}
