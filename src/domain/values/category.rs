//! The two fixed vocabularies every rule is written in: branch categories and the five
//! fortress-index dimensions (堡垒指数). Their serde names are the exchange format's names.

use serde::{Deserialize, Serialize};

/// Branch category (支部分类). Weights and category-only indicators depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 生产类
    Production,
    /// 辅助类
    Auxiliary,
    /// 综合管理类
    Administration,
    /// 市场经营类
    Market,
    /// 非公改制类
    NonPublic,
}

impl Category {
    /// All categories in the order the source documents list them.
    pub const ALL: [Category; 5] =
        [Category::Production, Category::Auxiliary, Category::Administration, Category::Market, Category::NonPublic];

    /// The exchange-format name (`production`, `non_public`, …).
    pub fn code(self) -> &'static str {
        match self {
            Category::Production => "production",
            Category::Auxiliary => "auxiliary",
            Category::Administration => "administration",
            Category::Market => "market",
            Category::NonPublic => "non_public",
        }
    }

    /// Parses an exchange-format name.
    pub fn from_code(code: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// Fortress-index dimension (堡垒指数维度).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// 星级队伍
    Team,
    /// 星级管理
    Management,
    /// 星级业绩
    Performance,
    /// 星级服务
    Service,
    /// 星级品牌
    Brand,
}

impl Dimension {
    /// All dimensions in rubric order; arrays indexed by dimension use this order.
    pub const ALL: [Dimension; 5] =
        [Dimension::Team, Dimension::Management, Dimension::Performance, Dimension::Service, Dimension::Brand];

    /// Position in [`Dimension::ALL`], for `[T; 5]` tables.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The exchange-format name (`team`, `management`, …).
    pub fn code(self) -> &'static str {
        match self {
            Dimension::Team => "team",
            Dimension::Management => "management",
            Dimension::Performance => "performance",
            Dimension::Service => "service",
            Dimension::Brand => "brand",
        }
    }

    /// Parses an exchange-format name.
    pub fn from_code(code: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for c in Category::ALL {
            assert_eq!(Category::from_code(c.code()), Some(c));
            assert_eq!(serde_json::to_string(&c).unwrap(), format!("\"{}\"", c.code()));
        }
        for d in Dimension::ALL {
            assert_eq!(Dimension::from_code(d.code()), Some(d));
            assert_eq!(Dimension::ALL[d.index()], d);
        }
        assert_eq!(Category::from_code("Production"), None);
    }
}
