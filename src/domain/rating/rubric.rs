//! The rubric (考评体系): indicators, their maxima and the category weights of the five
//! fortress-index dimensions. A rubric is versioned — a published rating records the version it
//! was made under and is always recomputed with it — so editing one makes a new version rather
//! than changing the old.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::domain::ledger::LedgerRules;
use crate::domain::values::category::{Category, Dimension};
use crate::domain::values::points::Points;
use crate::domain::values::validation::{Problem, RecordKind, RecordRef, ValidationError};

/// The per-month bonus cap when a rubric names none: 5 points.
pub const DEFAULT_BONUS_CAP: Points = Points::from_whole(5);

/// A text in the three UI locales.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LocalizedText {
    /// Simplified Chinese, shown by default.
    pub zh_cn: String,
    /// Traditional Chinese.
    pub zh_tw: String,
    /// English.
    pub en: String,
}

impl LocalizedText {
    /// A text from its three translations.
    pub fn new(zh_cn: &str, zh_tw: &str, en: &str) -> LocalizedText {
        LocalizedText { zh_cn: zh_cn.to_string(), zh_tw: zh_tw.to_string(), en: en.to_string() }
    }

    /// The same text in every locale, for names that came without translations.
    pub fn same(text: &str) -> LocalizedText {
        LocalizedText::new(text, text, text)
    }
}

/// Basic (基础指标, common standard) or special (专项指标, by category) indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// 基础指标(通用标准)
    Basic,
    /// 专项指标(分类标准)
    Special,
}

/// Where an indicator's points come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoringSource {
    /// Entered by the reviewer.
    Manual,
    /// Derived from the branch's e-ledger records (电子台账), e.g. 三会一课 held.
    Ledger,
    /// Derived from key tasks (重点工作任务) completed on time.
    KeyTasks,
    /// The branch's dues collection rate of the month (党费收缴率): the maximum × paid ÷ due.
    Dues,
    /// The share of the branch's appraised members graded 合格 or better in its latest
    /// democratic appraisal (民主评议党员) of that year or before: the maximum × that share.
    Appraisals,
}

/// One scored item of the rubric (考核指标).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    /// Stable id, e.g. `team.leadership`; evaluations refer to it.
    pub id: String,
    /// Display name.
    pub name: LocalizedText,
    /// The dimension whose index it feeds.
    pub dimension: Dimension,
    /// Basic or special.
    pub kind: IndicatorKind,
    /// Maximum points, greater than 0.
    pub max: Points,
    /// The categories it applies to; `None` means all.
    pub categories: Option<Vec<Category>>,
    /// How it is scored.
    pub source: ScoringSource,
}

impl Indicator {
    /// Whether a branch of `category` is scored on it.
    pub fn applies_to(&self, category: Category) -> bool {
        self.categories.as_ref().is_none_or(|list| list.contains(&category))
    }
}

/// A versioned rubric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rubric {
    /// Stable id of the rubric lineage, e.g. `default`.
    pub id: String,
    /// Version within the lineage, from 1.
    pub version: u32,
    /// Most bonus points a month may add (加分 cap).
    pub bonus_cap: Points,
    /// Weights `[category][dimension]`, categories in [`Category::ALL`] order and dimensions in
    /// [`Dimension::ALL`] order; each row sums to 100.
    pub weights: [[u8; 5]; 5],
    /// The indicators, in display order.
    pub indicators: Vec<Indicator>,
    /// What the ledger-scored indicators require. Defaulted when absent, so rubrics stored before
    /// the e-ledger existed still load; the exchange format does not carry it (see
    /// [`crate::domain::files::exchange::ExchangeRubric::to_rubric`]).
    #[serde(default)]
    pub ledger: LedgerRules,
}

/// Position of a category in [`Category::ALL`], for `[T; 5]` tables.
pub(crate) fn category_index(category: Category) -> usize {
    category as usize
}

impl Rubric {
    /// The five weights of a category, in [`Dimension::ALL`] order.
    pub fn weights_for(&self, category: Category) -> [u8; 5] {
        self.weights[category_index(category)]
    }

    /// The weight of one dimension for one category.
    pub fn weight(&self, category: Category, dimension: Dimension) -> u8 {
        self.weights[category_index(category)][dimension.index()]
    }

    /// The indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// A lookup table by id, for checking many evaluations against the rubric.
    pub(crate) fn by_id(&self) -> HashMap<&str, &Indicator> {
        self.indicators.iter().map(|i| (i.id.as_str(), i)).collect()
    }

    /// The indicators a branch of `category` is scored on, in display order.
    pub fn applicable(&self, category: Category) -> impl Iterator<Item = &Indicator> {
        self.indicators.iter().filter(move |i| i.applies_to(category))
    }

    /// Sum of the maxima of the applicable indicators per dimension; 0 where none applies.
    pub fn max_per_dimension(&self, category: Category) -> [Points; 5] {
        let mut max = [Points::ZERO; 5];
        for indicator in self.applicable(category) {
            max[indicator.dimension.index()] += indicator.max;
        }
        max
    }

