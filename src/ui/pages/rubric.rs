//! The rubric (考评体系) editor: weights per category, bonus cap, indicators and the e-ledger
//! rules. Saving makes a new version and leaves earlier ones untouched, so evaluations made under
//! them keep their scores.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::device::roles::Action;
use crate::domain::ledger::{Frequency, LedgerRules, MeetingKind};
use crate::domain::rating::rubric::{Indicator, IndicatorKind, LocalizedText, Rubric, ScoringSource};
use crate::domain::values::points::Points;
use crate::domain::values::validation::ValidationError;
use crate::domain::{Category, Dimension};
use crate::i18n::{fill, Locale, K};
use crate::store::ratings::{self, RubricSaveError};
use crate::ui::components::{actions, col, col_text, AsyncView, Done, NotPermitted, Table, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text;

/// One indicator row being edited; each field its own signal so typing never re-renders the
/// table (and never loses focus).
#[derive(Clone, Copy)]
struct Row {
    key: usize,
    id: RwSignal<String>,
    zh_cn: RwSignal<String>,
    zh_tw: RwSignal<String>,
    en: RwSignal<String>,
    dimension: RwSignal<Dimension>,
    kind: RwSignal<IndicatorKind>,
    source: RwSignal<ScoringSource>,
    max: RwSignal<String>,
    categories: [RwSignal<bool>; 5],
}

impl Row {
    fn new(key: usize, indicator: &Indicator) -> Row {
        Row {
            key,
            id: RwSignal::new(indicator.id.clone()),
            zh_cn: RwSignal::new(indicator.name.zh_cn.clone()),
            zh_tw: RwSignal::new(indicator.name.zh_tw.clone()),
            en: RwSignal::new(indicator.name.en.clone()),
            dimension: RwSignal::new(indicator.dimension),
            kind: RwSignal::new(indicator.kind),
            source: RwSignal::new(indicator.source),
            max: RwSignal::new(indicator.max.to_string()),
            categories: Category::ALL
                .map(|c| RwSignal::new(indicator.categories.as_ref().is_some_and(|list| list.contains(&c)))),
        }
    }

    fn build(&self, problems: &mut Vec<String>, locale: Locale) -> Indicator {
        let max = match Points::parse(self.max.get_untracked().trim()) {
            Ok(points) => points,
            Err(e) => {
                problems.push(text::located(&self.id.get_untracked(), &text::points_error(&e, locale), locale));
                Points::ZERO
            }
        };
        let chosen: Vec<Category> = Category::ALL
            .into_iter()
            .zip(self.categories)
            .filter(|(_, on)| on.get_untracked())
            .map(|(c, _)| c)
            .collect();
        Indicator {
            id: self.id.get_untracked().trim().to_string(),
            name: LocalizedText::new(
                self.zh_cn.get_untracked().trim(),
                self.zh_tw.get_untracked().trim(),
                self.en.get_untracked().trim(),
            ),
            dimension: self.dimension.get_untracked(),
            kind: self.kind.get_untracked(),
            max,
            categories: (!chosen.is_empty()).then_some(chosen),
            source: self.source.get_untracked(),
        }
    }
}

/// The page at `/settings/rubric`.
#[component]
pub fn RubricEditor() -> impl IntoView {
    let ctx = AppContext::get();
    let data = crate::ui::data::use_ratings_data();
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{tr(K::RubricTitle)}</h1>
                <A href="/settings" attr:class="btn">{tr(K::NavSettings)}</A>
            </div>
            {move || if ctx.may(Action::Configure) {
                view! {
                    <AsyncView resource=data let:data>
                        <Editor rubric=data.active_rubric() />
                    </AsyncView>
                }
                .into_any()
            } else {
                view! { <NotPermitted message=K::RoleNeedAdmin /> }.into_any()
            }}
        </section>
    }
}

