//! `/members/ratings/:branch/points[?year=2026]`: every member's points of the year — meetings
//! attended from the ledger, the points they earn, the manual items added and deducted, the
//! total and its stars — the form for a manual item (`save_item`) and the year's items, each
//! deletable after a confirmation (`delete_item`).

use leptos::prelude::*;
use leptos_router::components::A;

use super::{year_from_query, BranchFrame, Loaded, YearPicker};
use crate::domain::device::roles::Action;
use crate::domain::members::points::{branch_points, ItemKind, PointsItem, PointsItemDraft, MAX_REASON_CHARS};
use crate::domain::members::rating_problem::{Field, Problem};
use crate::domain::values::period::Year;
use crate::i18n::{fill, K};
use crate::store::member_ratings::{self as ratings_store};
use crate::store::{self, WriteError};
use crate::ui::components::{actions, col, ConfirmDialog, Done, EmptyState, StarLevel, Table, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text::member_ratings::{self as text, year_name};

/// The page.
#[component]
pub fn PointsPage() -> impl IntoView {
    let year = year_from_query(store::this_month().year());
    view! {
        <BranchFrame class="mr-points-page" let:loaded>
            {move || view! { <Ledger loaded=loaded.clone() year=year.get() /> }}
        </BranchFrame>
    }
}

#[component]
fn Ledger(loaded: Loaded, year: Year) -> impl IntoView {
    let ctx = AppContext::get();
    let branch = loaded.branch.clone();
    let base = format!("/members/ratings/{}/points", branch.id);
    let may = ctx.may(Action::EditMembers(&branch.id)) && !branch.archived;
    let data = &loaded.data;
    let rows = branch_points(&branch.id, year, &data.roll, &data.ledger, &data.items, &data.settings);
    let mut items: Vec<PointsItem> = data.items.iter().filter(|i| i.date.year() == year.number()).cloned().collect();
    items.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    let title = {
        let name = branch.name.clone();
        move || fill(ctx.t(K::MrPointsTitle), &[&name, &year_name(year, ctx.locale.get())])
    };
    let per = data.settings.attendance_points.to_string();
    let stars_href = format!("/members/ratings/{}/stars?year={year}", branch.id);
    let names = StoredValue::new(loaded.clone());
    let table = if rows.is_empty() {
        view! { <EmptyState message=K::MrNoMembers /> }.into_any()
    } else {
        let cols = vec![
            col(K::MrMember),
            col(K::MrMeetings).class("num"),
            col(K::MrAttendance).class("num"),
            col(K::MrAdded).class("num"),
            col(K::MrDeducted).class("num"),
            col(K::MrTotal).class("num"),
            col(K::MrStars),
        ];
        view! {
            <div class="table-wrap" tabindex="0">
                <Table class="table-compact mr-table" testid="mr-points-table" cols>
                    {rows.into_iter().map(|r| {
                        let p = r.points;
                        view! {
                            <tr data-member=r.member.clone()>
                                <th scope="row">{r.name.clone()}</th>
                                <td class="num">{p.meetings}</td>
                                <td class="num">{p.attendance}</td>
                                <td class="num">{p.added}</td>
                                <td class="num">{p.deducted}</td>
                                <td class="num" data-cell="total"><strong>{p.total}</strong></td>
                                <td data-cell="stars" data-stars=p.stars><StarLevel stars=(p.stars > 0).then_some(p.stars) /></td>
                            </tr>
                        }
                    }).collect_view()}
                </Table>
            </div>
        }
        .into_any()
    };
    view! {
        <div class="page-head">
            <h1>{title}</h1>
            <YearPicker year base=base.clone() />
        </div>
        <section class="card" aria-labelledby="mr-points-title">
            <div class="page-head">
                <h2 id="mr-points-title">{tr(K::MrTabPoints)}</h2>
                <A href=stars_href attr:class="btn" attr:data-testid="mr-to-stars">{tr(K::MrToStars)}</A>
            </div>
            <p class="hint">{move || fill(ctx.t(K::MrPointsRule), &[&per])}</p>
            {table}
        </section>
        {if may {
            view! { <ItemForm loaded=names.get_value() /> }.into_any()
        } else {
            view! { <p class="hint" data-testid="mr-read-only">{tr(K::MrReadOnly)}</p> }.into_any()
        }}
        <Items items names may />
    }
}

#[component]
fn ItemForm(loaded: Loaded) -> impl IntoView {
    let ctx = AppContext::get();
    let branch = StoredValue::new(loaded.branch.id.clone());
    let roll = StoredValue::new(loaded.data.roll.clone());
    let members: Vec<(String, String)> =
        loaded.data.roll.iter().filter(|m| m.status.is_active()).map(|m| (m.id.clone(), m.name.clone())).collect();
    let names = StoredValue::new(loaded);
    let member = RwSignal::new(String::new());
    let date = RwSignal::new(store::today().to_string());
    let kind = RwSignal::new(None::<ItemKind>);
    let points = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<Problem>::new());
    let saving = Write::new(move |item: PointsItem, locale| async move {
        let who = names.with_value(|n| n.name(&item.member));
        match ratings_store::save_item(&db(), item, store::today()).await {
            Ok(_) => {
                problems.set(vec![]);
                points.set(String::new());
                reason.set(String::new());
                Done::Saved(fill(K::MrItemSaved.text(locale), &[&who]))
            }
            Err(e) => {
                let message = names.with_value(|n| text::error(&e, &|id| n.name(id), locale));
                if let WriteError::Invalid(found) = e {
                    problems.set(found);
                }
                Done::Failed(message)
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.pending_untracked() {
            return;
        }
        let draft = PointsItemDraft {
            member: member.get_untracked(),
            date: date.get_untracked(),
            kind: kind.get_untracked(),
            points: points.get_untracked(),
            reason: reason.get_untracked(),
        };
        let read = roll.with_value(|roll| draft.read(&store::new_id(), &branch.get_value(), roll, store::today()));
        match read {
            Ok(item) => saving.run(item),
            Err(found) => {
                let locale = ctx.locale.get_untracked();
                let message =
                    names.with_value(|n| text::error(&WriteError::Invalid(found.clone()), &|id| n.name(id), locale));
                problems.set(found);
                ctx.failure(message);
            }
        }
    };
    let error = move |field: Field| {
        Signal::derive(move || {
            let locale = ctx.locale.get();
            let texts: Vec<String> = problems
                .get()
                .iter()
                .filter(|p| p.field() == Some(field))
                .map(|p| names.with_value(|n| text::problem(p, &|id| n.name(id), locale)))
                .collect();
            (!texts.is_empty()).then(|| texts.join(" "))
        })
    };
    let field = move |id: &'static str, label: K, f: Field, control: AnyView| {
        let message = error(f);
        view! {
            <div class="field" class:field-invalid=move || message.get().is_some()>
                <label for=id>{tr(label)}<span class="required" aria-hidden="true">" *"</span></label>
                {control}
                <p class="field-error" id=format!("{id}-error") aria-live="polite">{move || message.get()}</p>
            </div>
        }
    };
    let invalid = move |f: Field| move || error(f).get().is_some().to_string();
    view! {
        <form class="card mr-item-form" on:submit=submit novalidate data-testid="mr-item-form" aria-labelledby="mr-item-title">
            <h2 id="mr-item-title">{tr(K::MrAddItem)}</h2>
            <div class="mr-item-grid">
                {field("mr-item-member", K::MrMember, Field::Member, view! {
                    <select id="mr-item-member" data-testid="mr-item-member" aria-describedby="mr-item-member-error" aria-invalid=invalid(Field::Member)
                        on:change=move |ev| member.set(event_target_value(&ev))>
                        <option value="">{tr(K::MrChooseMember)}</option>
                        {members.into_iter().map(|(id, name)| view! { <option value=id.clone() selected=move || member.get() == id>{name}</option> }).collect_view()}
                    </select>
                }.into_any())}
                {field("mr-item-date", K::MrItemDate, Field::Date, view! {
                    <input id="mr-item-date" type="date" bind:value=date data-testid="mr-item-date" aria-describedby="mr-item-date-error" aria-invalid=invalid(Field::Date) />
                }.into_any())}
                {field("mr-item-kind", K::MrItemKind, Field::Kind, view! {
                    <select id="mr-item-kind" data-testid="mr-item-kind" aria-describedby="mr-item-kind-error" aria-invalid=invalid(Field::Kind)
                        on:change=move |ev| kind.set(ItemKind::from_code(&event_target_value(&ev)))>
                        <option value="">{tr(K::MrChooseKind)}</option>
                        {ItemKind::ALL.into_iter().map(|k| view! { <option value=k.code() selected=move || kind.get() == Some(k)>{tr(text::item_kind(k))}</option> }).collect_view()}
                    </select>
                }.into_any())}
                {field("mr-item-points", K::MrItemPoints, Field::Points, view! {
                    <input id="mr-item-points" type="text" inputmode="numeric" bind:value=points data-testid="mr-item-points" aria-describedby="mr-item-points-error" aria-invalid=invalid(Field::Points) autocomplete="off" />
                }.into_any())}
                {field("mr-item-reason", K::MrItemReason, Field::Reason, view! {
                    <input id="mr-item-reason" type="text" bind:value=reason data-testid="mr-item-reason" maxlength=MAX_REASON_CHARS.to_string() aria-describedby="mr-item-reason-error" aria-invalid=invalid(Field::Reason) autocomplete="off" />
                }.into_any())}
            </div>
            <div class="actions">
                <button type="submit" class="btn btn-primary" disabled=move || saving.pending() data-testid="mr-item-save">{tr(K::MrSaveItem)}</button>
            </div>
        </form>
    }
}

#[component]
fn Items(items: Vec<PointsItem>, names: StoredValue<Loaded>, may: bool) -> impl IntoView {
    let ctx = AppContext::get();
    let pending = RwSignal::new(None::<PointsItem>);
    let open = RwSignal::new(false);
    let deleting = Write::new(move |id: String, locale| async move {
        match ratings_store::delete_item(&db(), &id).await {
            Ok(_) => Done::Saved(K::MrItemDeleted.text(locale).to_string()),
            Err(e) => Done::Failed(crate::ui::text::store_error(&e, locale)),
        }
    });
    let body = Signal::derive(move || {
        let locale = ctx.locale.get();
        pending.get().map_or_else(String::new, |i| {
            let signed = if i.kind.is_deduction() { format!("-{}", i.points) } else { format!("+{}", i.points) };
            fill(K::MrDeleteBody.text(locale), &[&names.with_value(|n| n.name(&i.member)), &i.reason, &signed])
        })
    });
    let on_confirm = Callback::new(move |_| {
        if let Some(item) = pending.get_untracked() {
            deleting.run(item.id);
        }
    });
    let mut cols = vec![
        col(K::MrItemDate),
        col(K::MrMember),
        col(K::MrItemKind),
        col(K::MrItemPoints).class("num"),
        col(K::MrItemReason),
    ];
    if may {
        cols.push(actions(K::Actions));
    }
    view! {
        <section class="card" aria-labelledby="mr-items-title">
            <h2 id="mr-items-title">{tr(K::MrItemsTitle)}</h2>
            {if items.is_empty() {
                view! { <p class="hint" data-testid="mr-items-none">{tr(K::MrItemsNone)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0">
                        <Table class="table-compact mr-table" testid="mr-items" cols>
                            {items.into_iter().map(|i| {
                                let name = names.with_value(|n| n.name(&i.member));
                                let signed = if i.kind.is_deduction() { format!("-{}", i.points) } else { format!("+{}", i.points) };
                                let label = {
                                    let (name, reason) = (name.clone(), i.reason.clone());
                                    move || fill(ctx.t(K::MrDeleteFor), &[&name, &reason])
                                };
                                let item = i.clone();
                                view! {
                                    <tr data-item=i.id.clone()>
                                        <td>{i.date.to_string()}</td>
                                        <th scope="row">{name}</th>
                                        <td>{tr(text::item_kind(i.kind))}</td>
                                        <td class="num" class:mr-deduction=i.kind.is_deduction()>{signed}</td>
                                        <td>{i.reason.clone()}</td>
                                        {may.then(|| view! {
                                            <td>
                                                <button type="button" class="btn btn-small btn-danger-quiet" aria-label=label data-testid="mr-item-delete"
                                                    on:click=move |_| { pending.set(Some(item.clone())); open.set(true); }>{tr(K::MrDelete)}</button>
                                            </td>
                                        })}
                                    </tr>
                                }
                            }).collect_view()}
                        </Table>
                    </div>
                }
                .into_any()
            }}
            <ConfirmDialog open title=K::MrDeleteTitle body confirm_label=K::MrDelete on_confirm />
        </section>
    }
}