    /// A copy to edit, one version up: published ratings keep pointing at `self`.
    pub fn new_version(&self) -> Rubric {
        Rubric { version: self.version.saturating_add(1), ..self.clone() }
    }

    /// Checks rule 10 for the rubric: ids unique and non-empty, maxima positive, bonus cap not
    /// negative, each category's weights summing to 100, and every dimension that carries weight
    /// for a category having at least one indicator that applies to that category — otherwise
    /// its points could never be earned — plus the ledger rules' own checks (threshold a
    /// percentage, submit day 1–28). Returns every problem, not just the first.
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let record = RecordRef::Rubric(Some(self.id.clone()));
        let mut errors = Vec::new();
        if self.id.trim().is_empty() {
            errors.push(ValidationError::new(&record, "id", Problem::Empty));
        }
        if self.bonus_cap.is_negative() {
            let problem = Problem::Negative(self.bonus_cap);
            errors.push(ValidationError::new(&record, "bonus_cap", problem));
        }
        let mut seen = HashSet::new();
        for (position, indicator) in self.indicators.iter().enumerate() {
            let name = RecordRef::listed(RecordKind::Indicator, position, Some(&indicator.id));
            if indicator.id.trim().is_empty() {
                errors.push(ValidationError::new(&name, "id", Problem::Empty));
            } else if !seen.insert(indicator.id.as_str()) {
                let problem = Problem::DuplicateId(indicator.id.clone());
                errors.push(ValidationError::new(&name, "id", problem));
            }
            if indicator.max <= Points::ZERO {
                let problem = Problem::MaxNotPositive(indicator.max);
                errors.push(ValidationError::new(&name, "max", problem));
            }
        }
        for category in Category::ALL {
            let weights = self.weights_for(category);
            let field = format!("weights.{}", category.code());
            let sum: u32 = weights.iter().map(|&w| u32::from(w)).sum();
            if sum != 100 {
                errors.push(ValidationError::new(&record, &field, Problem::WeightsSum(sum)));
            }
            let mut covered = [false; 5];
            for indicator in self.applicable(category) {
                covered[indicator.dimension.index()] = true;
            }
            for dimension in Dimension::ALL {
                let weight = weights[dimension.index()];
                if weight > 0 && !covered[dimension.index()] {
                    let field = format!("{field}.{}", dimension.code());
                    let problem = Problem::NoIndicatorForDimension { weight };
                    errors.push(ValidationError::new(&record, field, problem));
                }
            }
        }
        errors.extend(self.ledger.validate(&record));
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The rubric shipped with the app (editable by the committee): 15 indicators over the five
    /// dimensions and the weights of the five categories, as the rating rules list them.
    pub fn default_rubric() -> Rubric {
        use Dimension::*;
        use IndicatorKind::*;
        use ScoringSource::*;
        let output_categories = vec![Category::Production, Category::Market, Category::NonPublic];
        /// id, dimension, kind, max, source, names (zh-CN, zh-TW, English).
        type Row = (&'static str, Dimension, IndicatorKind, i64, ScoringSource, [&'static str; 3]);
        #[rustfmt::skip]
        let table: [Row; 15] = [
            ("team.leadership", Team, Basic, 10, Manual, ["班子建设", "班子建設", "Leadership team"]),
            ("team.members", Team, Basic, 10, Manual, ["党员队伍", "黨員隊伍", "Party members"]),
            ("mgmt.setup", Management, Basic, 5, Manual, ["组织设置", "組織設置", "Organisational set-up"]),
            ("mgmt.operation", Management, Basic, 5, Manual, ["运行机制", "運行機制", "Operating mechanisms"]),
            ("mgmt.org_life", Management, Basic, 10, Ledger,
                ["组织生活（三会一课、主题党日）", "組織生活（三會一課、主題黨日）",
                 "Organisational life (three meetings and one lecture, theme Party days)"]),
            ("mgmt.support", Management, Basic, 5, Manual, ["工作保障", "工作保障", "Work support"]),
            ("perf.output", Performance, Special, 10, Manual, ["产量", "產量", "Output"]),
            ("perf.cost", Performance, Special, 10, Manual, ["成本", "成本", "Cost"]),
            ("perf.quality", Performance, Special, 10, Manual, ["质量", "品質", "Quality"]),
            ("perf.safety", Performance, Special, 10, Manual, ["安全", "安全", "Safety"]),
            ("perf.key_tasks", Performance, Basic, 10, KeyTasks, ["重点工作任务", "重點工作任務", "Key tasks"]),
            ("service.masses", Service, Basic, 10, Manual, ["服务群众", "服務群眾", "Serving the people"]),
            ("service.production", Service, Basic, 10, Manual,
                ["服务生产中心", "服務生產中心", "Serving the production centre"]),
            ("brand.building", Brand, Basic, 10, Manual, ["品牌创建", "品牌創建", "Brand building"]),
            ("brand.influence", Brand, Basic, 10, Manual, ["品牌影响", "品牌影響", "Brand influence"]),
        ];
        let indicators = table
            .into_iter()
            .map(|(id, dimension, kind, max, source, [zh_cn, zh_tw, en])| Indicator {
                id: id.to_string(),
                name: LocalizedText::new(zh_cn, zh_tw, en),
                dimension,
                kind,
                max: Points::from_whole(max),
                // Only 产量 is restricted: auxiliary and administrative branches produce nothing.
                categories: (id == "perf.output").then(|| output_categories.clone()),
                source,
            })
            .collect();
        Rubric {
            id: "default".to_string(),
            version: 1,
            bonus_cap: DEFAULT_BONUS_CAP,
            // team, management, performance, service, brand — per Category::ALL.
            weights: [
                [20, 25, 30, 15, 10],
                [20, 25, 25, 20, 10],
                [20, 30, 20, 20, 10],
                [20, 20, 35, 15, 10],
                [25, 25, 25, 15, 10],
            ],
            indicators,
            ledger: LedgerRules::default(),
        }
    }
}

