//! Local roles on a shared device: who may do what, the PIN rules, and the lock-out after wrong
//! PINs.
//!
//! There is no server, so there are no accounts: a device has three roles — the committee
//! administrator (党委管理员), a branch secretary (支部书记, bound to one branch) and a viewer
//! (查看者) — and whoever holds the tablet switches between them, with a PIN if one is set.
//! This keeps a shared tablet or a kiosk safe from casual use; it is not security against
//! someone with the browser's developer tools, who can read and change IndexedDB directly
//! (docs/ARCHITECTURE.md says so too).
//!
//! The PIN itself is hashed with WebCrypto's PBKDF2 in the store; this module holds the rules
//! that need no browser: what a valid PIN is, how long a lock-out lasts, and the permissions.

use serde::{Deserialize, Serialize};

/// A local role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Committee administrator: rubric, confirmation, approval, settings, everything.
    Admin,
    /// Branch secretary: the own branch's e-ledger, monthly self-evaluation and key tasks.
    Secretary,
    /// Viewer: reads everything, changes nothing (the kiosk's role).
    Viewer,
}

impl Role {
    /// Every role, most powerful first.
    pub const ALL: [Role; 3] = [Role::Admin, Role::Secretary, Role::Viewer];

    /// Stable name used in settings and `data-role` attributes.
    pub fn name(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Secretary => "secretary",
            Role::Viewer => "viewer",
        }
    }

    /// The role with that stable name.
    pub fn from_name(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.name() == name)
    }
}

/// Who is using the device now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// The role.
    pub role: Role,
    /// The secretary's own branch; `None` for the other roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
}

impl Default for Session {
    /// A new device starts as administrator: whoever installs the app sets it up (and can then
    /// set PINs). Without any PIN, roles only tidy the screen.
    fn default() -> Self {
        Session { role: Role::Admin, branch: None }
    }
}

