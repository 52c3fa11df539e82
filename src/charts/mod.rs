//! SVG charts as plain components: data in, markup out. No chart library: the two charts we
//! need are a few dozen lines each, crisp at any size, and need no script at run time.

pub mod radar;
pub mod trend;
