//! `/instructors/year/:instructor[?year=2026]`: one instructor's year-end review — the 述职
//! text, the unit leadership's comment and grade, and the satisfaction survey (`survey`) with its
//! live tally and the result by the committee's rule. Every save writes the whole review through
//! `save_review`; a refused one writes nothing and shows the domain's problems where they belong.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::super::InstructorsTabs;
use super::survey::Survey;
use super::year_name;
use crate::domain::device::roles::Action;
use crate::domain::instructors::instructor::Instructor;
use crate::domain::instructors::review::{review_or_new, Grade, Response, ResponseDraft, YearEndReview};
use crate::domain::instructors::summary::year_summary;
use crate::domain::instructors::Field;
use crate::domain::values::date::Date;
use crate::domain::values::period::Year;
use crate::i18n::{fill, K};
use crate::store::instructors::{self as instructor_store, InstructorData, InstructorError};
use crate::store::{self};
use crate::ui::components::{AsyncView, Done, EmptyState, FormField, NotPermitted, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text::instructors::{self as text, default_questions};

/// One instructor's review for a year.
#[component]
pub fn InstructorReview() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let today = store::today();
    let this_year = store::this_month().year();
    let key = Memo::new(move |_| {
        let id = params.with(|p| p.get("instructor")).unwrap_or_default();
        let year = query.with(|q| q.get("year").and_then(|y| y.parse().ok()).and_then(Year::new)).unwrap_or(this_year);
        (id, year)
    });
    // Not `use_instructor_data`, which refetches after every write: re-rendering would throw away
    // what is being typed and the focus after each survey form saved. This page's own saves keep
    // its state in step (each returns the review as stored); another instructor or year reads
    // afresh.
    let data = LocalResource::new(move || {
        key.track();
        async move { instructor_store::load(&db()).await }
    });
    view! {
        <section class="page review-page">
            <InstructorsTabs />
            <AsyncView resource=data let:data>
                {
                    let (id, year) = key.get_untracked();
                    match data.instructor(&id).cloned() {
                        Some(person) => view! { <ReviewForm data person year today /> }.into_any(),
                        None => view! {
                            <EmptyState message=K::InErrUnknownInstructor>
                                <A href=format!("/instructors/year?year={year}")>{tr(K::InYBack)}</A>
                            </EmptyState>
                        }
                        .into_any(),
                    }
                }
            </AsyncView>
        </section>
    }
}

/// The review as the page holds it: one signal per part the user changes, the questions fixed
/// (a review keeps the questions it was answered against), and the survey form being filled in.
#[derive(Clone, Copy)]
pub(super) struct Draft {
    instructor: StoredValue<String>,
    year: Year,
    /// The survey's questions.
    pub questions: StoredValue<Vec<String>>,
    report_text: RwSignal<String>,
    leader_comment: RwSignal<String>,
    /// The leadership's grade, as picked (unsaved picks count in the live result).
    pub leader_grade: RwSignal<Option<Grade>>,
    /// The forms saved.
    pub responses: RwSignal<Vec<Response>>,
    /// The form being filled in.
    pub entry: RwSignal<ResponseDraft>,
    /// Whether to mark the questions of the entry form left unanswered (after a refused add).
    pub show_unanswered: RwSignal<bool>,
    /// The entry form's first choice, focused again after a form is added.
    pub first_choice: NodeRef<leptos::html::Input>,
}

impl Draft {
    fn new(review: &YearEndReview) -> Draft {
        Draft {
            instructor: StoredValue::new(review.instructor.clone()),
            year: review.year,
            questions: StoredValue::new(review.questions.clone()),
            report_text: RwSignal::new(review.report_text.clone()),
            leader_comment: RwSignal::new(review.leader_comment.clone()),
            leader_grade: RwSignal::new(review.leader_grade),
            responses: RwSignal::new(review.responses.clone()),
            entry: RwSignal::new(ResponseDraft::new(review.questions.len())),
            show_unanswered: RwSignal::new(false),
            first_choice: NodeRef::new(),
        }
    }

    /// The review to save: what the form holds, with these responses.
    pub fn review(&self, responses: Vec<Response>) -> YearEndReview {
        YearEndReview {
            instructor: self.instructor.get_value(),
            year: self.year,
            report_text: self.report_text.get_untracked(),
            leader_comment: self.leader_comment.get_untracked(),
            leader_grade: self.leader_grade.get_untracked(),
            questions: self.questions.get_value(),
            responses,
        }
    }

    /// The review the live tally and result read (tracks the grade and the forms).
    pub fn tracked(&self) -> YearEndReview {
        YearEndReview { leader_grade: self.leader_grade.get(), ..self.review(self.responses.get()) }
    }

    /// Takes over the review as stored (texts trimmed by the save).
    fn accept(&self, saved: &YearEndReview) {
        self.report_text.set(saved.report_text.clone());
        self.leader_comment.set(saved.leader_comment.clone());
        self.leader_grade.set(saved.leader_grade);
        self.responses.set(saved.responses.clone());
    }
}

/// What a save was for, to word its notice and tidy up after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Change {
    /// The 述职, comment or grade.
    Texts,
    /// A survey form added.
    Added,
    /// The survey form with this number (from 1) deleted.
    Deleted(usize),
}

