//! The record form: date, kind, topic, roll call, minutes and attachments.

use super::*;

#[component]
pub(super) fn RecordForm(ledger: BranchLedger, record: Option<LedgerRecord>, files: Vec<StoredAttachment>) -> impl IntoView {
    let ctx = AppContext::get();
    let navigate = use_navigate();
    let query = use_query_map();
    let is_new = record.is_none();
    let branch = ledger.branch.clone();
    let base = format!("/ledger/{}", branch.id);

    let start = record.clone().unwrap_or_else(|| {
        let q = query.read_untracked();
        LedgerRecord {
            id: new_id(),
            branch: branch.id.clone(),
            date: q.get("date").and_then(|d| d.parse().ok()).unwrap_or_else(today),
            kind: q.get("kind").and_then(|k| MeetingKind::from_code(&k)).unwrap_or(MeetingKind::CommitteeMeeting),
            topic: String::new(),
            place: String::new(),
            host: String::new(),
            attendees: Vec::new(),
            absentees: Vec::new(),
            minutes: String::new(),
            attachments: Vec::new(),
        }
    });
    let back = format!("{base}?month={}", Month::of(start.date));
    let date = RwSignal::new(start.date.to_string());
    let kind = RwSignal::new(start.kind);
    let topic = RwSignal::new(start.topic.clone());
    let place = RwSignal::new(start.place.clone());
    let host = RwSignal::new(start.host.clone());
    let minutes = RwSignal::new(start.minutes.clone());

    let rows: Vec<RollRow> = ledger::roll_call(&ledger.members, &start.attendees, &start.absentees)
        .into_iter()
        .map(|entry| RollRow {
            id: entry.id,
            name: entry.name,
            on_roll: entry.on_roll,
            present: RwSignal::new(false),
            absent: RwSignal::new(false),
            reason: RwSignal::new(String::new()),
        })
        .collect();
    for row in &rows {
        row.present.set(start.attendees.contains(&row.id));
        if let Some(absence) = start.absentees.iter().find(|a| a.member == row.id) {
            row.absent.set(true);
            row.reason.set(absence.reason.clone());
        }
    }
    let rows = StoredValue::new(rows);
    let names = StoredValue::new(rows.with_value(|r| r.iter().map(|r| (r.id.clone(), r.name.clone())).collect::<Vec<_>>()));
    let member_name = move |id: &str| names.with_value(|n| n.iter().find(|(m, _)| m == id).map(|(_, name)| name.clone()).unwrap_or_else(|| id.to_string()));

    // Files: object URLs are made once and revoked when they leave the list or the form goes.
    let urls = StoredValue::new(Vec::<String>::new());
    let initial: Vec<FileItem> = files
        .iter()
        .map(|f| {
            let url = object_url(&f.blob);
            urls.update_value(|u| u.push(url.clone()));
            FileItem { id: f.meta.id.clone(), name: f.meta.name.clone(), mime: f.meta.mime.clone(), size: f.meta.size, url, pending: false }
        })
        .collect();
    let file_list = RwSignal::new(initial);
    let pending = StoredValue::new_local(Vec::<NewAttachment>::new());
    let removed = RwSignal::new(Vec::<String>::new());
    let all_file_names = StoredValue::new(files.iter().map(|f| (f.meta.id.clone(), f.meta.name.clone())).collect::<Vec<_>>());
    on_cleanup(move || {
        urls.with_value(|list| list.iter().for_each(|u| revoke(u)));
    });

    let problems = RwSignal::new(LedgerProblems::new());
    let date_problem = RwSignal::new(None::<K>);
    let pick_notes = RwSignal::new(Vec::<(String, AttachmentProblem)>::new());
    let too_many = RwSignal::new(false);
    let branch_gone = RwSignal::new(false);

    let field_error = move |field: LedgerField| {
        Signal::derive(move || {
            let locale = ctx.locale.get();
            let file_name = |id: &str| all_file_names.with_value(|n| n.iter().find(|(f, _)| f == id).map(|(_, name)| name.clone()).unwrap_or_else(|| id.to_string()));
            let mut texts: Vec<String> = problems.with(|list| {
                list.iter()
                    .filter(|p| p.field == field || (field == LedgerField::Attendees && p.field == LedgerField::Absentees))
                    .map(|p| problem_text(p.field, &p.problem, &member_name, &file_name, locale))
                    .collect()
            });
            if field == LedgerField::Date {
                if let Some(key) = date_problem.get() {
                    texts.insert(0, key.text(locale).to_string());
                }
            }
            if field == LedgerField::Attachments {
                texts.extend(pick_notes.get().iter().map(|(name, p)| attachment_problem(name, p, locale)));
                if too_many.get() {
                    texts.push(fill(K::LgErrTooMany.text(locale), &[&MAX_ATTACHMENTS.to_string()]));
                }
            }
            (!texts.is_empty()).then(|| texts.join(" "))
        })
    };

    let on_pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(list) = input.files() else { return };
        let mut notes = Vec::new();
        let mut over = false;
        for i in 0..list.length() {
            let Some(file) = list.item(i) else { continue };
            let (name, mime, size) = (file.name(), file.type_(), file.size() as u64);
            if let Err(problem) = ledger::check_attachment(size, &mime) {
                notes.push((name, problem));
                continue;
            }
            if file_list.with_untracked(Vec::len) >= MAX_ATTACHMENTS {
                over = true;
                break;
            }
            let blob: web_sys::Blob = file.into();
            let url = object_url(&blob);
            urls.update_value(|u| u.push(url.clone()));
            let id = new_id();
            all_file_names.update_value(|n| n.push((id.clone(), name.clone())));
            file_list.update(|l| l.push(FileItem { id: id.clone(), name: name.clone(), mime: mime.clone(), size, url, pending: true }));
            pending.update_value(|p| p.push(NewAttachment { id, name, mime, blob }));
        }
        pick_notes.set(notes);
        too_many.set(over);
        // Lets the same file be chosen again after removing it.
        input.set_value("");
    };
    let remove_file = move |item: FileItem| {
        file_list.update(|l| l.retain(|f| f.id != item.id));
        if item.pending {
            pending.update_value(|p| p.retain(|f| f.id != item.id));
        } else {
            removed.update(|r| r.push(item.id.clone()));
        }
        revoke(&item.url);
        urls.update_value(|u| u.retain(|x| *x != item.url));
        too_many.set(false);
    };

    let (record_id, record_branch) = (start.id.clone(), start.branch.clone());
    let build = move || {
        let (attendees, absentees) = rows.with_value(|rows| {
            let attendees: Vec<String> = rows.iter().filter(|r| r.present.get_untracked()).map(|r| r.id.clone()).collect();
            let absentees: Vec<Absence> = rows
                .iter()
                .filter(|r| !r.present.get_untracked() && r.absent.get_untracked())
                .map(|r| Absence { member: r.id.clone(), reason: r.reason.get_untracked() })
                .collect();
            (attendees, absentees)
        });
        LedgerRecord {
            id: record_id.clone(),
            branch: record_branch.clone(),
            date: start.date,
            kind: kind.get_untracked(),
            topic: topic.get_untracked(),
            place: place.get_untracked(),
            host: host.get_untracked(),
            attendees,
            absentees,
            minutes: minutes.get_untracked(),
            attachments: Vec::new(),
        }
    };

    let saving = Write::new({
        let navigate = navigate.clone();
        move |(candidate, added, dropped): (LedgerRecord, Vec<NewAttachment>, Vec<String>), locale| {
            let navigate = navigate.clone();
            async move {
                match ledger_store::save_record(&db(), candidate, added, &dropped, today()).await {
                    Ok(saved) => {
                        problems.set(Vec::new());
                        let month = Month::of(saved.date);
                        navigate(&format!("/ledger/{}?month={month}", saved.branch), Default::default());
                        Done::Saved(fill(K::LgSaved.text(locale), &[&saved.topic]))
                    }
                    Err(LedgerError::Invalid(LedgerRefusal::Problems(found))) => {
                        problems.set(found);
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
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.pending_untracked() {
            return;
        }
        let locale = ctx.locale.get_untracked();
        let mut candidate = build();
        let text = date.get_untracked();
        let parsed = text.trim().parse::<Date>();
        branch_gone.set(false);
        match parsed {
            Ok(d) => {
                candidate.date = d;
                date_problem.set(None);
            }
            Err(_) => {
                // Every other problem is shown too, from the same rule the store applies.
                date_problem.set(Some(if text.trim().is_empty() { K::ErrRequired } else { K::ErrInvalidDate }));
                let roll: Vec<String> = rows.with_value(|r| r.iter().map(|r| r.id.clone()).collect());
                candidate.date = today();
                problems.set(ledger::validate_record(candidate, &roll, today()).err().unwrap_or_default());
                ctx.failure(K::ErrFixFields.text(locale).to_string());
                focus_first_problem();
                return;
            }
        }
        saving.run((candidate, pending.with_value(|p| p.clone()), removed.get_untracked()));
    };

    let confirm_open = RwSignal::new(false);
    let delete_body = {
        let topic = start.topic.clone();
        let day = start.date.to_string();
        let count = files.len();
        Signal::derive(move || fill(ctx.t(K::LgDeleteBody), &[&topic, &day, &count.to_string()]))
    };
    let deleting = Write::new({
        let back = back.clone();
        move |id: String, locale| {
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
        }
    });
    let on_delete = {
        let id = start.id.clone();
        Callback::new(move |_: ()| deleting.run(id.clone()))
    };

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
            (rows.iter().filter(|r| r.present.get()).count(), rows.iter().filter(|r| !r.present.get() && r.absent.get()).count())
        });
        let rate = ledger::attendance_share(present, absent);
        fill(ctx.t(K::LgPresentCount), &[&present.to_string(), &absent.to_string(), &percent(rate)])
    };
    let attendance_error = field_error(LedgerField::Attendees);
    let attachments_error = field_error(LedgerField::Attachments);
    let title = if is_new { K::LgNewRecordTitle } else { K::LgEditRecordTitle };
    let accept = ledger::ATTACHMENT_TYPES.join(",");
    let has_roll = rows.with_value(|r| !r.is_empty());
    let may_edit = ctx.session.with_untracked(|s| s.may(Action::EditLedger(&branch.id)));
    let archived = branch.archived;

    view! {
        <section class="page" data-testid="ledger-record">
            <div class="page-head">
                <h1>{tr(title)}<span class="subtitle">{branch.name.clone()}</span></h1>
                <A href=back.clone() attr:class="btn">{tr(K::NavLedger)}</A>
            </div>
            {move || (archived || branch_gone.get()).then(|| view! { <p class="notice notice-error" role="alert">{tr(K::LgBranchUnavailable)}</p> })}
            {(!may_edit).then(|| view! { <NotPermitted message=K::RoleNeedOwnBranch /> })}
            <form class="page" on:submit=save novalidate=true data-testid="ledger-form">
                <section class="card">
                    <div class="form-grid">
                        <FormField label=K::LgDate id="ledger-date" error=field_error(LedgerField::Date) required=true>
                            <input id="ledger-date" type="date" bind:value=date aria-describedby="ledger-date-error" max=today().to_string() />
                        </FormField>
                        <FormField label=K::LgKind id="ledger-kind">
                            <select id="ledger-kind" on:change=move |ev| {
                                if let Some(k) = MeetingKind::from_code(&event_target_value(&ev)) {
                                    kind.set(k);
                                }
                            }>
                                {MeetingKind::ALL
                                    .into_iter()
                                    .map(|k| view! { <option value=k.code() selected=move || kind.get() == k>{tr(text::meeting_kind(k))}</option> })
                                    .collect_view()}
                            </select>
                        </FormField>
                    </div>
                    <FormField label=K::LgTopic id="ledger-topic" error=field_error(LedgerField::Topic) required=true>
                        <input id="ledger-topic" type="text" bind:value=topic aria-describedby="ledger-topic-error" maxlength=MAX_TOPIC_CHARS.to_string() autocomplete="off" />
                    </FormField>
                    <div class="form-grid">
                        <FormField label=K::LgPlace id="ledger-place" error=field_error(LedgerField::Place)>
                            <input id="ledger-place" type="text" bind:value=place aria-describedby="ledger-place-error" maxlength=MAX_SHORT_TEXT_CHARS.to_string() />
                        </FormField>
                        <FormField label=K::LgHost id="ledger-host" error=field_error(LedgerField::Host)>
                            <input id="ledger-host" type="text" bind:value=host aria-describedby="ledger-host-error" maxlength=MAX_SHORT_TEXT_CHARS.to_string() />
                        </FormField>
                    </div>
                </section>

                <fieldset class="card roll" class:field-invalid=move || attendance_error.get().is_some() aria-describedby="ledger-attendance-hint ledger-attendance-error">
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
                    <p class="field-error" id="ledger-attendance-error" role="alert" aria-live="polite">{move || attendance_error.get()}</p>
                </fieldset>

                <section class="card">
                    <FormField label=K::LgMinutes id="ledger-minutes" error=field_error(LedgerField::Minutes)>
                        <textarea id="ledger-minutes" rows="8" bind:value=minutes aria-describedby="ledger-minutes-error" maxlength=MAX_MINUTES_CHARS.to_string()></textarea>
                    </FormField>
                </section>

                <section class="card" class:field-invalid=move || attachments_error.get().is_some() aria-labelledby="ledger-files-title">
                    <h2 id="ledger-files-title">{tr(K::LgAttachments)}</h2>
                    <p class="hint" id="ledger-files-hint">
                        {move || fill(ctx.t(K::LgAttachHint), &[&file_size(MAX_ATTACHMENT_BYTES), &MAX_ATTACHMENTS.to_string()])}
                    </p>
                    <label class="btn file-button">
                        "+ "{tr(K::LgChooseFiles)}
                        <input type="file" class="visually-hidden" multiple=true accept=accept on:change=on_pick
                            aria-describedby="ledger-files-hint ledger-files-error" data-testid="ledger-files" />
                    </label>
                    <p class="field-error" id="ledger-files-error" role="alert" aria-live="polite">{move || attachments_error.get()}</p>
                    <Show when=move || !file_list.with(Vec::is_empty) fallback=|| view! { <p class="hint">{tr(K::LgNoAttachments)}</p> }>
                        <ul class="file-list" data-testid="attachments">
                            <For each=move || file_list.get() key=|f| f.id.clone() let(item)>
                                <FileCard item=item.clone() on_remove=Callback::new(move |_: ()| remove_file(item.clone())) />
                            </For>
                        </ul>
                    </Show>
                </section>

                <div class="actions sticky-actions">
                    <button type="submit" class="btn btn-primary" disabled=move || saving.pending() || archived || !may_edit data-testid="ledger-save">{tr(K::Save)}</button>
                    <A href=back.clone() attr:class="btn">{tr(K::Cancel)}</A>
                    {(!is_new && may_edit).then(|| view! {
                        <button type="button" class="btn btn-danger-outline push-end" on:click=move |_| confirm_open.set(true) data-testid="ledger-delete">
                            {tr(K::LgDelete)}
                        </button>
                    })}
                </div>
            </form>
            <ConfirmDialog open=confirm_open title=K::LgDeleteTitle body=delete_body confirm_label=K::LgDelete on_confirm=on_delete />
        </section>
    }
}
