//! Every key of the settings store (`meta`), in one place: what each holds, and whether it
//! belongs to the data (travels in backups) or to this browser only.

/// The UI language (`zh-CN`, `zh-TW`, `en`).
pub const LOCALE: &str = "locale";
/// The active rubric's storage key (`default@1`).
pub const ACTIVE_RUBRIC: &str = "active_rubric";
/// Set once the demo organisation has been offered, so deleting it never brings it back.
pub const DEMO_SEEDED: &str = "demo_seeded";
/// The commendation rule (JSON of `review::quarter::CommendRule`).
pub const COMMEND_RULE: &str = "commend_rule";
/// The name the reviewer last signed with (offered again).
pub const REVIEWER: &str = "reviewer";
/// The backup reminder's limits (JSON of `files::backup::ReminderRule`).
pub const BACKUP_REMINDER: &str = "backup_reminder";
/// The kiosk display's screens and interval (JSON of `device::kiosk::KioskSettings`).
pub const KIOSK: &str = "kiosk";
/// The PINs (part of the data: a restored backup brings the committee's PINs).
pub const PINS: &str = "pins";
/// How many whole months without organisational life raise a 空壳 flag (a number, default
/// `units::shell::DEFAULT_LIFE_MONTHS`).
pub const SHELL_LIFE_MONTHS: &str = "shell_life_months";
/// The committee's settings for instructors and enterprise requests (JSON of
/// `instructors::settings::InstructorSettings`).
pub const INSTRUCTORS: &str = "instructors";
/// The committee's settings for the members' work (notice days, talk threshold, star
/// thresholds): one JSON value, read by `domain::members::settings::MemberSettings::read`.
pub const MEMBERS: &str = "members";

/// When the last backup was made (device-only).
pub const LAST_BACKUP: &str = "last_backup";
/// How many history entries there were at the last backup, so the changes since can be
/// counted (device-only).
pub const BACKUP_MARK: &str = "backup_history_mark";
/// The session in use: role and a secretary's branch (device-only).
pub const SESSION: &str = "session";
/// Each role's wrong-PIN lock-out (device-only).
pub const PIN_LOCKOUT: &str = "pin_lockout";
/// This browser's random device id, named in branch packages (device-only).
pub const DEVICE_ID: &str = "device_id";
/// Set while this browser is a kiosk display (`device::kiosk::LOCK_ON`): every start and every
/// route goes to the kiosk until it is left with the administrator's PIN (device-only, so a
/// backup restored elsewhere never turns another device into a kiosk).
pub const KIOSK_LOCK: &str = "kiosk_lock";

/// Settings that describe this browser, not the data: left out of a backup, and kept as they
/// are when one is restored (a restored backup must not move the last-backup date, the role in
/// use, a PIN lock-out or the device's identity to another device).
pub const DEVICE_ONLY: [&str; 6] = [LAST_BACKUP, BACKUP_MARK, SESSION, PIN_LOCKOUT, DEVICE_ID, KIOSK_LOCK];
