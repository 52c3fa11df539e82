//! The kiosk display (大屏展示): which screens rotate and how fast, the rotation step, and what a
//! screen may show about a branch.
//!
//! A kiosk hangs in a corridor, so it shows only what may be public: a branch's name, its
//! secretary's name and its results. [`PublicBranch`] and [`RankedBranch`] are the only shapes
//! the screens receive; they have no field for members, so a member's name cannot reach the wall
//! by mistake. The coverage screen likewise receives [`PublicCoverage`]: area names and counts,
//! no unit and no person.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::ledger::LedgerRecord;
use crate::domain::org::{Org, OrgKind};
use crate::domain::rating::compare::{compare, Comparison};
use crate::domain::rating::dataset::RatingsData;
use crate::domain::rating::engine::RatingRow;
use crate::domain::requests::{self, Request};
use crate::domain::review::quarter::{commendations, star_distribution, CommendRule, QuarterReview, ReviewedRow};
use crate::domain::units::coverage::{self, Coverage, GroupBy, GroupKey};
use crate::domain::units::unit::Unit;
use crate::domain::values::category::Category;
use crate::domain::values::date::Date;
use crate::domain::values::period::{Month, Period, Quarter, Year};
use crate::domain::values::points::Points;

/// Shortest interval a user may set, in seconds.
pub const MIN_INTERVAL_SECS: u32 = 5;
/// Longest interval a user may set, in seconds.
pub const MAX_INTERVAL_SECS: u32 = 300;
/// How long the kiosk waits after the last pointer or key input before it rotates again.
pub const IDLE_RESUME_MS: u32 = 60_000;
/// How many branches a ranking shows per category and how many leaders get a radar chart.
pub const TOP_N: u32 = 3;

/// One screen of the rotation, in rotation order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Screen {
    /// Star distribution of the latest quarter, per category.
    Stars,
    /// The top branches of each category.
    Rankings,
    /// The leading branches with their star-index radar charts.
    Radars,
    /// This month's e-ledger activities per branch.
    Ledger,
    /// The commendation list (推先) of the published quarter.
    Commendations,
    /// 两新 coverage: both figures and the areas' bars.
    Coverage,
}

impl Screen {
    /// Every screen, in rotation order.
    pub const ALL: [Screen; 6] =
        [Screen::Stars, Screen::Rankings, Screen::Radars, Screen::Ledger, Screen::Commendations, Screen::Coverage];

    /// The screens there were before settings recorded which screens they were chosen from:
    /// a stored setting without that record was chosen among these.
    const FIRST: [Screen; 5] = [Screen::Stars, Screen::Rankings, Screen::Radars, Screen::Ledger, Screen::Commendations];

    /// Stable name, used in settings and as `data-screen` for tests.
    pub fn name(self) -> &'static str {
        match self {
            Screen::Stars => "stars",
            Screen::Rankings => "rankings",
            Screen::Radars => "radars",
            Screen::Ledger => "ledger",
            Screen::Commendations => "commendations",
            Screen::Coverage => "coverage",
        }
    }
}

/// The kiosk's settings, kept as JSON in the `meta` store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KioskSettings {
    /// Seconds each screen stays, [`MIN_INTERVAL_SECS`]–[`MAX_INTERVAL_SECS`].
    pub interval_secs: u32,
    /// The screens shown; the rotation keeps [`Screen::ALL`] order whatever order this has.
    pub screens: Vec<Screen>,
    /// The screens the choice was made among. A screen added to the app later is not among
    /// them, so it is switched on when the settings are read ([`KioskSettings::from_json`]):
    /// a new screen starts on, as on a kiosk never set up, rather than hidden until found.
    #[serde(default = "first_screens")]
    pub offered: Vec<Screen>,
}

fn first_screens() -> Vec<Screen> {
    Screen::FIRST.to_vec()
}

impl Default for KioskSettings {
    fn default() -> KioskSettings {
        KioskSettings { interval_secs: 20, screens: Screen::ALL.to_vec(), offered: Screen::ALL.to_vec() }
    }
}

/// Why settings from the form cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsProblem {
    /// The interval is not a whole number of seconds within the limits.
    Interval,
    /// No screen is chosen.
    NoScreen,
}

