//! Every read the pages share, as resources that refetch after any write (`ctx.revision`).

use leptos::prelude::*;

use super::context::{db, AppContext};
use crate::domain::files::backup::{self, Reminder, ReminderRule};
use crate::domain::org::{Member, Org};
use crate::domain::rating::dataset::RatingsData;
use crate::domain::requests::Request;
use crate::domain::units::unit::Unit;
use crate::store::instructors::{self as instructor_store, InstructorData};
use crate::store::ratings;
use crate::store::requests as request_store;
use crate::store::{self, backup as backup_store, orgs as org_store, units as unit_store, StoreError};

/// Largest file accepted for import; larger ones are refused before being read.
pub const MAX_IMPORT_BYTES: f64 = 50.0 * 1024.0 * 1024.0;

/// The org tree and all members, as one snapshot.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Registry {
    /// Every org, archived included.
    pub orgs: Vec<Org>,
    /// Every member.
    pub members: Vec<Member>,
}

impl Registry {
    /// The org with this id.
    pub fn org(&self, id: &str) -> Option<&Org> {
        self.orgs.iter().find(|o| o.id == id)
    }
}

/// Reads the registry, and again after every write.
pub fn use_registry() -> LocalResource<Result<Registry, StoreError>> {
    let ctx = AppContext::get();
    LocalResource::new(move || {
        ctx.revision.track();
        async move {
            let db = db();
            Ok(Registry { orgs: org_store::list_orgs(&db).await?, members: org_store::list_members(&db).await? })
        }
    })
}

/// The 两新 registry and the org tree its formations name, as one snapshot.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UnitRegistry {
    /// Every unit, by id.
    pub units: Vec<Unit>,
    /// Every org, archived included.
    pub orgs: Vec<Org>,
}

impl UnitRegistry {
    /// The unit with this id.
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }

    /// What a problem's id is called: a unit's or an org's name, else the id itself.
    pub fn name_of(&self, id: &str) -> String {
        self.unit(id)
            .map(|u| u.name.clone())
            .or_else(|| self.orgs.iter().find(|o| o.id == id).map(|o| o.name.clone()))
            .unwrap_or_else(|| id.to_string())
    }
}

/// Reads the unit registry, and again after every write.
pub fn use_unit_registry() -> LocalResource<Result<UnitRegistry, StoreError>> {
    let ctx = AppContext::get();
    LocalResource::new(move || {
        ctx.revision.track();
        async move {
            let db = db();
            Ok(UnitRegistry { units: unit_store::list_units(&db).await?, orgs: org_store::list_orgs(&db).await? })
        }
    })
}

/// Reads the instructors' pool, assignments, reports, reviews, the units and the settings, and
/// again after every write.
pub fn use_instructor_data() -> LocalResource<Result<InstructorData, StoreError>> {
    let ctx = AppContext::get();
    LocalResource::new(move || {
        ctx.revision.track();
        async move { instructor_store::load(&db()).await }
    })
}

/// The enterprise requests, the units that raise them and the committee's time limit, as one
/// snapshot.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RequestData {
    /// Every request, by id.
    pub requests: Vec<Request>,
    /// The unit registry, by id.
    pub units: Vec<Unit>,
    /// Days a request may stay open before it is overdue.
    pub due_days: u32,
}

impl RequestData {
    /// The request with this id.
    pub fn request(&self, id: &str) -> Option<&Request> {
        self.requests.iter().find(|r| r.id == id)
    }

    /// The unit with this id.
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }

    /// A unit's name; the id itself for a unit no longer in the registry.
    pub fn unit_name(&self, id: &str) -> String {
        self.unit(id).map_or_else(|| id.to_string(), |u| u.name.clone())
    }
}

/// Reads the requests, the units and the time limit, and again after every write.
pub fn use_requests() -> LocalResource<Result<RequestData, StoreError>> {
    let ctx = AppContext::get();
    LocalResource::new(move || {
        ctx.revision.track();
        async move {
            let db = db();
            Ok(RequestData {
                requests: request_store::list_requests(&db).await?,
                units: unit_store::list_units(&db).await?,
                due_days: instructor_store::settings(&db).await?.request_due_days,
            })
        }
    })
}

/// Reads the ratings data, and again after every write.
pub fn use_ratings_data() -> LocalResource<Result<RatingsData, StoreError>> {
    let ctx = AppContext::get();
    LocalResource::new(move || {
        ctx.revision.track();
        async move { ratings::load(&db()).await }
    })
}

/// What the backup reminder needs. A failed read counts as "nothing to remind of" rather than
/// an error: the reminder is a nudge, never in the way.
#[derive(Clone, Debug, PartialEq)]
pub struct BackupStatus {
    /// Last backup, as an ISO time.
    pub last: Option<String>,
    /// Whether there is anything to back up.
    pub has_data: bool,
    /// Writes since the last backup.
    pub changes: u32,
    /// When to remind.
    pub rule: ReminderRule,
}

impl BackupStatus {
    /// The reminder due today, if any.
    pub fn reminder(&self) -> Option<Reminder> {
        backup::reminder(
            self.last.as_deref().and_then(backup::day_of),
            store::today(),
            self.has_data,
            self.changes,
            self.rule,
        )
    }
}

/// Reads what the backup reminder needs.
pub async fn backup_status() -> BackupStatus {
    let db = db();
    BackupStatus {
        last: backup_store::last_backup(&db).await.ok().flatten(),
        has_data: backup_store::has_data(&db).await.unwrap_or(false),
        changes: backup_store::changes_since_backup(&db).await.unwrap_or(0),
        rule: backup_store::reminder_rule(&db).await.unwrap_or_default(),
    }
}

/// Reads the backup status, and again after every write.
pub fn use_backup_status() -> LocalResource<BackupStatus> {
    let ctx = AppContext::get();
    LocalResource::new(move || {
        ctx.revision.track();
        backup_status()
    })
}
