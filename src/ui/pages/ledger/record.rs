//! `/ledger/:branch/new`, `/ledger/:branch/:record`: loading the record form, and what it shows
//! about attachments and problems.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use wasm_bindgen::JsCast;

use super::file_size;
use super::record_form::RecordForm;
use crate::domain::ledger::{AttachmentProblem, LedgerField, LedgerProblem, LedgerRecord};
use crate::domain::org::OrgKind;
use crate::i18n::{fill, Locale, K};
use crate::store::ledger::{self as ledger_store, BranchLedger, StoredAttachment};
use crate::store::StoreError;
use crate::ui::components::{EmptyState, Loading, StoreErrorNotice};
use crate::ui::context::{db, tr, AppContext};

// ── /ledger/:branch/new, /ledger/:branch/:record ─────────────────────────────────────────────

pub(super) type FormData = (Option<BranchLedger>, Option<LedgerRecord>, Vec<StoredAttachment>);

/// The record form at `/ledger/:branch/new?date=&kind=` and `/ledger/:branch/:record`.
#[component]
pub fn RecordPage() -> impl IntoView {
    let params = use_params_map();
    // Not tied to the revision counter: a write elsewhere must not reset a form being filled in.
    let data = LocalResource::new(move || {
        let branch = params.read().get("branch").unwrap_or_default();
        let record = params.read().get("record").unwrap_or_default();
        async move {
            let db = db();
            let ledger = ledger_store::load_branch(&db, &branch).await?;
            if record == "new" {
                return Ok::<FormData, StoreError>((ledger, None, Vec::new()));
            }
            let stored = ledger_store::get_record(&db, &record).await?.filter(|r| r.branch == branch);
            let files = match &stored {
                Some(_) => ledger_store::record_attachments(&db, &record).await?,
                None => Vec::new(),
            };
            Ok((ledger, stored, files))
        }
    });
    let ctx = AppContext::get();
    move || {
        // A role switch re-renders the form with the new role's rights.
        ctx.session.track();
        let is_new = params.read().get("record").as_deref() == Some("new");
        match data.get() {
            None => view! { <section class="page"><Loading /></section> }.into_any(),
            Some(Err(error)) => view! { <section class="page"><StoreErrorNotice error /></section> }.into_any(),
            Some(Ok((Some(ledger), record, files)))
                if ledger.branch.kind == OrgKind::Branch && (is_new || record.is_some()) =>
            {
                view! { <RecordForm ledger record files /> }.into_any()
            }
            Some(Ok((ledger, _, _))) => {
                let message = if ledger.is_some() { K::LgRecordNotFound } else { K::OrgNotFound };
                let back = ledger.map_or_else(|| "/ledger".to_string(), |l| format!("/ledger/{}", l.branch.id));
                view! {
                    <section class="page">
                        <h1>{tr(K::NavLedger)}</h1>
                        <EmptyState message>
                            <A href=back attr:class="btn">{tr(K::NavLedger)}</A>
                        </EmptyState>
                    </section>
                }
                .into_any()
            }
        }
    }
}

/// One member's line in the attendance list.
#[derive(Clone)]
pub(super) struct RollRow {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) on_roll: bool,
    pub(super) present: RwSignal<bool>,
    pub(super) absent: RwSignal<bool>,
    pub(super) reason: RwSignal<String>,
}

/// A file shown in the form: stored, or chosen and waiting for Save.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct FileItem {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) mime: String,
    pub(super) size: u64,
    pub(super) url: String,
    pub(super) pending: bool,
}

impl FileItem {
    pub(super) fn is_image(&self) -> bool {
        self.mime.to_ascii_lowercase().starts_with("image/")
    }
}

pub(super) fn object_url(blob: &web_sys::Blob) -> String {
    web_sys::Url::create_object_url_with_blob(blob).unwrap_or_default()
}

pub(super) fn revoke(url: &str) {
    if !url.is_empty() {
        let _ = web_sys::Url::revoke_object_url(url);
    }
}

/// The sentence for a file that cannot be attached.
pub(super) fn attachment_problem(name: &str, problem: &AttachmentProblem, locale: Locale) -> String {
    match problem {
        AttachmentProblem::Empty => fill(K::LgErrFileEmpty.text(locale), &[name]),
        AttachmentProblem::TooLarge { size, max } => {
            fill(K::LgErrFileTooLarge.text(locale), &[name, &file_size(*size), &file_size(*max)])
        }
        AttachmentProblem::UnsupportedType(mime) => {
            let mime = if mime.trim().is_empty() { "?" } else { mime.as_str() };
            fill(K::LgErrFileType.text(locale), &[name, mime])
        }
    }
}

/// The sentence for one ledger problem; members and files are named, not shown by id.
pub(super) fn problem_text(
    field: LedgerField,
    problem: &LedgerProblem,
    member: &dyn Fn(&str) -> String,
    file: &dyn Fn(&str) -> String,
    locale: Locale,
) -> String {
    let with = |key: K, arg: &str| fill(key.text(locale), &[arg]);
    match problem {
        LedgerProblem::Required if field == LedgerField::Attendees => {
            K::LgErrAttendeesRequired.text(locale).to_string()
        }
        LedgerProblem::Required => K::ErrRequired.text(locale).to_string(),
        LedgerProblem::TooLong(max) => with(K::ErrTooLong, &max.to_string()),
        LedgerProblem::InFuture => K::ErrInFuture.text(locale).to_string(),
        LedgerProblem::NotAMember(id) => with(K::LgErrNotAMember, &member(id)),
        LedgerProblem::ListedTwice(id) => with(K::LgErrListedTwice, &member(id)),
        LedgerProblem::PresentAndAbsent(id) => with(K::LgErrPresentAndAbsent, &member(id)),
        LedgerProblem::ReasonRequired(id) => with(K::LgErrReasonRequired, &member(id)),
        LedgerProblem::TooMany(max) => with(K::LgErrTooMany, &max.to_string()),
        LedgerProblem::Attachment { id, problem } => attachment_problem(&file(id), problem, locale),
        LedgerProblem::DuplicateAttachment(id) => with(K::LgErrDuplicateFile, &file(id)),
    }
}

/// Moves focus to the first field marked invalid, once the marks are drawn, so a long form
/// saved from its bottom shows what to fix.
pub(super) fn focus_first_problem() {
    request_animation_frame(|| {
        let selector = ".field-invalid input:not([type=checkbox]), .field-invalid select, .field-invalid textarea, \
                        .roll.field-invalid input, .field-invalid .file-button input";
        let Ok(Some(element)) = document().query_selector(selector) else { return };
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    });
}