impl KioskSettings {
    /// Settings from the form: the interval as typed and the chosen screens.
    pub fn from_form(interval: &str, screens: &[Screen]) -> Result<KioskSettings, SettingsProblem> {
        let interval_secs = interval
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|s| (MIN_INTERVAL_SECS..=MAX_INTERVAL_SECS).contains(s))
            .ok_or(SettingsProblem::Interval)?;
        if screens.is_empty() {
            return Err(SettingsProblem::NoScreen);
        }
        Ok(KioskSettings { interval_secs, screens: screens.to_vec(), offered: Screen::ALL.to_vec() })
    }

    /// Stored settings; anything unreadable gives the defaults and an interval out of range is
    /// brought within it, so a damaged setting never stops the display. Screens the choice was
    /// not made among ([`KioskSettings::offered`]) are switched on.
    pub fn from_json(text: Option<&str>) -> KioskSettings {
        let mut settings: KioskSettings = text.and_then(|t| serde_json::from_str(t).ok()).unwrap_or_default();
        settings.interval_secs = settings.interval_secs.clamp(MIN_INTERVAL_SECS, MAX_INTERVAL_SECS);
        for screen in Screen::ALL {
            if !settings.offered.contains(&screen) && !settings.screens.contains(&screen) {
                settings.screens.push(screen);
            }
        }
        settings.offered = Screen::ALL.to_vec();
        settings
    }

    /// The stored form.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The screens in rotation order; every screen when none is chosen.
    pub fn rotation(&self) -> Vec<Screen> {
        let chosen: Vec<Screen> = Screen::ALL.into_iter().filter(|s| self.screens.contains(s)).collect();
        if chosen.is_empty() {
            Screen::ALL.to_vec()
        } else {
            chosen
        }
    }
}

/// The position after `current` in a rotation of `len` screens, forward or back, and whether
/// a forward step wrapped around to the first screen (when the kiosk reloads its data).
pub fn step(len: usize, current: usize, forward: bool) -> (usize, bool) {
    let len = len.max(1);
    let current = current % len;
    if forward {
        let next = (current + 1) % len;
        (next, next == 0)
    } else {
        ((current + len - 1) % len, false)
    }
}

/// A `?interval_ms=` value (tests, demonstrations): a whole number of milliseconds from 1 to
/// one hour; anything else is ignored.
pub fn interval_override(value: Option<&str>) -> Option<u32> {
    value?.trim().parse::<u32>().ok().filter(|ms| (1..=3_600_000).contains(ms))
}

/// The one route a kiosk device is held on.
pub const KIOSK_PATH: &str = "/kiosk";

/// The device-only `kiosk_lock` setting's value while this browser is a kiosk display. Kept in
/// the browser's storage, not only in the address, so a reload, the back button or a closed and
/// reopened browser finds the kiosk again; only leaving it (with the administrator's PIN when
/// one is set) clears it.
pub const LOCK_ON: &str = "on";
/// The `kiosk_lock` value written when the kiosk is left.
pub const LOCK_OFF: &str = "off";

/// Whether a stored `kiosk_lock` value holds this device on the kiosk (anything but
/// [`LOCK_ON`], or nothing, does not).
pub fn is_locked(setting: Option<&str>) -> bool {
    setting.map(str::trim) == Some(LOCK_ON)
}

/// Whether `path` is the kiosk route (a trailing slash, a query or a fragment aside).
pub fn is_kiosk_path(path: &str) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    path.trim_end_matches('/') == KIOSK_PATH
}

/// Where a device must be sent instead of `path`: the kiosk while it is locked and somewhere
/// else was asked for; nowhere otherwise.
pub fn held_route(path: &str, locked: bool) -> Option<&'static str> {
    (locked && !is_kiosk_path(path)).then_some(KIOSK_PATH)
}

/// What the kiosk may show of a branch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicBranch {
    /// Branch id (for keys and tests, never shown).
    pub id: String,
    /// Branch name.
    pub name: String,
    /// Secretary's name; empty when there is none.
    pub secretary: String,
}

impl PublicBranch {
    /// The public part of an org; an unknown id shows as itself.
    pub fn of(orgs: &[Org], id: &str) -> PublicBranch {
        match orgs.iter().find(|o| o.id == id) {
            Some(org) => PublicBranch { id: org.id.clone(), name: org.name.clone(), secretary: org.secretary.clone() },
            None => PublicBranch { id: id.into(), name: id.into(), secretary: String::new() },
        }
    }
}

/// A branch with its result in a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankedBranch {
    /// Who.
    pub branch: PublicBranch,
    /// Its category.
    pub category: Category,
    /// Stars (adjusted where the committee adjusted them).
    pub stars: Option<u8>,
    /// The period's score.
    pub score: Option<Points>,
    /// Rank among all complete branches.
    pub rank_overall: Option<u32>,
    /// Rank within its category.
    pub rank_category: Option<u32>,
}

