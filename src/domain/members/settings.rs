//! The committee's settings for the members' work, kept as one JSON setting
//! ([`crate::domain::device::settings::MEMBERS`]): a missing or unreadable value falls back to its
//! default field by field, so an older database or a hand-edited backup never stops a page.

use serde::{Deserialize, Serialize};

/// Days a public notice (公示) runs by default.
pub const DEFAULT_NOTICE_DAYS: u32 = 5;
/// Longest public notice the committee may set.
pub const MAX_NOTICE_DAYS: u32 = 30;
/// A mean mutual score below this flags the member for a talk (谈心谈话), by default.
pub const DEFAULT_TALK_THRESHOLD: u32 = 60;
/// Points for one star … five stars (星级党员), by default.
pub const DEFAULT_STAR_THRESHOLDS: [u32; 5] = [20, 40, 60, 80, 100];
/// Points a member earns for attending one 三会一课 meeting or 主题党日, by default: with the
/// customary rhythm (a group meeting and a theme day a month, an assembly and a lecture a
/// quarter) a member who attends everything earns about 64 — three stars — and reaches four or
/// five with the manual items.
pub const DEFAULT_ATTENDANCE_POINTS: u32 = 2;
/// Most points per attended meeting the committee may set.
pub const MAX_ATTENDANCE_POINTS: u32 = 10;

/// The settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemberSettings {
    /// Days a public notice must run before the next stage (双公示).
    pub notice_days: u32,
    /// Mean mutual score (0–100) below which a member is flagged for a talk.
    pub talk_threshold: u32,
    /// Least points of a year for 1 … 5 stars, rising.
    pub star_thresholds: [u32; 5],
    /// Points per attended 三会一课 meeting or 主题党日 (0 … [`MAX_ATTENDANCE_POINTS`]; 0 turns
    /// the automatic points off).
    pub attendance_points: u32,
}

impl Default for MemberSettings {
    fn default() -> MemberSettings {
        MemberSettings {
            notice_days: DEFAULT_NOTICE_DAYS,
            talk_threshold: DEFAULT_TALK_THRESHOLD,
            star_thresholds: DEFAULT_STAR_THRESHOLDS,
            attendance_points: DEFAULT_ATTENDANCE_POINTS,
        }
    }
}

/// What is wrong with settings about to be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsProblem {
    /// Notice days outside 1 … [`MAX_NOTICE_DAYS`].
    NoticeDays,
    /// Talk threshold above 100.
    TalkThreshold,
    /// Star thresholds not strictly rising from at least 1.
    StarThresholds,
    /// Points per attended meeting above [`MAX_ATTENDANCE_POINTS`].
    AttendancePoints,
}

impl MemberSettings {
    /// Reads the stored value; anything unreadable or out of range gives the default for it.
    pub fn read(stored: Option<&str>) -> MemberSettings {
        let read: MemberSettings = stored.and_then(|s| serde_json::from_str(s).ok()).unwrap_or_default();
        let defaults = MemberSettings::default();
        MemberSettings {
            notice_days: if notice_days_ok(read.notice_days) { read.notice_days } else { defaults.notice_days },
            talk_threshold: if read.talk_threshold <= 100 { read.talk_threshold } else { defaults.talk_threshold },
            star_thresholds: if thresholds_ok(&read.star_thresholds) {
                read.star_thresholds
            } else {
                defaults.star_thresholds
            },
            attendance_points: if read.attendance_points <= MAX_ATTENDANCE_POINTS {
                read.attendance_points
            } else {
                defaults.attendance_points
            },
        }
    }

    /// Checks settings before they are saved (every problem at once).
    pub fn validate(self) -> Result<MemberSettings, Vec<SettingsProblem>> {
        let mut problems = Vec::new();
        if !notice_days_ok(self.notice_days) {
            problems.push(SettingsProblem::NoticeDays);
        }
        if self.talk_threshold > 100 {
            problems.push(SettingsProblem::TalkThreshold);
        }
        if !thresholds_ok(&self.star_thresholds) {
            problems.push(SettingsProblem::StarThresholds);
        }
        if self.attendance_points > MAX_ATTENDANCE_POINTS {
            problems.push(SettingsProblem::AttendancePoints);
        }
        if problems.is_empty() {
            Ok(self)
        } else {
            Err(problems)
        }
    }

    /// The JSON kept in the setting.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

fn notice_days_ok(days: u32) -> bool {
    (1..=MAX_NOTICE_DAYS).contains(&days)
}

fn thresholds_ok(thresholds: &[u32; 5]) -> bool {
    thresholds[0] >= 1 && thresholds.windows(2).all(|w| w[0] < w[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_or_out_of_range_values_fall_back_one_by_one() {
        assert_eq!(MemberSettings::read(None), MemberSettings::default());
        assert_eq!(MemberSettings::read(Some("not json")), MemberSettings::default());
        let read = MemberSettings::read(Some(
            r#"{"notice_days": 0, "talk_threshold": 70, "star_thresholds": [5, 4, 3, 2, 1]}"#,
        ));
        assert_eq!(read.notice_days, DEFAULT_NOTICE_DAYS);
        assert_eq!(read.talk_threshold, 70);
        assert_eq!(read.star_thresholds, DEFAULT_STAR_THRESHOLDS);
        let read = MemberSettings::read(Some(r#"{"notice_days": 7}"#));
        assert_eq!((read.notice_days, read.talk_threshold), (7, DEFAULT_TALK_THRESHOLD));
    }

    #[test]
    fn validation_names_every_problem() {
        let bad = MemberSettings {
            notice_days: 31,
            talk_threshold: 101,
            star_thresholds: [0, 1, 2, 3, 4],
            attendance_points: 11,
        };
        assert_eq!(
            bad.validate(),
            Err(vec![
                SettingsProblem::NoticeDays,
                SettingsProblem::TalkThreshold,
                SettingsProblem::StarThresholds,
                SettingsProblem::AttendancePoints
            ])
        );
        assert!(MemberSettings { attendance_points: 10, ..Default::default() }.validate().is_ok());
        assert_eq!(MemberSettings::read(Some(r#"{"attendance_points": 11}"#)).attendance_points, 2);
        assert_eq!(MemberSettings::read(Some(r#"{"attendance_points": 0}"#)).attendance_points, 0);
        let equal = MemberSettings { star_thresholds: [10, 20, 20, 30, 40], ..Default::default() };
        assert_eq!(equal.validate(), Err(vec![SettingsProblem::StarThresholds]));
        assert!(MemberSettings { notice_days: 1, talk_threshold: 0, ..Default::default() }.validate().is_ok());
        let json = MemberSettings::default().to_json();
        assert_eq!(MemberSettings::read(Some(&json)), MemberSettings::default());
    }
}
