//! One module per page.

pub mod backup;
pub mod branch_report;
pub mod dashboard;
pub mod exchange;
pub mod key_tasks;
pub mod kiosk;
pub mod ledger;
pub mod members;
pub mod monthly;
pub mod org_edit;
pub mod org_import;
pub mod orgs;
pub mod packages;
pub mod ratings;
pub mod roles;
pub mod rubric;
pub mod settings;

use leptos::prelude::*;

use super::context::{db, AppContext};
use crate::domain::org::{Member, Org};
use crate::store::{orgs as org_store, StoreError};

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
            Ok(Registry {
                orgs: org_store::list_orgs(&db).await?,
                members: org_store::list_members(&db).await?,
            })
        }
    })
}
