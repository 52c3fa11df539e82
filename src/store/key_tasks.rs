//! Key tasks (重点工作任务): the committee assigns them, each branch reports its completion. One
//! transaction per action; the domain's rules ([`key_task::validate_task`],
//! [`key_task::validate_completion`]) run on what is read inside that transaction, and every
//! change leaves an append-only history entry (targets: the task id for tasks, `task|branch` for
//! completions).
//!
//! Completions are stored as the domain's [`Completion`] plus its key `task|branch`, so a branch
//! has at most one completion of a task; reporting again replaces it (with history).

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;

use super::error::{StoreError, WriteError};
use super::records::{completion_key, CompletionRecord};
use super::schema::{HISTORY, KEY_TASKS, META, ORGS, RUBRICS, TASK_COMPLETIONS};
use super::tx::{active_rubric_in, all_orgs, list_orgs_in, record_change, write_tx};
use crate::domain::key_task::{self, Completion, KeyTask, TaskProblems};
use crate::domain::org::{Org, OrgKind};
use crate::domain::rating::rubric::Rubric;
use crate::domain::values::date::Date;
use indexed_db_futures::database::Database;

/// Why a key-task change was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum TaskRefusal {
    /// The task or the completion breaks a rule (shown next to its fields).
    Problems(TaskProblems),
    /// These branches have already reported the task done: it cannot be deleted, nor can they
    /// be taken off it, until their completions are undone.
    Completed(Vec<String>),
}

/// Why a key-task change was not written.
pub type TaskError = WriteError<TaskRefusal>;

/// Every key task and every completion, as the monthly sheet, the dashboard and the tasks page
/// read them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeyTaskData {
    /// Every task, by due date then id.
    pub tasks: Vec<KeyTask>,
    /// Every completion, by task then branch.
    pub completions: Vec<Completion>,
}

/// Reads every task and every completion in one read transaction.
pub async fn load_all(db: &Database) -> Result<KeyTaskData, StoreError> {
    let tx = db.transaction([KEY_TASKS, TASK_COMPLETIONS]).build()?;
    Ok(read_all(&tx).await?)
}

/// Every task (by due date, then id) and completion, inside a transaction over both stores.
async fn read_all(tx: &Transaction<'_>) -> indexed_db_futures::Result<KeyTaskData> {
    let mut tasks: Vec<KeyTask> =
        tx.object_store(KEY_TASKS)?.get_all::<KeyTask>().serde()?.await?.collect::<indexed_db_futures::Result<_>>()?;
    tasks.sort_by(|a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
    let completions = tx
        .object_store(TASK_COMPLETIONS)?
        .get_all::<CompletionRecord>()
        .serde()?
        .await?
        .map(|r| r.map(|r| r.completion))
        .collect::<indexed_db_futures::Result<_>>()?;
    Ok(KeyTaskData { tasks, completions })
}

/// What the key-tasks page shows, read in one transaction: the org tree (branch names, which
/// are open), the active rubric (its key-task indicators) and every task and completion.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskBoard {
    /// Every org, archived included.
    pub orgs: Vec<Org>,
    /// The active rubric.
    pub rubric: Rubric,
    /// Every task and completion.
    pub data: KeyTaskData,
}

/// Reads the [`TaskBoard`].
pub async fn load_board(db: &Database) -> Result<TaskBoard, StoreError> {
    let tx = db.transaction([META, ORGS, RUBRICS, KEY_TASKS, TASK_COMPLETIONS]).build()?;
    let orgs = all_orgs(&tx).await?;
    let (_, rubric) = active_rubric_in(&tx).await?;
    let data = read_all(&tx).await?;
    Ok(TaskBoard { orgs, rubric, data })
}

