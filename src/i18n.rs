//! Every user-visible string, in zh-CN (default), zh-TW and English.
//!
//! A small typed table rather than a runtime catalogue: each key is an enum variant and the
//! macro demands all three translations, so a missing string is a compile error, lookups are
//! a `match`, and nothing is parsed at start-up. Placeholders are `{0}`, `{1}` … filled by
//! [`fill`]. The table is pure data, so the domain's error values can be turned into text
//! here without the domain knowing about languages.

use serde::{Deserialize, Serialize};

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Locale {
    /// 简体中文 — the default.
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// 繁體中文
    #[serde(rename = "zh-TW")]
    ZhTw,
    /// English
    #[serde(rename = "en")]
    En,
}

impl Locale {
    /// All locales in the order the language switch shows them.
    pub const ALL: [Locale; 3] = [Locale::ZhCn, Locale::ZhTw, Locale::En];

    /// BCP 47 tag, used for `<html lang>` and persistence.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::ZhTw => "zh-TW",
            Locale::En => "en",
        }
    }

    /// Parses [`Locale::tag`].
    pub fn from_tag(tag: &str) -> Option<Locale> {
        Locale::ALL.into_iter().find(|l| l.tag() == tag)
    }

    /// The language's own name, for the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::ZhCn => "简体中文",
            Locale::ZhTw => "繁體中文",
            Locale::En => "English",
        }
    }
}

/// Replaces `{0}`, `{1}` … in a translated template with the given arguments.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = template.to_string();
    for (i, arg) in args.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), arg);
    }
    out
}

macro_rules! strings {
    ($( $key:ident => $zh_cn:literal, $zh_tw:literal, $en:literal; )*) => {
        /// Key of a user-visible string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(missing_docs)]
        pub enum K { $($key),* }

        impl K {
            /// Every key, for the completeness test.
            pub const ALL: &'static [K] = &[$(K::$key),*];

            /// The string in a locale.
            pub fn text(self, locale: Locale) -> &'static str {
                match (self, locale) {
                    $(
                        (K::$key, Locale::ZhCn) => $zh_cn,
                        (K::$key, Locale::ZhTw) => $zh_tw,
                        (K::$key, Locale::En) => $en,
                    )*
                }
            }
        }
    };
}

include!("i18n_strings.rs");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_is_non_empty_in_every_locale() {
        for key in K::ALL {
            for locale in Locale::ALL {
                assert!(!key.text(locale).trim().is_empty(), "{key:?} in {locale:?}");
            }
        }
    }

    #[test]
    fn placeholders_agree_across_locales() {
        let holes = |s: &str| (0..5).filter(|i| s.contains(&format!("{{{i}}}"))).count();
        for key in K::ALL {
            let n = holes(key.text(Locale::ZhCn));
            for locale in Locale::ALL {
                assert_eq!(holes(key.text(locale)), n, "{key:?} in {locale:?}");
            }
        }
    }

    #[test]
    fn fill_replaces_numbered_holes() {
        assert_eq!(fill("{0} 超过 {1}", &["12", "10"]), "12 超过 10");
    }
}
