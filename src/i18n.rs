//! Every user-visible string, in zh-CN (default), zh-TW and English.
//!
//! A small typed table rather than a runtime catalogue: each key is an enum variant and the
//! macro demands all three translations, so a missing string is a compile error, lookups are
//! a `match`, and nothing is parsed at start-up. Placeholders are `{0}`, `{1}` … filled by
//! [`fill`]. The table is pure data, so the domain's error values can be turned into text
//! here without the domain knowing about languages.

use serde::{Deserialize, Serialize};

pub mod words;

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

    fn is_cjk(c: char) -> bool {
        ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c) || "“”「」".contains(c)
    }

    /// Chinese text takes full-width punctuation; numbers, codes and example input between
    /// half-width neighbours keep theirs ("10,000,000", "2026-11-03, 2026-11-18", "{0}:{1}").
    #[test]
    fn chinese_text_takes_full_width_punctuation() {
        let mut found = Vec::new();
        for key in K::ALL {
            for locale in [Locale::ZhCn, Locale::ZhTw] {
                let text: Vec<char> = key.text(locale).chars().collect();
                for (i, c) in text.iter().enumerate() {
                    if !",:;?!()".contains(*c) {
                        continue;
                    }
                    let before = text[..i].iter().rev().find(|c| **c != ' ');
                    let after = text[i + 1..].iter().find(|c| **c != ' ');
                    if before.is_some_and(|c| is_cjk(*c)) || after.is_some_and(|c| is_cjk(*c)) {
                        found.push(format!("{key:?} in {locale:?}: {}", key.text(locale)));
                        break;
                    }
                }
            }
        }
        assert!(found.is_empty(), "half-width punctuation beside Chinese:\n{}", found.join("\n"));
    }

    #[test]
    fn english_text_has_no_chinese_punctuation() {
        for key in K::ALL {
            let text = key.text(Locale::En);
            assert!(!text.contains(|c| "，：；？！（）、。「」".contains(c)), "{key:?}: {text}");
        }
    }

    /// zh-TW says what Taiwan says: 資料 not 數據, 品質 not 質量, 點選 not 點擊, and so on.
    #[test]
    fn traditional_chinese_uses_taiwan_words() {
        let mainland = [
            "數據", "質量", "點擊", "信息", "默認", "視頻", "軟件", "網絡", "用戶", "打印", "刷新", "登錄", "設置",
            "屏幕",
        ];
        for key in K::ALL {
            let text = key.text(Locale::ZhTw);
            for word in mainland {
                assert!(!text.contains(word), "{key:?} says {word}: {text}");
            }
        }
    }

    #[test]
    fn fill_replaces_numbered_holes() {
        assert_eq!(fill("{0} 超过 {1}", &["12", "10"]), "12 超过 10");
    }
}
