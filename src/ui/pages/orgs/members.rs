use leptos::prelude::*;

use crate::domain::device::roles::Action;
use crate::domain::org::{self, Field, FieldProblem, Gender, Member, MemberStatus, OrgKind, Problem};
use crate::i18n::{fill, K};
use crate::store::{self, orgs as org_store, SaveError};
use crate::ui::components::{actions, col, Done, EmptyState, FormField, Table, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::data::Registry;
use crate::ui::text;

/// The member roll of one branch, with add, edit and transfer.
#[component]
pub fn Members(branch: String, registry: Registry) -> impl IntoView {
    let may_edit = AppContext::get().session.with_untracked(|s| s.may(Action::EditMembers(&branch)));
    let editing = RwSignal::new(None::<Member>);
    let transferring = RwSignal::new(None::<Member>);
    let mut members: Vec<Member> = registry.members.iter().filter(|m| m.branch == branch).cloned().collect();
    members.sort_by(|a, b| (!a.status.is_active(), &a.joined).cmp(&(!b.status.is_active(), &b.joined)));
    let others: Vec<(String, String)> = org::tree_order(&registry.orgs)
        .into_iter()
        .filter(|(o, _)| o.kind == OrgKind::Branch && !o.archived && o.id != branch)
        .map(|(o, _)| (o.id.clone(), o.name.clone()))
        .collect();
    let new_member = {
        let branch = branch.clone();
        move || Member {
            id: store::new_id(),
            branch: branch.clone(),
            name: String::new(),
            gender: Gender::Male,
            birth: org::parse_required_date("1990-01-01").expect("constant date"),
            joined: org::parse_required_date("2015-07-01").expect("constant date"),
            position: String::new(),
            status: MemberStatus::Full,
        }
    };
    let is_empty = members.is_empty();
    view! {
        <section class="card" aria-labelledby="members-title">
            <div class="page-head">
                <h2 id="members-title">{tr(K::MembersTitle)}</h2>
                {may_edit.then(|| view! {
                    <button class="btn btn-primary" on:click=move |_| editing.set(Some(Member { name: String::new(), ..new_member() }))>
                        "+ "{tr(K::AddMember)}
                    </button>
                })}
            </div>
            {move || editing.get().map(|member| view! { <MemberForm member editing /> })}
            {move || transferring.get().map(|member| view! { <TransferForm member others=others.clone() transferring /> })}
            {if is_empty {
                view! { <EmptyState message=K::NoMembers /> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0">
                        <Table
                            testid="member-table"
                            cols=vec![col(K::MemberName), col(K::Gender), col(K::BirthDate), col(K::JoinDate), col(K::Position), col(K::MemberStatus), actions(K::Actions)]
                        >
                                {members
                                    .into_iter()
                                    .map(|m| {
                                        let edit = m.clone();
                                        let transfer = m.clone();
                                        view! {
                                            <tr class:archived=!m.status.is_active()>
                                                <td>{m.name.clone()}</td>
                                                <td>{tr(text::gender(m.gender))}</td>
                                                <td>{m.birth.to_string()}</td>
                                                <td>{m.joined.to_string()}</td>
                                                <td>{m.position.clone()}</td>
                                                <td>{tr(text::member_status(m.status))}</td>
                                                <td>
                                                    {may_edit.then(|| view! {
                                                        <div class="row-actions">
                                                            <button class="btn btn-small" on:click=move |_| editing.set(Some(edit.clone()))>{tr(K::Edit)}</button>
                                                            <button class="btn btn-small" on:click=move |_| transferring.set(Some(transfer.clone()))>{tr(K::Transfer)}</button>
                                                        </div>
                                                    })}
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                        </Table>
                    </div>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn MemberForm(member: Member, editing: RwSignal<Option<Member>>) -> impl IntoView {
    let ctx = AppContext::get();
    let is_new = member.name.is_empty();
    let name = RwSignal::new(member.name.clone());
    let gender = RwSignal::new(member.gender);
    let birth = RwSignal::new(if is_new { String::new() } else { member.birth.to_string() });
    let joined = RwSignal::new(if is_new { String::new() } else { member.joined.to_string() });
    let position = RwSignal::new(member.position.clone());
    let status = RwSignal::new(member.status);
    let error = RwSignal::new(None::<SaveError>);
    let field_error =
        move |field: Field| Signal::derive(move || text::field_error(&error.get(), field, ctx.locale.get()));

    let saving = Write::new(move |candidate: Member, locale| async move {
        match org_store::save_member(&db(), candidate, store::today()).await {
            Ok(saved) => {
                editing.set(None);
                Done::Saved(fill(K::SavedNamed.text(locale), &[&saved.name]))
            }
            Err(e) => {
                let message = text::save_error(&e, locale);
                error.set(Some(e));
                Done::Failed(message)
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut problems = Vec::new();
        let mut date = |text: String, field: Field| match org::parse_required_date(&text) {
            Ok(date) => Some(date),
            Err(problem) => {
                problems.push(FieldProblem { field, problem });
                None
            }
        };
        let (birth_date, joined_date) =
            (date(birth.get_untracked(), Field::Birth), date(joined.get_untracked(), Field::Joined));
        if name.get_untracked().trim().is_empty() {
            problems.push(FieldProblem { field: Field::Name, problem: Problem::Required });
        }
        let (Some(birth_date), Some(joined_date), true) = (birth_date, joined_date, problems.is_empty()) else {
            error.set(Some(SaveError::Invalid(problems)));
            return;
        };
        saving.run(Member {
            name: name.get_untracked(),
            gender: gender.get_untracked(),
            birth: birth_date,
            joined: joined_date,
            position: position.get_untracked(),
            status: status.get_untracked(),
            ..member.clone()
        });
    };
    let title = if is_new { K::AddMember } else { K::EditMember };
    view! {
        <form class="subform" on:submit=on_submit novalidate=true data-testid="member-form">
            <h3>{tr(title)}</h3>
            <div class="form-grid">
                <FormField label=K::MemberName id="member-name" error=field_error(Field::Name) required=true>
                    <input id="member-name" type="text" bind:value=name aria-describedby="member-name-error" autocomplete="off" />
                </FormField>
                <FormField label=K::Gender id="member-gender">
                    <select id="member-gender" on:change=move |ev| gender.set(if event_target_value(&ev) == "female" { Gender::Female } else { Gender::Male })>
                        <option value="male" selected=move || gender.get() == Gender::Male>{tr(K::GenderMale)}</option>
                        <option value="female" selected=move || gender.get() == Gender::Female>{tr(K::GenderFemale)}</option>
                    </select>
                </FormField>
                <FormField label=K::BirthDate id="member-birth" error=field_error(Field::Birth) required=true>
                    <input id="member-birth" type="date" bind:value=birth aria-describedby="member-birth-error" />
                </FormField>
                <FormField label=K::JoinDate id="member-joined" error=field_error(Field::Joined) required=true>
                    <input id="member-joined" type="date" bind:value=joined aria-describedby="member-joined-error" />
                </FormField>
                <FormField label=K::Position id="member-position">
                    <input id="member-position" type="text" bind:value=position autocomplete="off" />
                </FormField>
                <FormField label=K::MemberStatus id="member-status">
                    <select id="member-status" on:change=move |ev| {
                        let value = event_target_value(&ev);
                        if let Some(s) = MemberStatus::ALL.into_iter().find(|s| format!("{s:?}") == value) {
                            status.set(s);
                        }
                    }>
                        {MemberStatus::ALL
                            .into_iter()
                            .map(|s| view! { <option value=format!("{s:?}") selected=move || status.get() == s>{tr(text::member_status(s))}</option> })
                            .collect_view()}
                    </select>
                </FormField>
            </div>
            <div class="actions">
                <button type="submit" class="btn btn-primary">{tr(K::Save)}</button>
                <button type="button" class="btn" on:click=move |_| editing.set(None)>{tr(K::Cancel)}</button>
            </div>
        </form>
    }
}

#[component]
fn TransferForm(
    member: Member,
    others: Vec<(String, String)>,
    transferring: RwSignal<Option<Member>>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let target = RwSignal::new(String::new());
    let error = RwSignal::new(None::<SaveError>);
    let name = member.name.clone();
    let moving = Write::new(move |(id, to): (String, String), locale| async move {
        match org_store::transfer_member(&db(), &id, &to).await {
            Ok(saved) => {
                transferring.set(None);
                Done::Saved(fill(K::TransferredNamed.text(locale), &[&saved.name]))
            }
            Err(e) => {
                let message = text::save_error(&e, locale);
                error.set(Some(e));
                Done::Failed(message)
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let to = target.get_untracked();
        if to.is_empty() {
            error
                .set(Some(SaveError::Invalid(vec![FieldProblem { field: Field::Branch, problem: Problem::Required }])));
            return;
        }
        moving.run((member.id.clone(), to));
    };
    view! {
        <form class="subform" on:submit=on_submit novalidate=true data-testid="transfer-form">
            <h3>{move || fill(ctx.t(K::TransferTitle), &[&name])}</h3>
            <FormField label=K::TargetBranch id="transfer-target" error=Signal::derive(move || text::field_error(&error.get(), Field::Branch, ctx.locale.get()))>
                <select id="transfer-target" aria-describedby="transfer-target-error" on:change=move |ev| target.set(event_target_value(&ev))>
                    <option value="">{tr(K::ChooseBranch)}</option>
                    {others.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                </select>
            </FormField>
            <div class="actions">
                <button type="submit" class="btn btn-primary">{tr(K::Transfer)}</button>
                <button type="button" class="btn" on:click=move |_| transferring.set(None)>{tr(K::Cancel)}</button>
            </div>
        </form>
    }
}