/// The fields shown inline on this page; problems of any other go into the notice.
const SHOWN: [Field; 3] = [Field::ReportText, Field::LeaderComment, Field::Responses];

#[component]
fn ReviewForm(data: InstructorData, person: Instructor, year: Year, today: Date) -> impl IntoView {
    let ctx = AppContext::get();
    let stored = RwSignal::new(data.reviews.iter().any(|r| r.instructor == person.id && r.year == year));
    let review = review_or_new(&data.reviews, &person.id, year, data.settings.questions.as_deref(), || {
        default_questions(ctx.locale.get_untracked())
    });
    let s = &data.settings;
    let figures = year_summary(
        year,
        &data.instructors,
        &data.assignments,
        &data.reports,
        &data.reviews,
        s.rule,
        s.report_due_day,
        today,
    )
    .into_iter()
    .find(|r| r.instructor == person.id);
    let (filed, owed, late) = figures.map_or((0, 0, 0), |r| (r.filed, r.owed, r.late));
    let rule = s.rule;
    let draft = Draft::new(&review);
    let error = RwSignal::new(None::<InstructorError>);
    let name = StoredValue::new(person.name.clone());
    let may_edit = Signal::derive(move || ctx.may(Action::EditUnits));

    let saving = Write::new(move |(review, change): (YearEndReview, Change), locale| async move {
        let questions = review.questions.len();
        match instructor_store::save_review(&db(), review, store::today()).await {
            Ok(saved) => {
                error.set(None);
                stored.set(true);
                draft.accept(&saved);
                let text = match change {
                    Change::Texts => fill(K::InYSaved.text(locale), &[&name.get_value()]),
                    Change::Added => {
                        draft.entry.set(ResponseDraft::new(questions));
                        draft.show_unanswered.set(false);
                        // Ready for the next paper form, without reaching for the mouse.
                        if let Some(first) = draft.first_choice.get_untracked() {
                            let _ = first.focus();
                        }
                        fill(K::InYFormAdded.text(locale), &[&saved.responses.len().to_string()])
                    }
                    Change::Deleted(n) => fill(K::InYFormDeleted.text(locale), &[&n.to_string()]),
                };
                Done::Saved(text)
            }
            Err(e) => {
                let message = text::error(&e, &SHOWN, &|_| name.get_value(), locale);
                draft.show_unanswered.set(change == Change::Added);
                error.set(Some(e));
                Done::Failed(message)
            }
        }
    });
    let field_error = move |field: Field| {
        Signal::derive(move || text::field_error(&error.get(), field, &|_| name.get_value(), ctx.locale.get()))
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saving.run((draft.review(draft.responses.get_untracked()), Change::Texts));
    };
    let grade_choice = move |choice: Option<Grade>| {
        let label = choice.map_or(K::InYNoGrade, text::grade);
        let code = choice.map_or("none", Grade::code);
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name="leader-grade"
                    value=code
                    prop:checked=move || draft.leader_grade.get() == choice
                    on:change=move |_| draft.leader_grade.set(choice)
                />
                {tr(label)}
            </label>
        }
    };
    let back = format!("/instructors/year?year={year}");
    view! {
        <div class="page-head">
            <h1>
                {tr(K::InYNav)}
                <span class="subtitle" data-testid="review-subtitle">
                    {person.name.clone()}" · "{move || year_name(year, ctx.locale.get())}
                </span>
            </h1>
            <A href=back attr:class="btn">{tr(K::InYBack)}</A>
        </div>
        <p data-testid="review-figures">
            {move || fill(ctx.t(K::InYYearFigures), &[&filed.to_string(), &owed.to_string(), &late.to_string()])}
        </p>
        <Show when=move || !may_edit.get()>
            <NotPermitted message=K::RoleNeedAdmin />
        </Show>
        <Show when=move || !stored.get()>
            <p class="hint" data-testid="review-not-saved">{tr(K::InYNotSaved)}</p>
        </Show>
        <form class="card form" on:submit=on_submit novalidate=true data-testid="review-form">
            <h2>{tr(K::InYSectionReport)}</h2>
            <FormField label=K::InFReportText id="review-report" error=field_error(Field::ReportText)>
                <textarea id="review-report" rows="6" bind:value=draft.report_text aria-describedby="review-report-error"></textarea>
            </FormField>
            <FormField label=K::InFLeaderComment id="review-comment" error=field_error(Field::LeaderComment)>
                <textarea id="review-comment" rows="3" bind:value=draft.leader_comment aria-describedby="review-comment-error"></textarea>
            </FormField>
            <fieldset class="choice-group" data-testid="leader-grade">
                <legend>{tr(K::InFLeaderGrade)}</legend>
                <div class="choice-row">
                    {Grade::ALL.into_iter().map(|g| grade_choice(Some(g))).collect_view()}
                    {grade_choice(None)}
                </div>
            </fieldset>
            <div class="actions">
                <button type="submit" class="btn btn-primary" disabled=move || saving.pending() || !may_edit.get() data-testid="review-save">
                    {tr(K::InYSave)}
                </button>
            </div>
        </form>
        <Survey draft saving error name rule filed owed may_edit />
    }
}
