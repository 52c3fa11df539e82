//! The domain's values and problems in words that need no browser: branch categories,
//! dimensions, points that cannot be read and the rating engine's located validation errors.
//! They live beside the string table rather than in `ui::text` (which re-exports them) so that
//! native `cargo test` renders every error path in every language (tests/localisation.rs).

use crate::domain::{Category, Dimension};
use crate::i18n::{fill, Locale, K};

/// Key of a branch category's name.
pub fn category(category: Category) -> K {
    match category {
        Category::Production => K::CatProduction,
        Category::Auxiliary => K::CatAuxiliary,
        Category::Administration => K::CatAdministration,
        Category::Market => K::CatMarket,
        Category::NonPublic => K::CatNonPublic,
    }
}

/// The sentence for a rating-engine validation problem (import of an exchange document).
pub fn rating_problem(problem: &crate::domain::values::validation::Problem, locale: Locale) -> String {
    use crate::domain::values::validation::Problem as P;
    let with = |key: K, args: &[&str]| fill(key.text(locale), args);
    match problem {
        P::Json(detail) => with(K::RpJson, &[detail]),
        P::Malformed(detail) => with(K::RpMalformed, &[detail]),
        P::Missing => with(K::RpMissing, &[]),
        P::Empty => with(K::RpEmpty, &[]),
        P::WrongFormat(found) => with(K::RpWrongFormat, &[found]),
        P::UnsupportedVersion(found) => with(K::RpUnsupportedVersion, &[found]),
        P::BadPoints(detail) => points_error(detail, locale),
        P::UnknownCategory(found) => with(K::RpUnknownCategory, &[found]),
        P::UnknownDimension(found) => with(K::RpUnknownDimension, &[found]),
        P::UnknownStatus(found) => with(K::RpUnknownStatus, &[found]),
        P::BadPeriod(found, kind) => with(K::RpBadPeriod, &[found, kind]),
        P::WeightsSum(sum) => with(K::RpWeightsSum, &[&sum.to_string()]),
        P::BadWeight => with(K::RpBadWeight, &[]),
        P::NoIndicatorForDimension { weight } => with(K::RpNoIndicator, &[&weight.to_string()]),
        P::MaxNotPositive(found) => with(K::RpMaxNotPositive, &[&found.to_string()]),
        P::Negative(found) => with(K::RpNegative, &[&found.to_string()]),
        P::DuplicateId(id) => with(K::RpDuplicateId, &[id]),
        P::DuplicateEvaluation(first) => with(K::RpDuplicateEvaluation, &[&first.to_string()]),
        P::UnknownBranch(id) => with(K::RpUnknownBranch, &[id]),
        P::UnknownIndicator(id) => with(K::RpUnknownIndicator, &[id]),
        P::AboveMax { points, max } => with(K::RpAboveMax, &[&points.to_string(), &max.to_string()]),
        P::BelowZero(points) => with(K::RpBelowZero, &[&points.to_string()]),
        P::NotScored => with(K::RpNotScored, &[]),
        P::BeforeFounded { month, founded } => with(K::RpBeforeFounded, &[month, founded]),
        P::BadFiveHaves => with(K::RpBadFiveHaves, &[]),
    }
}

/// The sentence for a number of points that cannot be read.
pub fn points_error(error: &crate::domain::values::points::PointsError, locale: Locale) -> String {
    use crate::domain::values::points::PointsError as E;
    match error {
        E::NotANumber(text) | E::Text(text) => fill(K::PeNotANumber.text(locale), &[text]),
        E::TooManyDecimals(text) => fill(K::PeTooManyDecimals.text(locale), &[text]),
        E::OutOfRange(text) => fill(K::PeOutOfRange.text(locale), &[text]),
        E::NotFinite => K::PeNotFinite.text(locale).to_string(),
    }
}

/// Key of a dimension's name.
pub fn dimension(dimension: Dimension) -> K {
    match dimension {
        Dimension::Team => K::DimTeam,
        Dimension::Management => K::DimManagement,
        Dimension::Performance => K::DimPerformance,
        Dimension::Service => K::DimService,
        Dimension::Brand => K::DimBrand,
    }
}

/// "place: message" with the language's own colon (full-width in Chinese).
pub fn located(place: &str, message: &str, locale: Locale) -> String {
    format!("{place}{}{message}", K::ColonSep.text(locale))
}

/// Items of a list in running text, with the language's own separator (、 in Chinese).
pub fn join_list<S: AsRef<str>>(items: &[S], locale: Locale) -> String {
    items.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(K::ListSep.text(locale))
}
