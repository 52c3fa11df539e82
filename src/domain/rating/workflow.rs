//! The review workflow of a monthly evaluation (自评 → 审核): who may move it where, and when
//! its scores may still change. A confirmed month is locked; correcting it takes an explicit
//! reopen with a reason.

use crate::domain::rating::evaluation::ReviewStatus;

/// What a user does to a monthly sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Keep the entered scores as a draft.
    SaveDraft,
    /// The branch submits its self-evaluation (自评) for review.
    Submit,
    /// The committee sends it back with a reason (退回).
    Return,
    /// The committee confirms it (确认); it now counts toward ratings and is locked.
    Confirm,
    /// The committee reopens a confirmed month for correction, with a reason.
    Reopen,
}

impl Action {
    /// Stable code used in the change history (`evaluation.submit`, …).
    pub fn code(self) -> &'static str {
        match self {
            Action::SaveDraft => "save_draft",
            Action::Submit => "submit",
            Action::Return => "return",
            Action::Confirm => "confirm",
            Action::Reopen => "reopen",
        }
    }

    /// Whether the action writes the sheet's scores (the others only change its status).
    pub fn edits_scores(self) -> bool {
        matches!(self, Action::SaveDraft | Action::Submit)
    }

    /// Whether the action needs a written reason.
    pub fn needs_reason(self) -> bool {
        matches!(self, Action::Return | Action::Reopen)
    }
}

/// Why an action is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkflowError {
    /// The action does not apply to a sheet in this status.
    NotAllowed,
    /// Returning or reopening needs a reason.
    ReasonRequired,
}

/// Whether scores of a sheet in this status (or of a sheet not started) may be edited.
pub fn editable(status: Option<ReviewStatus>) -> bool {
    matches!(status, None | Some(ReviewStatus::Draft) | Some(ReviewStatus::Returned))
}

/// The status after `action` on a sheet in `current` (`None` = not started yet).
pub fn next_status(current: Option<ReviewStatus>, action: Action, reason: &str) -> Result<ReviewStatus, WorkflowError> {
    use ReviewStatus::*;
    if action.needs_reason() && reason.trim().is_empty() {
        return Err(WorkflowError::ReasonRequired);
    }
    match (current, action) {
        (None | Some(Draft) | Some(Returned), Action::SaveDraft) => Ok(current.unwrap_or(Draft)),
        (None | Some(Draft) | Some(Returned), Action::Submit) => Ok(Submitted),
        (Some(Submitted), Action::Return) => Ok(Returned),
        (Some(Submitted), Action::Confirm) => Ok(Confirmed),
        (Some(Confirmed), Action::Reopen) => Ok(Returned),
        _ => Err(WorkflowError::NotAllowed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReviewStatus::*;

    fn check(
        current: Option<ReviewStatus>,
        action: Action,
        reason: &str,
        expected: Result<ReviewStatus, WorkflowError>,
    ) {
        assert_eq!(next_status(current, action, reason), expected, "{current:?} + {action:?}");
    }

    #[test]
    fn the_happy_path_and_corrections() {
        check(None, Action::SaveDraft, "", Ok(Draft));
        check(Some(Draft), Action::Submit, "", Ok(Submitted));
        check(Some(Submitted), Action::Return, "缺组织生活佐证", Ok(Returned));
        check(Some(Returned), Action::SaveDraft, "", Ok(Returned));
        check(Some(Returned), Action::Submit, "", Ok(Submitted));
        check(Some(Submitted), Action::Confirm, "", Ok(Confirmed));
        check(Some(Confirmed), Action::Reopen, "安全分录入有误", Ok(Returned));
    }

    #[test]
    fn locked_and_out_of_order_actions_are_refused() {
        check(Some(Confirmed), Action::SaveDraft, "", Err(WorkflowError::NotAllowed));
        check(Some(Confirmed), Action::Submit, "", Err(WorkflowError::NotAllowed));
        check(Some(Submitted), Action::SaveDraft, "", Err(WorkflowError::NotAllowed));
        check(Some(Draft), Action::Confirm, "", Err(WorkflowError::NotAllowed));
        check(Some(Published), Action::Reopen, "x", Err(WorkflowError::NotAllowed));
        check(None, Action::Return, "x", Err(WorkflowError::NotAllowed));
    }

    #[test]
    fn returning_and_reopening_need_a_reason() {
        check(Some(Submitted), Action::Return, "  ", Err(WorkflowError::ReasonRequired));
        check(Some(Confirmed), Action::Reopen, "", Err(WorkflowError::ReasonRequired));
    }

    #[test]
    fn only_unsubmitted_sheets_are_editable() {
        assert!(editable(None) && editable(Some(Draft)) && editable(Some(Returned)));
        assert!(!editable(Some(Submitted)) && !editable(Some(Confirmed)) && !editable(Some(Published)));
    }
}