/// One of the five "五有" criteria a branch needs, confirmed for the year, to be graded 5 stars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FiveHavesCriterion {
    /// Stable id.
    pub id: &'static str,
    /// Simplified Chinese name.
    pub zh_cn: &'static str,
    /// Traditional Chinese name.
    pub zh_tw: &'static str,
    /// English name.
    pub en: &'static str,
}

/// The five "五有" criteria (五有标准), in the order their flags are stored.
pub const FIVE_HAVES_CRITERIA: [FiveHavesCriterion; 5] = [
    FiveHavesCriterion {
        id: "secretary",
        zh_cn: "优秀支部书记",
        zh_tw: "優秀支部書記",
        en: "An excellent branch secretary",
    },
    FiveHavesCriterion {
        id: "members",
        zh_cn: "过硬党员队伍",
        zh_tw: "過硬黨員隊伍",
        en: "A strong body of Party members",
    },
    FiveHavesCriterion {
        id: "brand", zh_cn: "特色品牌内涵", zh_tw: "特色品牌內涵", en: "A distinctive brand"
    },
    FiveHavesCriterion { id: "venue", zh_cn: "活动阵地", zh_tw: "活動陣地", en: "A venue for activities" },
    FiveHavesCriterion {
        id: "results", zh_cn: "一流工作业绩", zh_tw: "一流工作業績", en: "First-class results"
    },
];

/// Which of the five criteria a branch has confirmed for a year, in [`FIVE_HAVES_CRITERIA`]
/// order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FiveHaves(pub [bool; 5]);

impl FiveHaves {
    /// Whether all five are met — the condition for a 5-star year.
    pub fn all_met(&self) -> bool {
        self.0.iter().all(|&met| met)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_rubric_is_valid_and_as_listed() {
        let rubric = Rubric::default_rubric();
        assert_eq!(rubric.validate(), Ok(()));
        assert_eq!(rubric.indicators.len(), 15);
        let max = rubric.max_per_dimension(Category::Production);
        assert_eq!(max.map(|p| p.hundredths() / 100), [20, 25, 50, 20, 20]);
        let max = rubric.max_per_dimension(Category::Auxiliary);
        assert_eq!(max[Dimension::Performance.index()], Points::from_whole(40));
        assert_eq!(rubric.weights_for(Category::Market), [20, 20, 35, 15, 10]);
        assert_eq!(rubric.weight(Category::NonPublic, Dimension::Team), 25);
        let org_life = rubric.indicator("mgmt.org_life").unwrap();
        assert_eq!(org_life.source, ScoringSource::Ledger);
        let key_tasks = rubric.indicator("perf.key_tasks").unwrap();
        assert_eq!(key_tasks.source, ScoringSource::KeyTasks);
        assert!(!rubric.indicator("perf.output").unwrap().applies_to(Category::Administration));
        assert_eq!(rubric.new_version().version, 2);
    }

    #[test]
    fn validation_names_record_and_field() {
        let mut rubric = Rubric::default_rubric();
        rubric.weights[1] = [20, 25, 25, 20, 11];
        rubric.indicators[3].max = Points::ZERO;
        rubric.indicators[4].id = "team.leadership".to_string();
        rubric.indicators.retain(|i| i.dimension != Dimension::Brand);
        let errors: Vec<String> = rubric.validate().unwrap_err().iter().map(ToString::to_string).collect();
        assert!(
            errors.contains(&"indicator #4 (mgmt.operation), max: maximum must be greater than 0, found 0".to_string()),
            "{errors:?}"
        );
        assert!(
            errors.contains(&"indicator #5 (team.leadership), id: duplicate id \"team.leadership\"".to_string()),
            "{errors:?}"
        );
        assert!(
            errors.contains(&"rubric default, weights.auxiliary: weights sum to 101, not 100".to_string()),
            "{errors:?}"
        );
        assert!(errors.contains(&"rubric default, weights.production.brand: weight 10 but no indicator of this dimension applies to the category".to_string()), "{errors:?}");
    }
}
