//! SVG charts as plain components: data in, markup out. No chart library: the charts we
//! need are a few dozen lines each, crisp at any size, and need no script at run time.

pub mod bars;
pub mod count_bars;
pub mod paired_bars;
pub mod paired_columns;
pub mod radar;
pub mod trend;