/// Creates or updates a task, validated against the open branches and the active rubric read in
/// the same transaction. Branches the stored version already lists stay valid even if archived
/// since, so an old task can still be corrected; a branch that has reported the task done
/// cannot be taken off it ([`TaskRefusal::Completed`]). Returns the task as saved (texts trimmed).
pub async fn save_task(db: &Database, task: KeyTask) -> Result<KeyTask, TaskError> {
    let tx = write_tx(db, [META, ORGS, RUBRICS, KEY_TASKS, TASK_COMPLETIONS, HISTORY])?;
    let store = tx.object_store(KEY_TASKS)?;
    let before: Option<KeyTask> = store.get(task.id.clone()).serde()?.await?;
    let mut open: Vec<String> = list_orgs_in(&tx)?
        .await?
        .filter_map(|o| o.map(|o| (o.kind == OrgKind::Branch && !o.archived).then_some(o.id)).transpose())
        .collect::<indexed_db_futures::Result<_>>()?;
    if let Some(before) = &before {
        open.extend(before.branches.iter().cloned());
    }
    let (_, rubric) = active_rubric_in(&tx).await?;
    let task =
        key_task::validate_task(task, &open, &rubric).map_err(|p| TaskError::Invalid(TaskRefusal::Problems(p)))?;
    let dropped: Vec<String> =
        completed_branches(&tx, &task.id).await?.into_iter().filter(|b| !task.branches.contains(b)).collect();
    if !dropped.is_empty() {
        return Err(TaskError::Invalid(TaskRefusal::Completed(dropped)));
    }
    store.put(&task).serde()?.await?;
    let action = if before.is_some() { "key_task.update" } else { "key_task.create" };
    record_change(&tx, action, &task.id, before.as_ref(), Some(&task)).await?;
    super::error::commit(tx).await?;
    Ok(task)
}

/// Deletes a task that no branch has reported done (else [`TaskRefusal::Completed`] naming them),
/// with a history entry keeping the task as it was. Returns the deleted task.
pub async fn delete_task(db: &Database, id: &str) -> Result<KeyTask, TaskError> {
    let tx = write_tx(db, [KEY_TASKS, TASK_COMPLETIONS, HISTORY])?;
    let store = tx.object_store(KEY_TASKS)?;
    let before: KeyTask =
        store.get(id.to_string()).serde()?.await?.ok_or_else(|| StoreError::NotFound(id.to_string()))?;
    let completed = completed_branches(&tx, id).await?;
    if !completed.is_empty() {
        return Err(TaskError::Invalid(TaskRefusal::Completed(completed)));
    }
    store.delete(id.to_string()).await?;
    record_change(&tx, "key_task.delete", id, Some(&before), None).await?;
    super::error::commit(tx).await?;
    Ok(before)
}

/// Records a branch's completion of a task (replacing an earlier report of the same branch),
/// validated against the stored task: the branch must be assigned, the date not after `today`,
/// the evidence given. Returns the completion as saved (evidence trimmed).
pub async fn complete(db: &Database, completion: Completion, today: Date) -> Result<Completion, TaskError> {
    let tx = write_tx(db, [KEY_TASKS, TASK_COMPLETIONS, HISTORY])?;
    let task: KeyTask = tx
        .object_store(KEY_TASKS)?
        .get(completion.task.clone())
        .serde()?
        .await?
        .ok_or_else(|| StoreError::NotFound(completion.task.clone()))?;
    let completion = key_task::validate_completion(completion, &task, today)
        .map_err(|p| TaskError::Invalid(TaskRefusal::Problems(p)))?;
    let key = completion_key(&completion.task, &completion.branch);
    let store = tx.object_store(TASK_COMPLETIONS)?;
    let before: Option<CompletionRecord> = store.get(key.clone()).serde()?.await?;
    store.put(CompletionRecord { key: key.clone(), completion: completion.clone() }).serde()?.await?;
    record_change(&tx, "key_task.complete", &key, before.map(|r| r.completion).as_ref(), Some(&completion)).await?;
    super::error::commit(tx).await?;
    Ok(completion)
}

/// Undoes a branch's completion of a task; the history entry keeps what was reported. Returns
/// the completion that was removed.
pub async fn undo_completion(db: &Database, task: &str, branch: &str) -> Result<Completion, TaskError> {
    let tx = write_tx(db, [TASK_COMPLETIONS, HISTORY])?;
    let key = completion_key(task, branch);
    let store = tx.object_store(TASK_COMPLETIONS)?;
    let before: CompletionRecord =
        store.get(key.clone()).serde()?.await?.ok_or_else(|| StoreError::NotFound(key.clone()))?;
    store.delete(key.clone()).await?;
    record_change(&tx, "key_task.undo", &key, Some(&before.completion), None).await?;
    super::error::commit(tx).await?;
    Ok(before.completion)
}

/// The branches that have a completion of `task` (keys `task|…`, read as one key range: `}`
/// is the character after `|`).
async fn completed_branches(tx: &Transaction<'_>, task: &str) -> indexed_db_futures::Result<Vec<String>> {
    tx.object_store(TASK_COMPLETIONS)?
        .get_all::<CompletionRecord>()
        .with_query::<String, _>(format!("{task}|")..format!("{task}}}"))
        .serde()?
        .await?
        .map(|r| r.map(|r| r.completion.branch))
        .collect()
}
