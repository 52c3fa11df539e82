//! Settings and bookkeeping as key–value records, plus the first-start demo data.

use indexed_db_futures::prelude::*;

use super::error::StoreError;
use super::records::{
    AppraisalRecord, DuesRecord, EvaluationRecord, FiveHavesRecord, MutualRecord, ReportRecord, ReviewRecord,
    RubricRecord, Setting,
};
use super::schema::{
    APPRAISALS, ASSIGNMENTS, CANDIDATES, DUES, EVALUATIONS, FIVE_HAVES, HISTORY, INSTRUCTORS, INSTRUCTOR_REPORTS,
    LEDGER, MEMBERS, MEMBER_POINTS, META, MOBILE_PERIODS, MUTUAL_SCORES, ORGS, REQUESTS, RUBRICS, UNITS,
    YEAR_END_REVIEWS,
};
use super::tx::write_tx;
pub use super::tx::{get_setting, set_setting};
use crate::domain::device::settings::{ACTIVE_RUBRIC, DEMO_SEEDED};
use crate::domain::fixtures::{demo, district, members_dues, members_mobile, members_pipeline, members_ratings};
use crate::domain::org::{Member, Org};
use indexed_db_futures::database::Database;

/// On the very first start (no orgs, never seeded) writes the demo organisation and a year of
/// its evaluations under the active rubric, and the demo district (its 两新 committee, branches,
/// rolls, ledger records and units, the instructors with their assignments, reports and reviews,
/// and the units' requests), in one transaction. Returns whether it did.
pub async fn seed_demo_if_empty(db: &Database) -> Result<bool, StoreError> {
    let tx = write_tx(
        db,
        [
            META,
            ORGS,
            MEMBERS,
            HISTORY,
            RUBRICS,
            EVALUATIONS,
            FIVE_HAVES,
            UNITS,
            LEDGER,
            INSTRUCTORS,
            ASSIGNMENTS,
            INSTRUCTOR_REPORTS,
            YEAR_END_REVIEWS,
            REQUESTS,
            MOBILE_PERIODS,
            DUES,
            APPRAISALS,
            MUTUAL_SCORES,
            MEMBER_POINTS,
            CANDIDATES,
        ],
    )?;
    let meta = tx.object_store(META)?;
    let seeded: Option<Setting> = meta.get(DEMO_SEEDED.to_string()).serde()?.await?;
    let orgs = tx.object_store(ORGS)?;
    let org_count = orgs.count().await?;
    if seeded.is_some() || org_count > 0 {
        return Ok(false);
    }
    let (demo_orgs, demo_members): (Vec<Org>, Vec<Member>) = demo::organisation();
    let district = district::district();
    for org in demo_orgs.iter().chain(&district.orgs) {
        orgs.put(org).serde()?.await?;
    }
    // Members away in the demo are Mobile on the roll, as starting their period makes them.
    let mobile_periods = members_mobile::mobile_periods();
    let roll = members_mobile::with_mobile_status(district.members.clone(), &mobile_periods);
    // The pipeline's people, and the roll records their stages imply (预备党员 and 正式党员 made by it).
    let candidates = members_pipeline::candidates(&roll);
    let from_pipeline = members_pipeline::roll_members(&candidates);
    let members = tx.object_store(MEMBERS)?;
    for member in demo_members.iter().chain(&roll).chain(&from_pipeline) {
        members.put(member).serde()?.await?;
    }
    let store = tx.object_store(CANDIDATES)?;
    for candidate in &candidates {
        store.put(candidate).serde()?.await?;
    }
    let store = tx.object_store(MOBILE_PERIODS)?;
    for period in &mobile_periods {
        store.put(period).serde()?.await?;
    }
    let store = tx.object_store(DUES)?;
    for dues in members_dues::dues() {
        store.put(DuesRecord { key: dues.key(), dues }).serde()?.await?;
    }
    let units = tx.object_store(UNITS)?;
    for unit in &district.units {
        units.put(unit).serde()?.await?;
    }
    let ledger = tx.object_store(LEDGER)?;
    for record in &district.ledger {
        ledger.put(record).serde()?.await?;
    }
    let ratings = members_ratings::members_ratings();
    for record in &ratings.ledger {
        ledger.put(record).serde()?.await?;
    }
    let store = tx.object_store(APPRAISALS)?;
    for appraisal in ratings.appraisals {
        store.put(AppraisalRecord { key: appraisal.key(), appraisal }).serde()?.await?;
    }
    let store = tx.object_store(MUTUAL_SCORES)?;
    for score in ratings.mutual {
        store.put(MutualRecord { key: score.key(), score }).serde()?.await?;
    }
    let store = tx.object_store(MEMBER_POINTS)?;
    for item in &ratings.items {
        store.put(item).serde()?.await?;
    }
    let store = tx.object_store(INSTRUCTORS)?;
    for instructor in &district.instructors {
        store.put(instructor).serde()?.await?;
    }
    let store = tx.object_store(ASSIGNMENTS)?;
    for assignment in &district.assignments {
        store.put(assignment).serde()?.await?;
    }
    let store = tx.object_store(INSTRUCTOR_REPORTS)?;
    for report in district.instructor_reports {
        store.put(ReportRecord { key: report.key(), report }).serde()?.await?;
    }
    let store = tx.object_store(YEAR_END_REVIEWS)?;
    for review in district.year_end_reviews {
        store.put(ReviewRecord { key: review.key(), review }).serde()?.await?;
    }
    let store = tx.object_store(REQUESTS)?;
    for request in &district.requests {
        store.put(request).serde()?.await?;
    }
    let active: Option<Setting> = meta.get(ACTIVE_RUBRIC.to_string()).serde()?.await?;
    let active_key = active.map(|s| s.value).unwrap_or_default();
    let rubric: Option<RubricRecord> = tx.object_store(RUBRICS)?.get(active_key.clone()).serde()?.await?;
    if let Some(rubric) = rubric {
        let (mut evaluations, five_haves) = demo::evaluations(&rubric.rubric);
        evaluations.extend(district::evaluations(&rubric.rubric));
        let store = tx.object_store(EVALUATIONS)?;
        for evaluation in evaluations {
            store.put(EvaluationRecord::new(&active_key, evaluation)).serde()?.await?;
        }
        let store = tx.object_store(FIVE_HAVES)?;
        for (branch, years) in five_haves {
            for (year, flags) in years {
                store.put(FiveHavesRecord::new(&branch, year, flags)).serde()?.await?;
            }
        }
    }
    meta.put(Setting { key: DEMO_SEEDED.into(), value: super::clock::now_iso() }).serde()?.await?;
    super::error::commit(tx).await?;
    Ok(true)
}
