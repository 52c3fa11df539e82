//! Small shared pieces: labelled fields with inline errors, confirmation dialog, empty state,
//! spreadsheet export buttons.

use leptos::prelude::*;

use super::context::tr;
use crate::i18n::K;

mod async_view;
mod backup_nudge;
mod export_button;
mod liangxin_tabs;
mod members_tabs;
mod mobile_overdue;
mod role;
mod sheet_import;
mod table;
mod write;

pub use async_view::AsyncView;
pub use backup_nudge::BackupNudge;
pub use export_button::ExportButtons;
pub use liangxin_tabs::LiangxinTabs;
pub use members_tabs::MembersTabs;
pub use mobile_overdue::MobileOverdueCard;
pub use role::{pin_error, role_label, AdminPinDialog, NotPermitted, PinInput, ReadOnlyBanner, RoleSwitch};
pub use sheet_import::{action_badge, MappingGrid, PlanSummary, RowErrors, SheetFilePicker, SheetStage};
pub use table::{actions, col, col_text, corner, head_cell, Col, Table};
pub use write::{Done, Write};

/// A labelled form field with its inline error. The control is the child; `id` links label,
/// control and message for screen readers (`aria-describedby` on the control).
#[component]
pub fn FormField(
    /// Label text.
    label: K,
    /// id of the control inside.
    id: &'static str,
    /// The field's current error message, if any.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// Marks the field as required in the label.
    #[prop(optional)]
    required: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id>
                {tr(label)}
                {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
            </label>
            {children()}
            <p class="field-error" id=format!("{id}-error") role="alert" aria-live="polite">
                {move || error.get()}
            </p>
        </div>
    }
}

/// A modal confirmation for anything destructive. Shown while `open` is true; `on_confirm`
/// runs when the user confirms, and the dialog closes either way.
#[component]
pub fn ConfirmDialog(
    open: RwSignal<bool>,
    title: K,
    #[prop(into)] body: Signal<String>,
    confirm_label: K,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let confirm_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if open.get() {
            if let Some(button) = confirm_ref.get() {
                let _ = button.focus();
            }
        }
    });
    view! {
        <Show when=move || open.get()>
            <div class="dialog-backdrop" on:click=move |_| open.set(false)></div>
            <div
                class="dialog"
                role="alertdialog"
                aria-modal="true"
                aria-labelledby="confirm-title"
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        open.set(false);
                    }
                }
            >
                <h2 id="confirm-title">{tr(title)}</h2>
                <p>{move || body.get()}</p>
                <div class="actions">
                    <button class="btn" on:click=move |_| open.set(false)>{tr(K::Cancel)}</button>
                    <button
                        class="btn btn-danger"
                        node_ref=confirm_ref
                        on:click=move |_| {
                            open.set(false);
                            on_confirm.run(());
                        }
                    >
                        {tr(confirm_label)}
                    </button>
                </div>
            </div>
        </Show>
    }
}

/// Friendly text for an empty list, with an optional next step as children.
#[component]
pub fn EmptyState(message: K, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    view! {
        <div class="empty-state">
            <p>{tr(message)}</p>
            {children.map(|c| c())}
        </div>
    }
}

/// Loading indicator for a page section.
#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <p class="loading" role="status">
            <span class="spinner" aria-hidden="true"></span>
            {tr(K::Loading)}
        </p>
    }
}

/// A star level as ★★★★☆, with its number for screen readers.
#[component]
pub fn StarLevel(stars: Option<u8>) -> impl IntoView {
    let ctx = super::context::AppContext::get();
    match stars {
        None => view! { <span class="stars stars-none">"—"</span> }.into_any(),
        Some(n) => {
            let filled = "★".repeat(n as usize);
            let empty = "☆".repeat(5usize.saturating_sub(n as usize));
            view! {
                <span class="stars" role="img" aria-label=move || crate::i18n::fill(ctx.t(K::StarsLabel), &[&n.to_string()])>
                    <span class="stars-on" aria-hidden="true">{filled}</span>
                    <span class="stars-off" aria-hidden="true">{empty}</span>
                </span>
            }
            .into_any()
        }
    }
}

/// A storage failure where a page's data should be, in the current language.
#[component]
pub fn StoreErrorNotice(error: crate::store::StoreError) -> impl IntoView {
    let ctx = super::context::AppContext::get();
    view! { <p class="notice notice-error" role="alert">{move || super::text::store_error(&error, ctx.locale.get())}</p> }
}

/// A select of the open branches with a "choose a branch" first option; `on_pick` gets the chosen
/// id, or `None` for that first option. Pages turn the choice into a route.
#[component]
pub fn BranchSelect(
    orgs: Vec<crate::domain::org::Org>,
    current: Option<String>,
    label: K,
    #[prop(into)] testid: String,
    on_pick: Callback<Option<String>>,
) -> impl IntoView {
    view! {
        <label class="inline-field">
            <span>{tr(label)}</span>
            <select data-testid=testid on:change=move |ev| {
                let id = event_target_value(&ev);
                on_pick.run(Some(id).filter(|id| !id.is_empty()));
            }>
                <option value="" selected=current.is_none()>{tr(K::ChooseBranch)}</option>
                {crate::domain::org::open_branches(&orgs)
                    .into_iter()
                    .map(|o| {
                        let selected = current.as_deref() == Some(o.id.as_str());
                        view! { <option value=o.id.clone() selected=selected>{o.name.clone()}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// Fortress indices as the radar chart takes them (the branch report's and the kiosk's radars).
pub fn radar_values(indices: &crate::domain::rating::compare::Indices) -> [Option<f64>; 5] {
    indices.map(|i| i.map(|p| p.to_f64()))
}
