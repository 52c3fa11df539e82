//! Export and import of ratings data, 两新 units and shell decisions as an exchange document
//! (docs/FORMAT.md).

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

use crate::domain::files::exchange::ExchangeDocument;
use crate::domain::files::import::{ImportConflict, ImportPlan};
use crate::domain::org::{self, OrgKind};
use crate::domain::values::validation::ValidationError;
use crate::i18n::{fill, K};
use crate::store;
use crate::store::ratings::{self, ImportError};
use crate::ui::components::{col, corner, Done, Table, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::data::MAX_IMPORT_BYTES;
use crate::ui::text;

/// How many validation errors are listed; the rest are counted.
const SHOWN_ERRORS: usize = 50;

#[derive(Clone)]
enum Stage {
    Idle,
    Reading,
    Refused(String),
    Invalid(Vec<ValidationError>),
    Preview(Box<ExchangeDocument>, Box<Result<ImportPlan, ImportError>>),
}

/// Export and import of the exchange format.
#[component]
pub fn ExchangeSection() -> impl IntoView {
    let ctx = AppContext::get();
    let stage = RwSignal::new(Stage::Idle);
    let parent = RwSignal::new(String::new());
    let parents = LocalResource::new(move || {
        ctx.revision.track();
        async move {
            let orgs = store::orgs::list_orgs(&db()).await.unwrap_or_default();
            org::tree_order(&orgs)
                .into_iter()
                .filter(|(o, _)| !o.archived && OrgKind::Branch.allowed_parents().contains(&Some(o.kind)))
                .map(|(o, _)| (o.id.clone(), o.name.clone()))
                .collect::<Vec<_>>()
        }
    });

    let versions = LocalResource::new(move || {
        ctx.revision.track();
        async move { ratings::load(&db()).await.map(|d| (d.active.clone(), d.rubric_versions())).ok() }
    });
    let chosen_version = RwSignal::new(String::new());
    let exporting = Write::new(move |(), locale| async move {
        let chosen = Some(chosen_version.get_untracked()).filter(|k| !k.is_empty());
        let key = match chosen {
            Some(key) => Ok(key),
            None => ratings::load(&db()).await.map(|data| data.active),
        };
        match key {
            Err(e) => Done::Failed(text::store_error(&e, locale)),
            Ok(key) => match ratings::export_document(&db(), &key).await {
                Err(e) => Done::Failed(text::store_error(&e, locale)),
                Ok((doc, left_out)) => {
                    let name = format!("starbranch-{}.json", store::today());
                    if crate::ui::download::download_text(&name, "application/json", &doc.to_json()).is_err() {
                        Done::Failed(K::ErrStorageOther.text(locale).to_string())
                    } else if left_out > 0 {
                        Done::Failed(fill(K::ExportLeftOut.text(locale), &[&left_out.to_string()]))
                    } else {
                        Done::Reported(fill(
                            K::Exported.text(locale),
                            &[&doc.branches.len().to_string(), &doc.evaluations.len().to_string()],
                        ))
                    }
                }
            },
        }
    });
    let export = move |_| exporting.run(());

    let preview = move |doc: ExchangeDocument| {
        let chosen = Some(parent.get_untracked()).filter(|p| !p.is_empty());
        spawn_local(async move {
            let plan = ratings::preview_import(&db(), &doc, chosen.as_deref(), store::today()).await;
            stage.set(Stage::Preview(Box::new(doc), Box::new(plan)));
        });
    };

    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        input.set_value("");
        if file.size() > MAX_IMPORT_BYTES {
            stage.set(Stage::Refused(fill(ctx.t(K::FileTooLarge), &[&file.name(), "50"])));
            return;
        }
        stage.set(Stage::Reading);
        spawn_local(async move {
            let text = JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string());
            let Some(text) = text else {
                stage.set(Stage::Refused(fill(ctx.t(K::FileUnreadable), &[&file.name()])));
                return;
            };
            match ExchangeDocument::parse(&text) {
                Ok(doc) => preview(doc),
                Err(errors) => stage.set(Stage::Invalid(errors)),
            }
        });
    };

    let importing = Write::new(move |(doc, chosen): (Box<ExchangeDocument>, Option<String>), locale| async move {
        match ratings::import(&db(), &doc, chosen.as_deref(), store::today()).await {
            Ok(plan) => {
                stage.set(Stage::Idle);
                let changed = plan.new_evaluations.len() + plan.replaced_evaluations.len();
                Done::Saved(fill(
                    K::Imported.text(locale),
                    &[&plan.new_branches.len().to_string(), &changed.to_string()],
                ))
            }
            Err(ImportError::Store(e)) => Done::Failed(text::store_error(&e, locale)),
            Err(e @ ImportError::Invalid(_)) => {
                stage.set(Stage::Preview(doc, Box::new(Err(e))));
                Done::Quiet
            }
        }
    });
    let apply = move |_| {
        let Stage::Preview(doc, _) = stage.get_untracked() else { return };
        importing.run((doc, Some(parent.get_untracked()).filter(|p| !p.is_empty())));
    };

    view! {
        <section class="card" aria-labelledby="exchange-title">
            <h2 id="exchange-title">{tr(K::ExchangeTitle)}</h2>
            <p class="hint">{tr(K::ExchangeHint)}</p>
            {move || versions.get().flatten().filter(|(_, v)| v.len() > 1).map(|(active, list)| view! {
                <div class="field narrow">
                    <label for="export-version">{tr(K::ExportVersion)}</label>
                    <select id="export-version" on:change=move |ev| chosen_version.set(event_target_value(&ev))>
                        {list.into_iter().map(|(key, rubric, count)| {
                            let selected = key == active;
                            let label = fill(ctx.t(K::VersionWithCount), &[&format!("{} v{}", rubric.id, rubric.version), &count.to_string()]);
                            view! { <option value=key selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
            })}
            <div class="actions">
                <button class="btn btn-primary" on:click=export data-testid="export">{tr(K::ExportData)}</button>
                <label class="btn file-button">
                    {tr(K::ImportData)}
                    <input type="file" accept=".json,application/json" class="visually-hidden" on:change=on_file data-testid="import-file" />
                </label>
            </div>
            <div aria-live="polite" data-testid="import-result">
                {move || match stage.get() {
                    Stage::Idle => ().into_any(),
                    Stage::Reading => view! { <p class="loading">{tr(K::Loading)}</p> }.into_any(),
                    Stage::Refused(message) => view! { <p class="notice notice-error" role="alert">{message}</p> }.into_any(),
                    Stage::Invalid(errors) => view! { <InvalidReport errors /> }.into_any(),
                    Stage::Preview(doc, plan) => {
                        let needs_parent = matches!(&*plan, Err(ImportError::Invalid(c)) if c.contains(&ImportConflict::ParentRequired))
                            || matches!(&*plan, Ok(p) if !p.new_branches.is_empty());
                        let doc_for_parent = doc.clone();
                        view! {
                            {needs_parent.then(|| view! {
                                <div class="field">
                                    <label for="import-parent">{tr(K::ImportParent)}</label>
                                    <select id="import-parent" on:change=move |ev| {
                                        parent.set(event_target_value(&ev));
                                        preview((*doc_for_parent).clone());
                                    }>
                                        <option value="">{tr(K::ChooseParent)}</option>
                                        {move || parents.get().unwrap_or_default().into_iter().map(|(id, name)| {
                                            let selected = parent.get_untracked() == id;
                                            view! { <option value=id selected=selected>{name}</option> }
                                        }).collect_view()}
                                    </select>
                                </div>
                            })}
                            {match *plan {
                                Ok(plan) => view! { <PlanPreview plan /> }.into_any(),
                                Err(ImportError::Invalid(conflicts)) => view! {
                                    <div class="notice notice-error" role="alert">
                                        <p>{tr(K::ImportConflicts)}</p>
                                        <ul>{conflicts.iter().map(|c| { let c = c.clone(); view! { <li>{move || text::import_conflict(&c, ctx.locale.get())}</li> } }).collect_view()}</ul>
                                    </div>
                                }.into_any(),
                                Err(ImportError::Store(e)) => view! { <p class="notice notice-error">{move || text::store_error(&e, ctx.locale.get())}</p> }.into_any(),
                            }}
                            <div class="actions">
                                <button class="btn btn-primary" on:click=apply data-testid="confirm-import">{tr(K::ConfirmImport)}</button>
                                <button class="btn" on:click=move |_| stage.set(Stage::Idle)>{tr(K::Cancel)}</button>
                            </div>
                        }
                            .into_any()
                    }
                }}
            </div>
        </section>
    }
}

#[component]
fn InvalidReport(errors: Vec<ValidationError>) -> impl IntoView {
    let ctx = AppContext::get();
    let total = errors.len();
    let shown: Vec<ValidationError> = errors.into_iter().take(SHOWN_ERRORS).collect();
    view! {
        <div class="notice notice-error import-errors" role="alert">
            <p>{move || fill(ctx.t(K::ImportInvalid), &[&total.to_string()])}</p>
            <ul>
                {shown
                    .into_iter()
                    .map(|e| {
                        view! { <li>{move || text::validation_error(&e, ctx.locale.get())}</li> }
                    })
                    .collect_view()}
            </ul>
            {(total > SHOWN_ERRORS).then(|| view! { <p>{move || fill(ctx.t(K::MoreErrors), &[&(total - SHOWN_ERRORS).to_string()])}</p> })}
        </div>
    }
}

#[component]
fn PlanPreview(plan: ImportPlan) -> impl IntoView {
    let ctx = AppContext::get();
    let rubric_line = if plan.rubric_is_new {
        fill(ctx.t(K::PreviewRubricNew), &[&format!("{} v{}", plan.rubric.id, plan.rubric.version)])
    } else {
        fill(ctx.t(K::PreviewRubricSame), &[&format!("{} v{}", plan.rubric.id, plan.rubric.version)])
    };
    let rows = [
        (K::PreviewBranches, plan.new_branches.len(), plan.changed_branches.len(), plan.unchanged_branches),
        (
            K::PreviewEvaluations,
            plan.new_evaluations.len(),
            plan.replaced_evaluations.len(),
            plan.unchanged_evaluations,
        ),
        (K::PreviewUnits, plan.new_units.len(), plan.changed_units.len(), plan.unchanged_units),
        (K::PreviewInstructors, plan.instructors.new.len(), plan.instructors.changed.len(), plan.instructors.unchanged),
        (K::PreviewAssignments, plan.assignments.new.len(), plan.assignments.changed.len(), plan.assignments.unchanged),
        (
            K::PreviewInstructorReports,
            plan.instructor_reports.new.len(),
            plan.instructor_reports.changed.len(),
            plan.instructor_reports.unchanged,
        ),
        (
            K::PreviewYearEndReviews,
            plan.year_end_reviews.new.len(),
            plan.year_end_reviews.changed.len(),
            plan.year_end_reviews.unchanged,
        ),
        (K::PreviewRequests, plan.requests.new.len(), plan.requests.changed.len(), plan.requests.unchanged),
    ];
    // Branches, evaluations and units always; the instructors' records when the file has some.
    let rows: Vec<(K, usize, usize, usize)> =
        rows.into_iter().enumerate().filter(|(i, (_, n, c, u))| *i < 3 || n + c + u > 0).map(|(_, r)| r).collect();
    let decisions = plan.shell_decisions.len();
    view! {
        <div class="preview" data-testid="import-preview">
            <h3>{tr(K::PreviewTitle)}</h3>
            {plan.is_empty().then(|| view! { <p class="notice notice-ok">{tr(K::PreviewNothing)}</p> })}
            <p>{rubric_line}</p>
            <Table cols=vec![corner(), col(K::PreviewNew).class("num"), col(K::PreviewReplaced).class("num"), col(K::PreviewUnchanged).class("num")]>
                    {rows
                        .into_iter()
                        .map(|(label, new, replaced, same)| view! {
                            <tr>
                                <th scope="row">{tr(label)}</th>
                                <td class="num">{new}</td>
                                <td class="num">{replaced}</td>
                                <td class="num">{same}</td>
                            </tr>
                        })
                        .collect_view()}
            </Table>
            <p>{move || fill(ctx.t(K::PreviewFiveHaves), &[&plan.five_haves.len().to_string()])}</p>
            {(decisions > 0).then(|| view! { <p>{move || fill(ctx.t(K::PreviewShellDecisions), &[&decisions.to_string()])}</p> })}
        </div>
    }
}
