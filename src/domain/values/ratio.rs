//! Exact shares: coverage rates, satisfaction rates, closure rates.

use serde::{Deserialize, Serialize};

use crate::domain::values::points::Points;

/// An exact fraction, kept as its two counts so a report can show "37 / 40" and a sum of groups
/// adds up to the total, which rounded percentages do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Ratio {
    /// Things counted.
    pub numerator: u32,
    /// Things they are counted among.
    pub denominator: u32,
}

impl Ratio {
    /// The share in percent to the hundredth, rounded half up; `None` when there is nothing to
    /// divide by — nothing counted, so no rate, rather than a rate of 0.
    pub fn percent(self) -> Option<Points> {
        Points::percent_of(Points::from_whole(self.numerator.into()), Points::from_whole(self.denominator.into()))
    }
}
