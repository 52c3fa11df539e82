//! The development pipeline (发展党员). One transaction per step: the candidate, the roll and the
//! members' settings are read inside it, [`take`] decides, and the candidate and the roll record
//! its stage implies ([`roll_entry`]) are written together with their history entries — approval
//! puts the 预备党员 on the roll, 转正 makes them 正式党员, a cancellation takes them off it (the
//! record stays in the history and the candidate keeps its id). History targets: the
//! candidate id (`candidate.create`, `candidate.<step>`) and the member id (`member.create`,
//! `member.update`, `member.delete`).

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;

use super::error::{commit, StoreError, WriteError};
use super::schema::{BY_BRANCH, CANDIDATES, HISTORY, MEMBERS, META};
use super::tx::{all_in_index, record_change, setting_in, write_tx};
use crate::domain::device::settings::MEMBERS as MEMBERS_SETTING;
use crate::domain::members::pipeline::{
    roll_entry, take, validate_application, Application, Candidate, Context, Move, Problem,
};
use crate::domain::members::pipeline_draft::MoveKind;
use crate::domain::members::settings::MemberSettings;
use crate::domain::org::Member;
use crate::domain::values::date::Date;

/// Why a pipeline step was not written.
pub type PipelineError = WriteError<Vec<Problem>>;

/// Everything the pipeline pages show, read in one transaction.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PipelineData {
    /// Every candidate, any branch.
    pub candidates: Vec<Candidate>,
    /// The whole roll (for the 培养联系人 and the names).
    pub members: Vec<Member>,
    /// The members' settings (notice days).
    pub settings: MemberSettings,
}

/// Reads every candidate, the roll and the settings.
pub async fn load_pipeline(db: &Database) -> Result<PipelineData, StoreError> {
    let tx = db.transaction([CANDIDATES, MEMBERS, META]).build()?;
    let candidates = tx
        .object_store(CANDIDATES)?
        .get_all::<Candidate>()
        .serde()?
        .await?
        .collect::<indexed_db_futures::Result<_>>()?;
    let members =
        tx.object_store(MEMBERS)?.get_all::<Member>().serde()?.await?.collect::<indexed_db_futures::Result<_>>()?;
    let settings = MemberSettings::read(setting_in(&tx, MEMBERS_SETTING).await?.as_deref());
    Ok(PipelineData { candidates, members, settings })
}

/// The candidates of one branch, through the `by_branch` index.
pub async fn candidates_of(db: &Database, branch: &str) -> Result<Vec<Candidate>, StoreError> {
    let tx = db.transaction(CANDIDATES).build()?;
    Ok(all_in_index(&tx, CANDIDATES, BY_BRANCH, branch).await?)
}

/// Records a new application (入党申请人), checked by [`validate_application`].
pub async fn apply(db: &Database, application: Application, today: Date) -> Result<Candidate, PipelineError> {
    let candidate = validate_application(application, today).map_err(WriteError::Invalid)?;
    let tx = write_tx(db, [CANDIDATES, HISTORY])?;
    tx.object_store(CANDIDATES)?.add(&candidate).serde()?.await?;
    record_change(&tx, "candidate.create", &candidate.id, None, Some(&candidate)).await?;
    commit(tx).await?;
    Ok(candidate)
}

/// Takes one step on candidate `id`; a refused step writes nothing. Returns the candidate as
/// saved.
pub async fn take_step(db: &Database, id: &str, step: Move, today: Date) -> Result<Candidate, PipelineError> {
    let tx = write_tx(db, [CANDIDATES, MEMBERS, META, HISTORY])?;
    let candidates = tx.object_store(CANDIDATES)?;
    let before: Candidate =
        candidates.get(id.to_string()).serde()?.await?.ok_or_else(|| StoreError::NotFound(id.to_string()))?;
    // The whole roll, so a contact from another branch is named as such, not as unknown.
    let roll: Vec<Member> =
        tx.object_store(MEMBERS)?.get_all::<Member>().serde()?.await?.collect::<indexed_db_futures::Result<_>>()?;
    let settings = MemberSettings::read(setting_in(&tx, MEMBERS_SETTING).await?.as_deref());
    let kind = MoveKind::of(&step);
    let ctx = Context { today, notice_days: settings.notice_days, roll: &roll };
    let after = take(&before, step, &ctx).map_err(WriteError::Invalid)?;
    let members = tx.object_store(MEMBERS)?;
    if let Some(member_id) = after.member.clone() {
        let existing: Option<Member> = members.get(member_id.clone()).serde()?.await?;
        match (roll_entry(&after, existing.as_ref()), existing) {
            (Some(entry), None) => {
                members.put(&entry).serde()?.await?;
                record_change(&tx, "member.create", &member_id, None, Some(&entry)).await?;
            }
            (Some(entry), Some(old)) if entry != old => {
                members.put(&entry).serde()?.await?;
                record_change(&tx, "member.update", &member_id, Some(&old), Some(&entry)).await?;
            }
            (None, Some(old)) => {
                members.delete(member_id.clone()).await?;
                record_change(&tx, "member.delete", &member_id, Some(&old), None).await?;
            }
            _ => {}
        }
    }
    candidates.put(&after).serde()?.await?;
    record_change(&tx, &format!("candidate.{}", kind.code()), id, Some(&before), Some(&after)).await?;
    commit(tx).await?;
    Ok(after)
}
