//! The app's data table: `table` plus the page's own classes, an optional hidden caption, one
//! header row, and the page's rows.

use leptos::prelude::*;

use crate::i18n::K;
use crate::ui::context::tr;

/// What a header cell says.
enum Label {
    /// A translated text.
    Key(K),
    /// A text as it is (a language's own name, a series named when the table is drawn).
    Text(String),
    /// Nothing: the corner above a column of row headers.
    Empty,
    /// The whole `<th>` as the page draws it (a sortable column, one shown only sometimes).
    Cell(AnyView),
}

/// One header cell.
pub struct Col {
    label: Label,
    class: Option<&'static str>,
    /// Named for screen readers only (an actions column).
    hidden: bool,
}

fn head(label: Label) -> Col {
    Col { label, class: None, hidden: false }
}

/// A text column.
pub fn col(label: K) -> Col {
    head(Label::Key(label))
}

/// A column of row actions, named for screen readers only.
pub fn actions(label: K) -> Col {
    Col { hidden: true, ..col(label) }
}

/// A column headed by a text that is not translated.
pub fn col_text(label: impl Into<String>) -> Col {
    head(Label::Text(label.into()))
}

/// The empty corner cell above row headers.
pub fn corner() -> Col {
    head(Label::Empty)
}

/// A header cell the page draws itself, `<th scope="col">` included; [`Col::class`] does not
/// apply to it.
pub fn head_cell(cell: impl IntoView + 'static) -> Col {
    head(Label::Cell(cell.into_any()))
}

impl Col {
    /// The same column with its own class (`num`, `no-print`, …).
    pub fn class(self, class: &'static str) -> Col {
        Col { class: Some(class), ..self }
    }
}

#[component]
pub fn Table(
    /// Classes after `table`.
    #[prop(optional)]
    class: &'static str,
    #[prop(optional)] testid: Option<&'static str>,
    /// A caption for screen readers.
    #[prop(optional, into)]
    caption: Option<Signal<String>>,
    cols: Vec<Col>,
    children: Children,
) -> impl IntoView {
    let class = if class.is_empty() { "table".to_string() } else { format!("table {class}") };
    view! {
        <table class=class data-testid=testid>
            {caption.map(|c| view! { <caption class="visually-hidden">{move || c.get()}</caption> })}
            <thead>
                <tr>
                    {cols
                        .into_iter()
                        .map(|c| {
                            let label = match c.label {
                                Label::Cell(cell) => return cell,
                                Label::Key(key) if c.hidden => view! { <span class="visually-hidden">{tr(key)}</span> }.into_any(),
                                Label::Key(key) => tr(key).into_any(),
                                Label::Text(text) => text.into_any(),
                                Label::Empty => ().into_any(),
                            };
                            view! { <th scope="col" class=c.class>{label}</th> }.into_any()
                        })
                        .collect_view()}
                </tr>
            </thead>
            <tbody>{children()}</tbody>
        </table>
    }
}
