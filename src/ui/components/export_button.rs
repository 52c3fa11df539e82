//! The ".xlsx" / ".csv" button pair that saves a page's table as a spreadsheet
//! (docs/FORMAT.md §10). The page says what the table is; the domain encodes it.

use leptos::prelude::*;

use crate::domain::files::table_export::{to_csv, to_xlsx, Table};
use crate::i18n::{fill, K};
use crate::ui::context::{tr, AppContext};

/// The two spreadsheet formats offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Xlsx,
    Csv,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
        }
    }

    fn mime(self) -> &'static str {
        match self {
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Csv => "text/csv;charset=utf-8",
        }
    }
}

/// Buttons that download `table` as XLSX or CSV, named `file_stem` plus the extension. The table
/// is built only when a button is pressed, from the rows the page shows at that moment.
#[component]
pub fn ExportButtons(
    /// The table as the user sees it: filtered, sorted, in the current language.
    #[prop(into)]
    table: Signal<Table>,
    /// The file name without extension, e.g. `季度评星-2026-Q3`.
    #[prop(into)]
    file_stem: Signal<String>,
    /// What the buttons save (default: "export the table"), e.g. a template.
    #[prop(optional)]
    label: Option<K>,
    /// The test id prefix of the two buttons (default `export`: `export-xlsx`, `export-csv`).
    #[prop(optional)]
    testid: Option<&'static str>,
) -> impl IntoView {
    let label = label.unwrap_or(K::ExportTable);
    let testid = testid.unwrap_or("export");
    let ctx = AppContext::get();
    let export = move |format: Format| {
        let table = table.get_untracked();
        let name = format!("{}.{}", file_name(&file_stem.get_untracked()), format.extension());
        let bytes = match format {
            Format::Csv => Ok(to_csv(&table)),
            Format::Xlsx => to_xlsx(&table).map_err(|e| e.to_string()),
        };
        let saved = bytes.and_then(|bytes| {
            crate::ui::download::download_bytes(&name, format.mime(), &bytes).map_err(|e| format!("{e:?}"))
        });
        if let Err(reason) = saved {
            ctx.failure(fill(ctx.t(K::ExportFailed), &[&reason]));
        }
    };
    view! {
        <div class="export-buttons no-print" role="group" aria-label=move || ctx.t(label)>
            <span class="export-label" aria-hidden="true">{tr(label)}</span>
            <button type="button" class="btn" data-testid=format!("{testid}-xlsx") aria-label=move || format!("{} .xlsx", ctx.t(label)) on:click=move |_| export(Format::Xlsx)>".xlsx"</button>
            <button type="button" class="btn" data-testid=format!("{testid}-csv") aria-label=move || format!("{} .csv", ctx.t(label)) on:click=move |_| export(Format::Csv)>".csv"</button>
        </div>
    }
}

/// A file name without the characters file systems refuse.
fn file_name(stem: &str) -> String {
    stem.chars()
        .map(
            |c| {
                if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                    '-'
                } else {
                    c
                }
            },
        )
        .collect()
}