/// Something a user may or may not do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action<'a> {
    /// Edit the rubric, settings, PINs, the kiosk and commendation rules.
    Configure,
    /// Create, edit or archive organisations; import them from spreadsheets.
    EditOrgs,
    /// Register, edit or delete 两新 units and their formations; import them from spreadsheets.
    EditUnits,
    /// Edit the members (党员) of this branch.
    EditMembers(&'a str),
    /// Fill in and submit this branch's monthly self-evaluation.
    EditSheet(&'a str),
    /// Confirm or return a monthly sheet; adjust, approve, publish or reopen a quarter.
    Decide,
    /// Keep this branch's e-ledger (records and attachments).
    EditLedger(&'a str),
    /// Assign, edit or delete key tasks.
    AssignTasks,
    /// Report or undo this branch's completion of a key task.
    CompleteTask(&'a str),
    /// Open a rectification task or verify one.
    ManageRectifications,
    /// Move this branch's rectification forward (in progress, done with evidence).
    WorkOnRectification(&'a str),
    /// Back up, restore, import exchange files and packages, reset demo data.
    ManageData,
    /// Export this branch's package for the committee.
    ExportBranchPackage(&'a str),
    /// Import packages limited to this branch: the committee's statuses for it (returned,
    /// confirmed), or the branch's own month from another device.
    ImportBranchPackage(&'a str),
    /// Leave the kiosk display.
    LeaveKiosk,
}

impl Session {
    /// Whether this session may do `action`.
    pub fn may(&self, action: Action<'_>) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Viewer => false,
            Role::Secretary => match action {
                Action::EditMembers(branch)
                | Action::EditSheet(branch)
                | Action::EditLedger(branch)
                | Action::CompleteTask(branch)
                | Action::WorkOnRectification(branch)
                | Action::ExportBranchPackage(branch)
                | Action::ImportBranchPackage(branch) => self.branch.as_deref() == Some(branch),
                // Leaving the kiosk is guarded by the administrator's PIN, not by the role.
                Action::LeaveKiosk => true,
                Action::Configure
                | Action::EditOrgs
                | Action::EditUnits
                | Action::Decide
                | Action::AssignTasks
                | Action::ManageRectifications
                | Action::ManageData => false,
            },
        }
    }

    /// Whether this session changes nothing at all.
    pub fn read_only(&self) -> bool {
        self.role == Role::Viewer
    }
}

/// Shortest PIN.
pub const MIN_PIN_LEN: usize = 4;
/// Longest PIN.
pub const MAX_PIN_LEN: usize = 12;
/// PBKDF2-HMAC-SHA-256 iterations. OWASP's 2023 figure is 600,000; a PIN guards a shared tablet
/// from casual use, and older tablets must still answer within a second, so the figure is lower.
pub const PBKDF2_ITERATIONS: u32 = 210_000;
/// Salt length in bytes.
pub const SALT_LEN: usize = 16;
/// Wrong PINs allowed before the first lock-out.
pub const FREE_TRIES: u32 = 3;
/// First lock-out, in seconds; each further wrong PIN doubles it, up to [`MAX_LOCKOUT_SECS`].
pub const FIRST_LOCKOUT_SECS: u64 = 30;
/// Longest lock-out, in seconds.
pub const MAX_LOCKOUT_SECS: u64 = 15 * 60;

/// Why a PIN cannot be set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PinError {
    /// Fewer than [`MIN_PIN_LEN`] or more than [`MAX_PIN_LEN`] digits.
    #[error("a PIN has {MIN_PIN_LEN} to {MAX_PIN_LEN} digits")]
    Length,
    /// Something other than the digits 0–9.
    #[error("a PIN has digits only")]
    NotDigits,
    /// The repetition differs.
    #[error("the two PINs differ")]
    Mismatch,
}

/// Checks a new PIN and its repetition.
pub fn validate_new_pin(pin: &str, repeated: &str) -> Result<(), PinError> {
    if !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(PinError::NotDigits);
    }
    if !(MIN_PIN_LEN..=MAX_PIN_LEN).contains(&pin.len()) {
        return Err(PinError::Length);
    }
    if pin != repeated {
        return Err(PinError::Mismatch);
    }
    Ok(())
}

/// A stored PIN: PBKDF2-HMAC-SHA-256 of the PIN with a random salt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinRecord {
    /// Salt, lower-case hex.
    pub salt: String,
    /// Derived key (32 bytes), lower-case hex.
    pub hash: String,
    /// Iterations used, kept so the figure can rise without invalidating old PINs.
    pub iterations: u32,
}

/// The wrong-PIN count and lock-out of one role, kept across reloads so a reload does not reset
/// the delay.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lockout {
    /// Wrong PINs in a row.
    pub failures: u32,
    /// Until when (milliseconds since the epoch) no PIN is checked.
    pub until_ms: u64,
}

impl Lockout {
    /// Seconds left before another try is allowed, or 0.
    pub fn wait_secs(&self, now_ms: u64) -> u64 {
        self.until_ms.saturating_sub(now_ms).div_ceil(1000)
    }

    /// After a wrong PIN: counts it and, past the free tries, locks for a doubling delay.
    pub fn failed(&self, now_ms: u64) -> Lockout {
        let failures = self.failures.saturating_add(1);
        let until_ms = match lockout_secs(failures) {
            0 => 0,
            secs => now_ms + secs * 1000,
        };
        Lockout { failures, until_ms }
    }
}

/// Lock-out after the `failures`-th wrong PIN in a row: none for the first [`FREE_TRIES`], then
/// 30 s, 60 s, 120 s … up to 15 minutes.
pub fn lockout_secs(failures: u32) -> u64 {
    if failures < FREE_TRIES {
        return 0;
    }
    let doublings = (failures - FREE_TRIES).min(16);
    (FIRST_LOCKOUT_SECS << doublings).min(MAX_LOCKOUT_SECS)
}

/// Compares two hashes without stopping at the first difference, so timing tells nothing.
pub fn same_hash(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Lower-case hex of bytes.
pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Which roles have a PIN, and the PINs' records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinSettings {
    /// Administrator PIN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin: Option<PinRecord>,
    /// Secretary PIN (one for the device's secretaries; each picks their branch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secretary: Option<PinRecord>,
    /// Viewer PIN (rarely wanted; a kiosk is a viewer without one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub viewer: Option<PinRecord>,
}

impl PinSettings {
    /// The PIN of a role, if set.
    pub fn of(&self, role: Role) -> Option<&PinRecord> {
        match role {
            Role::Admin => self.admin.as_ref(),
            Role::Secretary => self.secretary.as_ref(),
            Role::Viewer => self.viewer.as_ref(),
        }
    }

    /// Sets or clears a role's PIN.
    pub fn set(&mut self, role: Role, record: Option<PinRecord>) {
        match role {
            Role::Admin => self.admin = record,
            Role::Secretary => self.secretary = record,
            Role::Viewer => self.viewer = record,
        }
    }

    /// Whether switching to `role` from `current` needs a PIN: going to a role with a PIN does,
    /// unless the current role is the administrator (who could reset the PIN anyway) or the same
    /// role.
    pub fn needs_pin(&self, current: Role, target: Role) -> bool {
        self.of(target).is_some() && current != Role::Admin && current != target
    }
}