impl RankedBranch {
    /// A rating row as the kiosk shows it.
    pub fn of(orgs: &[Org], row: &RatingRow) -> RankedBranch {
        RankedBranch {
            branch: PublicBranch::of(orgs, &row.branch),
            category: row.category,
            stars: row.stars.map(|s| s.get()),
            score: row.score,
            rank_overall: row.rank_overall,
            rank_category: row.rank_category,
        }
    }
}

/// Per category in [`Category::ALL`] order, its branches ranked `1..=n` in the category (ties
/// kept whole), best first; categories without a ranked branch are left out.
pub fn category_tops(orgs: &[Org], rows: &[RatingRow], n: u32) -> Vec<(Category, Vec<RankedBranch>)> {
    Category::ALL
        .into_iter()
        .filter_map(|category| {
            let mut top: Vec<&RatingRow> = rows
                .iter()
                .filter(|r| r.complete && r.category == category && r.rank_category.is_some_and(|k| k <= n))
                .collect();
            top.sort_by_key(|r| (r.rank_category, r.branch.clone()));
            (!top.is_empty()).then(|| (category, top.into_iter().map(|r| RankedBranch::of(orgs, r)).collect()))
        })
        .collect()
}

/// The `n` best complete branches overall, best first (ties broken by id, so at most `n`).
pub fn leaders(orgs: &[Org], rows: &[RatingRow], n: usize) -> Vec<RankedBranch> {
    let mut ranked: Vec<&RatingRow> = rows.iter().filter(|r| r.complete && r.rank_overall.is_some()).collect();
    ranked.sort_by_key(|r| (r.rank_overall, r.branch.clone()));
    ranked.into_iter().take(n).map(|r| RankedBranch::of(orgs, r)).collect()
}

/// How many branches the kiosk's ledger screen lists.
pub const KIOSK_ACTIVITY_ROWS: usize = 8;

/// Every open branch with its number of ledger records among `records` (one month's), most
/// active first, then by name.
pub fn activity_counts(orgs: &[Org], records: &[LedgerRecord]) -> Vec<(PublicBranch, u32)> {
    let mut counts: Vec<(PublicBranch, u32)> = orgs
        .iter()
        .filter(|o| o.kind == OrgKind::Branch && !o.archived)
        .map(|o| {
            let count = records.iter().filter(|r| r.branch == o.id).count() as u32;
            (PublicBranch::of(orgs, &o.id), count)
        })
        .collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.name.cmp(&b.0.name)));
    counts
}

/// The month the ledger screen shows, with its records, out of `records` of `today`'s month and
/// the month before: `today`'s once it has a record, until then the month before — early in a
/// month a wall of "0 次" says nothing, while last month's work is worth showing.
pub fn ledger_month(today: Date, records: &[LedgerRecord]) -> (Month, Vec<LedgerRecord>) {
    let of_month = |month: Month| -> Vec<LedgerRecord> {
        records.iter().filter(|r| Month::of(r.date) == month).cloned().collect()
    };
    let current = Month::of(today);
    let this = of_month(current);
    match current.previous() {
        Some(previous) if this.is_empty() => (previous, of_month(previous)),
        _ => (current, this),
    }
}

/// The latest quarter whose rating is published, if any.
pub fn latest_published(reviews: &BTreeMap<Quarter, QuarterReview>) -> Option<Quarter> {
    reviews.iter().rev().find(|(_, r)| r.is_published()).map(|(q, _)| *q)
}

/// 推先 as the kiosk shows it: per category with a recommendation, the recommended branches.
pub fn commended(orgs: &[Org], rows: &[ReviewedRow], rule: CommendRule) -> Vec<(Category, Vec<RankedBranch>)> {
    commendations(rows, rule)
        .into_iter()
        .filter(|(_, list)| !list.is_empty())
        .map(|(category, list)| (category, list.into_iter().map(|i| RankedBranch::of(orgs, &rows[i].row)).collect()))
        .collect()
}

/// What the kiosk may show of 两新 coverage: the figures and each area's, by name. No unit is
/// named — a gap list on a corridor wall would single out enterprises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicCoverage {
    /// Among all active units.
    pub overall: Coverage,
    /// Among those above designated size.
    pub above_scale: Coverage,
    /// Per area with an active unit, as the coverage page orders them; empty name for the units
    /// without one.
    pub by_area: Vec<(String, Coverage)>,
}

