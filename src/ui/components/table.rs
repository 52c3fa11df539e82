//! The app's data table: `table` plus the page's own classes, an optional hidden caption, one
//! header row, and the page's rows.

use leptos::prelude::*;

use crate::i18n::K;
use crate::ui::context::tr;

/// One header cell.
#[derive(Clone, Copy)]
pub struct Col {
    label: K,
    class: Option<&'static str>,
    /// Named for screen readers only (an actions column).
    hidden: bool,
}

/// A text column.
pub fn col(label: K) -> Col {
    Col {
        label,
        class: None,
        hidden: false,
    }
}

/// A column of row actions, named for screen readers only.
pub fn actions(label: K) -> Col {
    Col {
        hidden: true,
        ..col(label)
    }
}

impl Col {
    /// The same column with its own class (`no-print`, …).
    pub fn class(self, class: &'static str) -> Col {
        Col {
            class: Some(class),
            ..self
        }
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
    let class = if class.is_empty() {
        "table".to_string()
    } else {
        format!("table {class}")
    };
    view! {
        <table class=class data-testid=testid>
            {caption.map(|c| view! { <caption class="visually-hidden">{move || c.get()}</caption> })}
            <thead>
                <tr>
                    {cols
                        .into_iter()
                        .map(|c| {
                            let label = if c.hidden {
                                view! { <span class="visually-hidden">{tr(c.label)}</span> }.into_any()
                            } else {
                                tr(c.label).into_any()
                            };
                            view! { <th scope="col" class=c.class>{label}</th> }
                        })
                        .collect_view()}
                </tr>
            </thead>
            <tbody>{children()}</tbody>
        </table>
    }
}
