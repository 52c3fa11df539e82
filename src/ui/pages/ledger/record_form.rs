//! The record form: date, kind, topic, roll call, minutes and attachments; saving and deleting.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use wasm_bindgen::JsCast;

use super::record::focus_first_problem;
use super::record_parts::{FileCard, RollLine};
use super::record_state::{new_record, FileState, Problems, RecordFields};
use super::{file_size, percent};
use crate::domain::device::roles::Action;
use crate::domain::ledger::{
    self, LedgerField, LedgerRecord, MeetingKind, MAX_ATTACHMENTS, MAX_ATTACHMENT_BYTES, MAX_MINUTES_CHARS,
    MAX_SHORT_TEXT_CHARS, MAX_TOPIC_CHARS,
};
use crate::domain::values::date::Date;
use crate::domain::values::period::Month;
use crate::i18n::{fill, K};
use crate::store::ledger::{
    self as ledger_store, BranchLedger, LedgerError, LedgerRefusal, NewAttachment, StoredAttachment,
};
use crate::store::today;
use crate::ui::components::{ConfirmDialog, Done, EmptyState, FormField, NotPermitted, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text;

/// What a save writes: the record, the files chosen, the ids of the stored files removed.
type SaveInput = (LedgerRecord, Vec<NewAttachment>, Vec<String>);

#[component]
pub(super) fn RecordForm(
    ledger: BranchLedger,
    record: Option<LedgerRecord>,
    files: Vec<StoredAttachment>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let navigate = use_navigate();
    let query = use_query_map();
    let is_new = record.is_none();
    let branch = ledger.branch.clone();
    let start = record.unwrap_or_else(|| {
        let q = query.read_untracked();
        new_record(&branch.id, q.get("date"), q.get("kind"))
    });
    let back = format!("/ledger/{}?month={}", branch.id, Month::of(start.date));
    let fields = RecordFields::new(&start, &ledger.members);
    let file_state = FileState::new(&files);
    let problems = Problems::new();
    let branch_gone = RwSignal::new(false);

    let saving = Write::new(move |(candidate, added, dropped): SaveInput, locale| {
        let navigate = navigate.clone();
        async move {
            match ledger_store::save_record(&db(), candidate, added, &dropped, today()).await {
                Ok(saved) => {
                    problems.found.set(Vec::new());
                    let month = Month::of(saved.date);
                    navigate(&format!("/ledger/{}?month={month}", saved.branch), Default::default());
                    Done::Saved(fill(K::LgSaved.text(locale), &[&saved.topic]))
                }
                Err(LedgerError::Invalid(LedgerRefusal::Problems(found))) => {
                    problems.found.set(found);
                    focus_first_problem();
                    Done::Failed(K::ErrFixFields.text(locale).to_string())
                }
                Err(LedgerError::Invalid(LedgerRefusal::BranchUnavailable)) => {
                    branch_gone.set(true);
                    Done::Failed(K::LgBranchUnavailable.text(locale).to_string())
                }
                Err(LedgerError::Store(error)) => Done::Failed(text::store_error(&error, locale)),
            }
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.pending_untracked() {
            return;
        }
        let text = fields.date.get_untracked();
        branch_gone.set(false);
        match text.trim().parse::<Date>() {
            Ok(date) => {
                problems.date.set(None);
                saving.run((fields.to_record(date), file_state.added(), file_state.dropped()));
            }
            Err(_) => {
                // Every other problem is shown too, from the same rule the store applies.
                problems.date.set(Some(if text.trim().is_empty() { K::ErrRequired } else { K::ErrInvalidDate }));
                let candidate = fields.to_record(today());
                problems
                    .found
                    .set(ledger::validate_record(candidate, &fields.roll(), today()).err().unwrap_or_default());
                ctx.failure(K::ErrFixFields.text(ctx.locale.get_untracked()).to_string());
                focus_first_problem();
            }
        }
    };

    let confirm_open = RwSignal::new(false);
    let title = if is_new { K::LgNewRecordTitle } else { K::LgEditRecordTitle };
    let may_edit = ctx.session.with_untracked(|s| s.may(Action::EditLedger(&branch.id)));
    let archived = branch.archived;
    let save_disabled = Signal::derive(move || saving.pending() || archived || !may_edit);

    view! {
        <section class="page" data-testid="ledger-record">
            <div class="page-head">
                <h1>{tr(title)}<span class="subtitle">{branch.name.clone()}</span></h1>
                <A href=back.clone() attr:class="btn">{tr(K::NavLedger)}</A>
            </div>
            {move || (archived || branch_gone.get()).then(|| view! { <p class="notice notice-error" role="alert">{tr(K::LgBranchUnavailable)}</p> })}
            {(!may_edit).then(|| view! { <NotPermitted message=K::RoleNeedOwnBranch /> })}
            <form class="page" on:submit=save novalidate=true data-testid="ledger-form">
                <BasicFields fields error=move |field| problems.of(field, fields, file_state) />
                <RollCall fields error=problems.of(LedgerField::Attendees, fields, file_state) />
                <section class="card">
                    <FormField label=K::LgMinutes id="ledger-minutes" error=problems.of(LedgerField::Minutes, fields, file_state)>
                        <textarea id="ledger-minutes" rows="8" bind:value=fields.minutes aria-describedby="ledger-minutes-error" maxlength=MAX_MINUTES_CHARS.to_string()></textarea>
                    </FormField>
                </section>
                <Attachments files=file_state error=problems.of(LedgerField::Attachments, fields, file_state) />
                <ActionBar disabled=save_disabled back=back.clone() deletable=!is_new && may_edit confirm_open />
            </form>
            <DeleteDialog open=confirm_open start back files=files.len() />
        </section>
    }
}

/// Date, kind, topic, place and host.
#[component]
fn BasicFields(fields: RecordFields, error: impl Fn(LedgerField) -> Signal<Option<String>>) -> impl IntoView {
    view! {
        <section class="card">
            <div class="form-grid">
                <FormField label=K::LgDate id="ledger-date" error=error(LedgerField::Date) required=true>
                    <input id="ledger-date" type="date" bind:value=fields.date aria-describedby="ledger-date-error" max=today().to_string() />
                </FormField>
                <FormField label=K::LgKind id="ledger-kind">
                    <select id="ledger-kind" on:change=move |ev| {
                        if let Some(k) = MeetingKind::from_code(&event_target_value(&ev)) {
                            fields.kind.set(k);
                        }
                    }>
                        {MeetingKind::ALL
                            .into_iter()
                            .map(|k| view! { <option value=k.code() selected=move || fields.kind.get() == k>{tr(text::meeting_kind(k))}</option> })
                            .collect_view()}
                    </select>
                </FormField>
            </div>
            <FormField label=K::LgTopic id="ledger-topic" error=error(LedgerField::Topic) required=true>
                <input id="ledger-topic" type="text" bind:value=fields.topic aria-describedby="ledger-topic-error" maxlength=MAX_TOPIC_CHARS.to_string() autocomplete="off" />
            </FormField>
            <div class="form-grid">
                <FormField label=K::LgPlace id="ledger-place" error=error(LedgerField::Place)>
                    <input id="ledger-place" type="text" bind:value=fields.place aria-describedby="ledger-place-error" maxlength=MAX_SHORT_TEXT_CHARS.to_string() />
                </FormField>
                <FormField label=K::LgHost id="ledger-host" error=error(LedgerField::Host)>
                    <input id="ledger-host" type="text" bind:value=fields.host aria-describedby="ledger-host-error" maxlength=MAX_SHORT_TEXT_CHARS.to_string() />
                </FormField>
            </div>
        </section>
    }
}

/// Who was there and who was excused, with "all present" and the running count.
#[component]
fn RollCall(fields: RecordFields, error: Signal<Option<String>>) -> impl IntoView {
    let ctx = AppContext::get();
    let rows = fields.rows;
    let all_present = move |_| {
        rows.with_value(|rows| {
            for row in rows.iter().filter(|r| r.on_roll) {
                row.present.set(true);
                row.absent.set(false);
            }
        })
    };
    let summary = move || {
        let (present, absent) = rows.with_value(|rows| {
            (
                rows.iter().filter(|r| r.present.get()).count(),
                rows.iter().filter(|r| !r.present.get() && r.absent.get()).count(),
            )
        });
        let rate = ledger::attendance_share(present, absent);
        fill(ctx.t(K::LgPresentCount), &[&present.to_string(), &absent.to_string(), &percent(rate)])
    };
    let has_roll = rows.with_value(|r| !r.is_empty());
    view! {
        <fieldset class="card roll" class:field-invalid=move || error.get().is_some() aria-describedby="ledger-attendance-hint ledger-attendance-error">
            <legend>{tr(K::LgAttendance)}<span class="required" aria-hidden="true">" *"</span></legend>
            <p class="hint" id="ledger-attendance-hint">{tr(K::LgAttendanceHint)}</p>
            {if has_roll {
                view! {
                    <div class="roll-head">
                        <button type="button" class="btn btn-small" on:click=all_present data-testid="all-present">{tr(K::LgAllPresent)}</button>
                        <span class="roll-summary" aria-live="polite">{summary}</span>
                    </div>
                    <ul class="roll-list" data-testid="roll">
                        {rows.get_value().into_iter().map(|row| view! { <RollLine row /> }).collect_view()}
                    </ul>
                }
                .into_any()
            } else {
                view! { <EmptyState message=K::LgNoMembers /> }.into_any()
            }}
            <p class="field-error" id="ledger-attendance-error" role="alert" aria-live="polite">{move || error.get()}</p>
        </fieldset>
    }
}

/// The files: stored ones, chosen ones waiting for Save, the way to choose more.
#[component]
fn Attachments(files: FileState, error: Signal<Option<String>>) -> impl IntoView {
    let ctx = AppContext::get();
    let on_pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(list) = input.files() else { return };
        files.pick(&list);
        // Lets the same file be chosen again after removing it.
        input.set_value("");
    };
    let accept = ledger::ATTACHMENT_TYPES.join(",");
    let list = files.list;
    view! {
        <section class="card" class:field-invalid=move || error.get().is_some() aria-labelledby="ledger-files-title">
            <h2 id="ledger-files-title">{tr(K::LgAttachments)}</h2>
            <p class="hint" id="ledger-files-hint">
                {move || fill(ctx.t(K::LgAttachHint), &[&file_size(MAX_ATTACHMENT_BYTES), &MAX_ATTACHMENTS.to_string()])}
            </p>
            <label class="btn file-button">
                "+ "{tr(K::LgChooseFiles)}
                <input type="file" class="visually-hidden" multiple=true accept=accept on:change=on_pick
                    aria-describedby="ledger-files-hint ledger-files-error" data-testid="ledger-files" />
            </label>
            <p class="field-error" id="ledger-files-error" role="alert" aria-live="polite">{move || error.get()}</p>
            <Show when=move || !list.with(Vec::is_empty) fallback=|| view! { <p class="hint">{tr(K::LgNoAttachments)}</p> }>
                <ul class="file-list" data-testid="attachments">
                    <For each=move || list.get() key=|f| f.id.clone() let(item)>
                        <FileCard item=item.clone() on_remove=Callback::new(move |_: ()| files.remove(item.clone())) />
                    </For>
                </ul>
            </Show>
        </section>
    }
}

/// Save, cancel and (for a stored record one may change) delete.
#[component]
fn ActionBar(disabled: Signal<bool>, back: String, deletable: bool, confirm_open: RwSignal<bool>) -> impl IntoView {
    view! {
        <div class="actions sticky-actions">
            <button type="submit" class="btn btn-primary" disabled=move || disabled.get() data-testid="ledger-save">{tr(K::Save)}</button>
            <A href=back attr:class="btn">{tr(K::Cancel)}</A>
            {deletable.then(|| view! {
                <button type="button" class="btn btn-danger-outline push-end" on:click=move |_| confirm_open.set(true) data-testid="ledger-delete">
                    {tr(K::LgDelete)}
                </button>
            })}
        </div>
    }
}

/// Asks before deleting the record with its files, then goes back to the branch's month.
#[component]
fn DeleteDialog(open: RwSignal<bool>, start: LedgerRecord, back: String, files: usize) -> impl IntoView {
    let ctx = AppContext::get();
    let navigate = use_navigate();
    let deleting = Write::new(move |id: String, locale| {
        let (back, navigate) = (back.clone(), navigate.clone());
        async move {
            match ledger_store::delete_record(&db(), &id).await {
                Ok(deleted) => {
                    navigate(&back, Default::default());
                    Done::Saved(fill(K::LgDeleted.text(locale), &[&deleted.topic]))
                }
                Err(error) => Done::Failed(text::store_error(&error, locale)),
            }
        }
    });
    let body = {
        let (topic, day) = (start.topic.clone(), start.date.to_string());
        Signal::derive(move || fill(ctx.t(K::LgDeleteBody), &[&topic, &day, &files.to_string()]))
    };
    let id = start.id;
    view! {
        <ConfirmDialog open title=K::LgDeleteTitle body confirm_label=K::LgDelete on_confirm=Callback::new(move |_: ()| deleting.run(id.clone())) />
    }
}
