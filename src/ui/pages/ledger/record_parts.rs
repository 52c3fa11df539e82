//! One line of the roll call, one attachment card.

use leptos::prelude::*;

use super::file_size;
use super::record::{FileItem, RollRow};
use crate::i18n::{fill, K};
use crate::ui::context::{tr, AppContext};

#[component]
pub(super) fn RollLine(row: RollRow) -> impl IntoView {
    let ctx = AppContext::get();
    let present_id = format!("present-{}", row.id);
    let present_for = present_id.clone();
    let absent_id = format!("absent-{}", row.id);
    let reason_id = format!("reason-{}", row.id);
    let name = row.name.clone();
    let name_for_absent = name.clone();
    let name_for_reason = name.clone();
    let (present, absent, reason) = (row.present, row.absent, row.reason);
    view! {
        <li class="roll-line" class:is-present=move || present.get() class:is-absent=move || !present.get() && absent.get()>
            <label class="check" for=present_for>
                <input id=present_id type="checkbox" bind:checked=present on:change=move |_| {
                    if present.get_untracked() {
                        absent.set(false);
                    }
                } />
                <span class="roll-name">{name}</span>
                {(!row.on_roll).then(|| view! { <span class="badge badge-muted">{tr(K::LgNotOnRoll)}</span> })}
            </label>
            <Show when=move || !present.get()>
                <label class="check check-absent" for=absent_id.clone()>
                    <input id=absent_id.clone() type="checkbox" bind:checked=absent
                        aria-label={
                            let name = name_for_absent.clone();
                            move || fill(ctx.t(K::LgAbsentOf), &[&name])
                        } />
                    <span aria-hidden="true">{tr(K::LgAbsent)}</span>
                </label>
            </Show>
            <Show when=move || !present.get() && absent.get()>
                <input id=reason_id.clone() type="text" class="roll-reason" bind:value=reason
                    placeholder=move || ctx.t(K::LgReasonPlaceholder)
                    aria-label={
                        let name = name_for_reason.clone();
                        move || fill(ctx.t(K::LgReasonOf), &[&name])
                    } />
            </Show>
        </li>
    }
}

#[component]
pub(super) fn FileCard(item: FileItem, on_remove: Callback<()>) -> impl IntoView {
    let ctx = AppContext::get();
    let name = item.name.clone();
    let (n1, n2, n3) = (name.clone(), name.clone(), name.clone());
    let kind_label =
        if item.is_image() { None } else { Some(item.mime.rsplit('/').next().unwrap_or("file").to_ascii_uppercase()) };
    view! {
        <li class="file-card" class:file-pending=item.pending data-testid="attachment">
            {match kind_label {
                None => view! {
                    <a class="file-thumb" href=item.url.clone() target="_blank" rel="noopener" aria-label=move || fill(ctx.t(K::LgViewImageOf), &[&n1])>
                        <img src=item.url.clone() alt=name.clone() loading="lazy" />
                    </a>
                }
                .into_any(),
                Some(label) => view! { <span class="file-thumb file-icon" aria-hidden="true">{label}</span> }.into_any(),
            }}
            <span class="file-meta">
                <span class="file-name" title=name.clone()>{name.clone()}</span>
                <span class="hint">
                    {file_size(item.size)}
                    {item.pending.then(|| view! { " · "<span class="file-unsaved">{tr(K::LgUnsaved)}</span> })}
                </span>
            </span>
            <span class="file-actions">
                <a class="btn btn-small" href=item.url.clone() download=name.clone() aria-label=move || fill(ctx.t(K::LgDownloadOf), &[&n2])>{tr(K::LgDownload)}</a>
                <button type="button" class="btn btn-small btn-danger-outline" on:click=move |_| on_remove.run(()) aria-label=move || fill(ctx.t(K::LgRemoveFileOf), &[&n3])>
                    {tr(K::Remove)}
                </button>
            </span>
        </li>
    }
}