#[component]
fn Editor(rubric: Rubric) -> impl IntoView {
    let ctx = AppContext::get();
    let lineage = rubric.id.clone();
    let ledger_rules = LedgerInputs::new(&rubric.ledger);
    let version = rubric.version;
    let bonus_cap = RwSignal::new(rubric.bonus_cap.to_string());
    let weights: [[RwSignal<String>; 5]; 5] = rubric.weights.map(|row| row.map(|w| RwSignal::new(w.to_string())));
    let next_key = StoredValue::new(rubric.indicators.len());
    let rows = RwSignal::new(rubric.indicators.iter().enumerate().map(|(i, ind)| Row::new(i, ind)).collect::<Vec<_>>());
    let problems = RwSignal::new(Vec::<String>::new());

    let add = move |dim: Dimension| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        let blank = Indicator {
            id: format!("{}.custom{}", dim.code(), key + 1),
            name: LocalizedText::same(""),
            dimension: dim,
            kind: IndicatorKind::Basic,
            max: Points::from_whole(10),
            categories: None,
            source: ScoringSource::Manual,
        };
        rows.update(|r| r.push(Row::new(key, &blank)));
    };

    let title = format!("{lineage} v{version}");
    let saving = Write::new(move |edited: Rubric, locale| async move {
        match ratings::save_rubric(&db(), edited).await {
            Ok(saved) => {
                problems.set(Vec::new());
                Done::Saved(fill(ctx.t(K::RubricSaved), &[&format!("{} v{}", saved.id, saved.version)]))
            }
            Err(RubricSaveError::Invalid(errors)) => {
                problems.set(errors.iter().map(|e: &ValidationError| text::validation_error(e, locale)).collect());
                Done::Failed(ctx.t(K::ErrFixFields).to_string())
            }
            Err(RubricSaveError::Store(e)) => Done::Failed(text::store_error(&e, locale)),
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let locale = ctx.locale.get_untracked();
        let mut found = Vec::new();
        let cap = Points::parse(bonus_cap.get_untracked().trim()).unwrap_or_else(|e| {
            found.push(text::located(ctx.t(K::BonusCap), &text::points_error(&e, locale), locale));
            Points::ZERO
        });
        let mut table = [[0u8; 5]; 5];
        for (c, category) in Category::ALL.into_iter().enumerate() {
            for (d, dim) in Dimension::ALL.into_iter().enumerate() {
                match weights[c][d].get_untracked().trim().parse::<u8>() {
                    Ok(w) if w <= 100 => table[c][d] = w,
                    _ => found.push(format!(
                        "{} / {}: {}",
                        ctx.t(text::category(category)),
                        ctx.t(text::dimension(dim)),
                        ctx.t(K::RpBadWeight)
                    )),
                }
            }
        }
        let indicators: Vec<Indicator> = rows.get_untracked().iter().map(|r| r.build(&mut found, locale)).collect();
        let ledger = ledger_rules.build(&mut found, locale);
        if !found.is_empty() {
            problems.set(found);
            return;
        }
        saving.run(Rubric { id: lineage.clone(), version, bonus_cap: cap, weights: table, indicators, ledger });
    };

    view! {
        <form class="page" on:submit=save novalidate=true data-testid="rubric-form">
            <p class="hint">{move || fill(ctx.t(K::RubricHint), &[&title])}</p>
            <Show when=move || !problems.get().is_empty()>
                <div class="notice notice-error import-errors" role="alert" data-testid="rubric-problems">
                    <ul>{move || problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </div>
            </Show>
            <section class="card" aria-labelledby="weights-title">
                <h2 id="weights-title">{tr(K::WeightsTitle)}</h2>
                <div class="table-wrap" tabindex="0">
                    <Table
                        class="weights"
                        cols=std::iter::once(col(K::Category))
                            .chain(Dimension::ALL.into_iter().map(|d| col(text::dimension(d)).class("num")))
                            .chain([col(K::Total).class("num")])
                            .collect()
                    >
                            {Category::ALL.into_iter().enumerate().map(|(c, category)| {
                                let row = weights[c];
                                let total = move || row.iter().map(|w| w.get().trim().parse::<u32>().unwrap_or(0)).sum::<u32>();
                                view! {
                                    <tr>
                                        <th scope="row">{tr(text::category(category))}</th>
                                        {Dimension::ALL.into_iter().enumerate().map(|(d, dim)| {
                                            let label = move || format!("{} · {}", ctx.t(text::category(category)), ctx.t(text::dimension(dim)));
                                            view! { <td class="num"><input type="text" inputmode="numeric" class="cell" aria-label=label bind:value=row[d] /></td> }
                                        }).collect_view()}
                                        <td class="num" class:sum-bad=move || total() != 100>{total}</td>
                                    </tr>
                                }
                            }).collect_view()}
                    </Table>
                </div>
                <div class="field narrow">
                    <label for="bonus-cap">{tr(K::BonusCap)}</label>
                    <input id="bonus-cap" type="text" inputmode="decimal" bind:value=bonus_cap />
                </div>
            </section>
            {Dimension::ALL.into_iter().map(|dim| {
                let of_dimension = move || rows.get().into_iter().filter(move |r| r.dimension.get_untracked() == dim).collect::<Vec<_>>();
                view! {
                <section class="card" aria-labelledby=format!("dim-{}", dim.code())>
                    <div class="page-head">
                        <h2 id=format!("dim-{}", dim.code())>{tr(text::dimension(dim))}</h2>
                        <button type="button" class="btn btn-small" on:click=move |_| add(dim)>"+ "{tr(K::AddIndicator)}</button>
                    </div>
                    <div class="table-wrap" tabindex="0">
                        <Table
                            class="indicators"
                            cols=vec![
                                col(K::IndicatorId),
                                col_text("简体中文"),
                                col_text("繁體中文"),
                                col_text("English"),
                                col(K::MaxPoints),
                                col(K::IndicatorKindLabel),
                                col(K::ScoringSourceLabel),
                                col(K::AppliesTo),
                                actions(K::Actions),
                            ]
                        >
                            <For each=of_dimension key=|r| r.key let(row)>
                                <IndicatorRow row rows />
                            </For>
                        </Table>
                    </div>
                </section>
            }}).collect_view()}
            <LedgerRulesSection inputs=ledger_rules />
            <div class="actions sticky-actions">
                <button type="submit" class="btn btn-primary" data-testid="save-rubric">{tr(K::SaveRubric)}</button>
            </div>
        </form>
    }
}

#[component]
fn IndicatorRow(row: Row, rows: RwSignal<Vec<Row>>) -> impl IntoView {
    let ctx = AppContext::get();
    let label = move |key: K| move || format!("{} · {}", row.id.get(), ctx.t(key));
    view! {
        <tr>
            <td><input type="text" class="cell cell-id" aria-label=label(K::IndicatorId) bind:value=row.id /></td>
            <td><input type="text" class="cell" lang="zh-CN" aria-label=move || format!("{} · 简体中文", row.id.get()) bind:value=row.zh_cn /></td>
            <td><input type="text" class="cell" lang="zh-TW" aria-label=move || format!("{} · 繁體中文", row.id.get()) bind:value=row.zh_tw /></td>
            <td><input type="text" class="cell" lang="en" aria-label=move || format!("{} · English", row.id.get()) bind:value=row.en /></td>
            <td><input type="text" class="cell cell-num" inputmode="decimal" aria-label=label(K::MaxPoints) bind:value=row.max /></td>
            <td>
                <select class="cell" aria-label=label(K::IndicatorKindLabel) on:change=move |ev| row.kind.set(if event_target_value(&ev) == "special" { IndicatorKind::Special } else { IndicatorKind::Basic })>
                    <option value="basic" selected=move || row.kind.get() == IndicatorKind::Basic>{tr(K::KindBasic)}</option>
                    <option value="special" selected=move || row.kind.get() == IndicatorKind::Special>{tr(K::KindSpecial)}</option>
                </select>
            </td>
            <td>
                <select class="cell" aria-label=label(K::ScoringSourceLabel) on:change=move |ev| row.source.set(match event_target_value(&ev).as_str() {
                    "ledger" => ScoringSource::Ledger,
                    "key_tasks" => ScoringSource::KeyTasks,
                    "dues" => ScoringSource::Dues,
                    "appraisals" => ScoringSource::Appraisals,
                    _ => ScoringSource::Manual,
                })>
                    <option value="manual" selected=move || row.source.get() == ScoringSource::Manual>{tr(K::SourceManual)}</option>
                    <option value="ledger" selected=move || row.source.get() == ScoringSource::Ledger>{tr(K::SourceLedger)}</option>
                    <option value="key_tasks" selected=move || row.source.get() == ScoringSource::KeyTasks>{tr(K::SourceKeyTasks)}</option>
                    <option value="dues" selected=move || row.source.get() == ScoringSource::Dues>{tr(K::SourceDues)}</option>
                    <option value="appraisals" selected=move || row.source.get() == ScoringSource::Appraisals>{tr(K::SourceAppraisals)}</option>
                </select>
            </td>
            <td>
                <fieldset class="cats">
                    <legend class="visually-hidden">{label(K::AppliesTo)}</legend>
                    {Category::ALL.into_iter().zip(row.categories).map(|(c, on)| view! {
                        <label class="check check-small"><input type="checkbox" bind:checked=on />{tr(text::category(c))}</label>
                    }).collect_view()}
                </fieldset>
            </td>
            <td>
                <button type="button" class="btn btn-small btn-danger-outline" on:click=move |_| rows.update(|r| r.retain(|x| x.key != row.key))>
                    {tr(K::Remove)}
                </button>
            </td>
        </tr>
    }
}

/// The e-ledger rules being edited: a frequency (or none) per activity, the attendance threshold
/// and the submit day, each its own signal.
#[derive(Clone, Copy)]
struct LedgerInputs {
    frequencies: [RwSignal<Option<Frequency>>; 7],
    threshold: RwSignal<String>,
    submit_day: RwSignal<String>,
}

impl LedgerInputs {
    fn new(rules: &LedgerRules) -> LedgerInputs {
        LedgerInputs {
            frequencies: MeetingKind::ALL.map(|k| RwSignal::new(rules.frequency(k))),
            threshold: RwSignal::new(rules.attendance_threshold_percent.to_string()),
            submit_day: RwSignal::new(rules.submit_day.to_string()),
        }
    }

    /// The rules as entered; a number that cannot be read is named in `problems`. Ranges are
    /// checked by the domain ([`LedgerRules::validate`]) when the rubric is saved.
    fn build(&self, problems: &mut Vec<String>, locale: Locale) -> LedgerRules {
        let mut number = |signal: RwSignal<String>, label: K, low: &str, high: &str| {
            signal.get_untracked().trim().parse::<u8>().unwrap_or_else(|_| {
                problems.push(fill(K::LgErrWholeNumber.text(locale), &[label.text(locale), low, high]));
                0
            })
        };
        let attendance_threshold_percent = number(self.threshold, K::LgThreshold, "0", "100");
        let submit_day = number(self.submit_day, K::LgSubmitDay, "1", "28");
        LedgerRules {
            frequencies: MeetingKind::ALL
                .into_iter()
                .zip(self.frequencies)
                .filter_map(|(kind, f)| Some((kind, f.get_untracked()?)))
                .collect(),
            attendance_threshold_percent,
            submit_day,
        }
    }
}

#[component]
fn LedgerRulesSection(inputs: LedgerInputs) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="ledger-rules-title" data-testid="ledger-rules">
            <h2 id="ledger-rules-title">{tr(K::LgRulesTitle)}</h2>
            <p class="hint">{tr(K::LgRulesHint)}</p>
            <div class="table-wrap ledger-rules" tabindex="0">
                <Table class="table-compact" cols=vec![col(K::LgKind), col(K::LgFrequencyColumn)]>
                        {MeetingKind::ALL.into_iter().zip(inputs.frequencies).map(|(kind, frequency)| {
                            let id = format!("ledger-frequency-{}", kind.code());
                            view! {
                                <tr>
                                    <th scope="row"><label for=id.clone()>{tr(text::meeting_kind(kind))}</label></th>
                                    <td>
                                        <select id=id class="cell" on:change=move |ev| frequency.set(Frequency::from_code(&event_target_value(&ev)))>
                                            <option value="" selected=move || frequency.get().is_none()>{tr(K::LgFreqNone)}</option>
                                            {Frequency::ALL.into_iter().map(|f| view! {
                                                <option value=f.code() selected=move || frequency.get() == Some(f)>{tr(text::frequency(f))}</option>
                                            }).collect_view()}
                                        </select>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                </Table>
            </div>
            <div class="form-grid">
                <div class="field narrow">
                    <label for="ledger-threshold">{tr(K::LgThreshold)}</label>
                    <input id="ledger-threshold" type="text" inputmode="numeric" bind:value=inputs.threshold />
                </div>
                <div class="field narrow">
                    <label for="ledger-submit-day">{tr(K::LgSubmitDay)}</label>
                    <input id="ledger-submit-day" type="text" inputmode="numeric" bind:value=inputs.submit_day />
                </div>
            </div>
        </section>
    }
}