impl PublicCoverage {
    /// Coverage on `date`, counted as the coverage page counts it (only organisations that still
    /// stand cover); `None` when there are no units at all, so the screen is left out.
    pub fn of(units: &[Unit], orgs: &[Org], date: Date) -> Option<PublicCoverage> {
        if units.is_empty() {
            return None;
        }
        let live = coverage::with_live_formations(units, orgs);
        let by_area = coverage::coverage_by(&live, date, GroupBy::Area)
            .into_iter()
            .filter_map(|g| match g.key {
                GroupKey::Area(area) => Some((area, g.coverage)),
                GroupKey::Industry(_) | GroupKey::Kind(_) => None,
            })
            .collect();
        Some(PublicCoverage {
            overall: coverage::coverage(&live, date),
            above_scale: coverage::above_scale_coverage(&live, date),
            by_area,
        })
    }
}

/// What the kiosk may show of the enterprise requests (企业有话说): the year's counts. No unit,
/// department or request text — what an enterprise asked for is not for a corridor wall.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicRequests {
    /// The year counted.
    pub year: Year,
    /// Raised in the year.
    pub raised: u32,
    /// Resolved in the year.
    pub resolved: u32,
    /// Open on the day, whenever raised.
    pub open: u32,
}

impl PublicRequests {
    /// The counts of `today`'s year, as the requests page counts them; `None` without any
    /// request at all, so the screen does not show a line of zeros.
    pub fn of(requests: &[Request], today: Date) -> Option<PublicRequests> {
        let year = Year::new(today.year())?;
        if requests.is_empty() {
            return None;
        }
        // Due days only decide what is overdue, which the kiosk does not show.
        let counts = requests::counts(requests, year, requests::DEFAULT_DUE_DAYS, today);
        Some(PublicRequests { year, raised: counts.raised, resolved: counts.resolved, open: counts.open })
    }
}

/// Everything the screens show, computed once per load so a screen only renders.
#[derive(Debug, Clone, PartialEq)]
pub struct Board {
    pub settings: KioskSettings,
    /// The rated period (the latest quarter with a complete branch), if any.
    pub period: Option<Period>,
    /// `stars[category][stars - 1]`.
    pub stars: [[u32; 5]; 5],
    pub tops: Vec<(Category, Vec<RankedBranch>)>,
    pub leaders: Vec<(RankedBranch, Option<Comparison>)>,
    /// The ledger screen's month ([`ledger_month`]) and its activities per branch.
    pub month: Month,
    pub activity: Vec<(PublicBranch, u32)>,
    /// The quarter of the commendation list and whether it is published.
    pub commend_period: Option<Period>,
    pub commend_published: bool,
    pub commended: Vec<(Category, Vec<RankedBranch>)>,
    /// The day the board was built for (the coverage screen's figures are of that day).
    pub today: Date,
    /// 两新 coverage; `None` without units.
    pub coverage: Option<PublicCoverage>,
    /// The year's enterprise requests, shown on the coverage screen; `None` without requests.
    pub requests: Option<PublicRequests>,
}

impl Board {
    /// The board of `today`: the rated period is the one pages open on, the leaders are
    /// compared with the quarter before it, and the commendation list is the latest published
    /// quarter's — or, before any publication, the rated period's, marked unpublished. `records`
    /// are the ledger records of `today`'s month and the month before ([`ledger_month`]),
    /// `units` the 两新 registry.
    pub fn build(
        data: &RatingsData,
        settings: KioskSettings,
        today: Date,
        records: &[LedgerRecord],
        units: &[Unit],
    ) -> Board {
        let (month, records) = ledger_month(today, records);
        let orgs = &data.orgs;
        let period = data.default_period();
        let rows: Vec<_> = period.map(|p| data.reviewed(p)).unwrap_or_default();
        let plain: Vec<_> = rows.iter().map(|r| r.row.clone()).collect();
        let previous: Vec<_> = match period {
            Some(Period::Quarter(q)) => q
                .previous()
                .map(|p| data.reviewed(Period::Quarter(p)).into_iter().map(|r| r.row).collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        let leaders = leaders(orgs, &plain, TOP_N as usize)
            .into_iter()
            .map(|b| {
                let comparison = compare(&plain, &previous, &b.branch.id);
                (b, comparison)
            })
            .collect();
        let (commend_period, commend_published, commended) = match latest_published(&data.reviews) {
            Some(q) => {
                let published = data.reviewed(Period::Quarter(q));
                (Some(Period::Quarter(q)), true, commended(orgs, &published, data.commend_rule))
            }
            None => (period, false, commended(orgs, &rows, data.commend_rule)),
        };
        Board {
            settings,
            period,
            stars: star_distribution(plain.iter()),
            tops: category_tops(orgs, &plain, TOP_N),
            leaders,
            month,
            // A wall screen holds about eight rows; the busiest come first.
            activity: activity_counts(orgs, &records).into_iter().take(KIOSK_ACTIVITY_ROWS).collect(),
            commend_period,
            commend_published,
            commended,
            today,
            coverage: PublicCoverage::of(units, orgs, today),
            requests: None,
        }
    }

    /// Whether the ledger screen shows the month before `today`'s, none of this month's records
    /// being in yet.
    pub fn ledger_is_last_month(&self) -> bool {
        self.month != Month::of(self.today)
    }

    /// Whether the ledger screen's month has no record at all.
    pub fn ledger_is_empty(&self) -> bool {
        self.activity.iter().all(|(_, n)| *n == 0)
    }

    /// The board with the year's enterprise requests counted ([`PublicRequests::of`]).
    pub fn with_requests(self, requests: &[Request]) -> Board {
        Board { requests: PublicRequests::of(requests, self.today), ..self }
    }

    /// The screens in rotation order ([`KioskSettings::rotation`]) that have something to show:
    /// without units the coverage screen is left out — unless it is the only one chosen, when an
    /// empty screen saying so is better than a rotation the user did not choose.
    pub fn rotation(&self) -> Vec<Screen> {
        let chosen = self.settings.rotation();
        let shown: Vec<Screen> =
            chosen.iter().copied().filter(|s| *s != Screen::Coverage || self.coverage.is_some()).collect();
        if shown.is_empty() {
            chosen
        } else {
            shown
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locked_device_is_held_on_the_kiosk_wherever_it_goes() {
        // (path asked for, locked, where the device is sent)
        let cases: [(&str, bool, Option<&str>); 10] = [
            ("/settings", true, Some("/kiosk")),
            ("/", true, Some("/kiosk")),
            ("/quarterly?period=2026-Q3", true, Some("/kiosk")),
            ("/kiosks", true, Some("/kiosk")),
            ("/kiosk", true, None),
            ("/kiosk/", true, None),
            ("/kiosk?interval_ms=400", true, None),
            ("/kiosk#top", true, None),
            ("/settings", false, None),
            ("/kiosk", false, None),
        ];
        for (path, locked, sent) in cases {
            assert_eq!(held_route(path, locked), sent, "{path} locked={locked}");
        }
    }

    #[test]
    fn only_the_lock_value_locks() {
        assert!(is_locked(Some("on")));
        assert!(is_locked(Some(" on\n")));
        for value in [None, Some(""), Some(LOCK_OFF), Some("ON"), Some("true")] {
            assert!(!is_locked(value), "{value:?}");
        }
    }

    #[test]
    fn step_wraps_forward_and_back() {
        assert_eq!(step(5, 0, true), (1, false));
        assert_eq!(step(5, 4, true), (0, true));
        assert_eq!(step(5, 0, false), (4, false));
        assert_eq!(step(1, 0, true), (0, true));
        assert_eq!(step(0, 3, true), (0, true));
        assert_eq!(step(3, 7, true), (2, false));
    }

    #[test]
    fn rotation_keeps_screen_order_and_never_is_empty() {
        let chosen = KioskSettings { screens: vec![Screen::Ledger, Screen::Stars], ..KioskSettings::default() };
        assert_eq!(chosen.rotation(), vec![Screen::Stars, Screen::Ledger]);
        let none = KioskSettings { screens: vec![], ..KioskSettings::default() };
        assert_eq!(none.rotation(), Screen::ALL.to_vec());
    }

    #[test]
    fn form_checks_interval_and_screens() {
        assert_eq!(KioskSettings::from_form(" 30 ", &[Screen::Stars]).map(|s| s.interval_secs), Ok(30));
        assert_eq!(KioskSettings::from_form("4", &[Screen::Stars]), Err(SettingsProblem::Interval));
        assert_eq!(KioskSettings::from_form("301", &[Screen::Stars]), Err(SettingsProblem::Interval));
        assert_eq!(KioskSettings::from_form("abc", &[Screen::Stars]), Err(SettingsProblem::Interval));
        assert_eq!(KioskSettings::from_form("60", &[]), Err(SettingsProblem::NoScreen));
    }

    #[test]
    fn stored_settings_round_trip_and_damage_gives_defaults() {
        let settings = KioskSettings {
            interval_secs: 45,
            screens: vec![Screen::Radars, Screen::Commendations],
            ..KioskSettings::default()
        };
        assert_eq!(KioskSettings::from_json(Some(&settings.to_json())), settings);
        assert_eq!(KioskSettings::from_json(None), KioskSettings::default());
        assert_eq!(KioskSettings::from_json(Some("{oops")), KioskSettings::default());
        let clamped = KioskSettings::from_json(Some(r#"{"interval_secs":1,"screens":["stars"]}"#));
        assert_eq!(clamped.interval_secs, MIN_INTERVAL_SECS);
    }

    #[test]
    fn interval_override_accepts_whole_milliseconds_only() {
        assert_eq!(interval_override(Some("20")), Some(20));
        assert_eq!(interval_override(Some("0")), None);
        assert_eq!(interval_override(Some("-5")), None);
        assert_eq!(interval_override(Some("fast")), None);
        assert_eq!(interval_override(None), None);
    }

    #[test]
    fn public_branch_carries_name_and_secretary_only() {
        let (orgs, members) = crate::domain::fixtures::demo::organisation();
        let branch = PublicBranch::of(&orgs, "demo-b01");
        assert_eq!((branch.name.as_str(), branch.secretary.as_str()), ("一车间党支部", "王建国"));
        let shown = format!("{branch:?}");
        for member in members.iter().filter(|m| m.name != branch.secretary) {
            assert!(!shown.contains(&member.name), "{} leaked", member.name);
        }
    }

    /// A theme day of `branch` on `date`, nobody listed.
    fn ledger_record(id: &str, branch: &str, date: crate::domain::values::date::Date) -> LedgerRecord {
        LedgerRecord {
            id: id.into(),
            branch: branch.into(),
            date,
            kind: crate::domain::ledger::MeetingKind::ThemeDay,
            topic: "主题党日".into(),
            place: String::new(),
            host: String::new(),
            attendees: vec![],
            absentees: vec![],
            minutes: String::new(),
            attachments: vec![],
        }
    }

    #[test]
    fn ledger_month_is_this_month_once_it_has_a_record_and_last_month_before() {
        let on = |m: u8, d: u8| crate::domain::values::date::Date::new(2026, m, d).expect("real date");
        let record = |id: &str, date| ledger_record(id, "demo-b01", date);
        let november = Month::new(2026, 11).expect("month");
        let december = Month::new(2026, 12).expect("month");
        let both = [record("n1", on(11, 5)), record("n2", on(11, 20)), record("d1", on(12, 2))];
        let only_last = [record("n1", on(11, 5)), record("n2", on(11, 20))];
        let ids = |records: Vec<LedgerRecord>| records.into_iter().map(|r| r.id).collect::<Vec<_>>();
        let cases: [(&[LedgerRecord], Month, Vec<&str>); 3] =
            [(&both, december, vec!["d1"]), (&only_last, november, vec!["n1", "n2"]), (&[], november, vec![])];
        for (records, month, shown) in cases {
            let (got, kept) = ledger_month(on(12, 3), records);
            assert_eq!((got, ids(kept)), (month, shown.iter().map(|s| s.to_string()).collect::<Vec<_>>()));
        }
        // January looks back across the year.
        let (got, _) = ledger_month(crate::domain::values::date::Date::new(2027, 1, 2).expect("date"), &[]);
        assert_eq!(got, december);
    }

    #[test]
    fn activity_counts_cover_every_open_branch_busiest_first() {
        let (orgs, _) = crate::domain::fixtures::demo::organisation();
        let record = |id: &str, branch: &str| LedgerRecord {
            host: "李芳".into(),
            attendees: vec!["demo-b07-m1".into()],
            ..ledger_record(id, branch, crate::domain::values::date::Date::new(2026, 11, 3).expect("real date"))
        };
        let counts =
            activity_counts(&orgs, &[record("r1", "demo-b07"), record("r2", "demo-b07"), record("r3", "demo-b02")]);
        assert_eq!(counts.len(), 8);
        let shown: Vec<(&str, u32)> = counts.iter().take(3).map(|(b, n)| (b.id.as_str(), *n)).collect();
        assert_eq!(shown[..2], [("demo-b07", 2), ("demo-b02", 1)]);
        assert_eq!(shown[2].1, 0);
        assert!(!format!("{counts:?}").contains("李芳"), "a record's host is not shown");
    }
}
