//! Local roles: who may do what, the PIN rules and the lock-out after wrong PINs.

use proptest::prelude::*;
use starbranch::domain::device::roles::{
    lockout_secs, same_hash, to_hex, validate_new_pin, Action, Lockout, PinError, PinRecord, PinSettings, Role,
    Session, FREE_TRIES, MAX_LOCKOUT_SECS,
};

fn secretary(branch: &str) -> Session {
    Session { role: Role::Secretary, branch: Some(branch.into()) }
}

fn every_action(branch: &str) -> Vec<Action<'_>> {
    vec![
        Action::Configure,
        Action::EditOrgs,
        Action::EditUnits,
        Action::EditMembers(branch),
        Action::EditSheet(branch),
        Action::Decide,
        Action::EditLedger(branch),
        Action::AssignTasks,
        Action::CompleteTask(branch),
        Action::ManageRectifications,
        Action::WorkOnRectification(branch),
        Action::ManageData,
        Action::ExportBranchPackage(branch),
        Action::ImportBranchPackage(branch),
        Action::LeaveKiosk,
    ]
}

#[test]
fn the_administrator_may_do_everything_and_the_viewer_nothing() {
    let admin = Session::default();
    assert_eq!(admin.role, Role::Admin, "a new device starts as administrator");
    let viewer = Session { role: Role::Viewer, branch: None };
    for action in every_action("b1") {
        assert!(admin.may(action), "{action:?}");
        assert!(!viewer.may(action), "{action:?}");
    }
    assert!(viewer.read_only());
    assert!(!admin.read_only());
}

#[test]
fn a_secretary_keeps_the_own_branch_only_and_decides_nothing() {
    let own = secretary("b1");
    for action in [
        Action::EditMembers("b1"),
        Action::EditSheet("b1"),
        Action::EditLedger("b1"),
        Action::CompleteTask("b1"),
        Action::WorkOnRectification("b1"),
        Action::ExportBranchPackage("b1"),
        Action::ImportBranchPackage("b1"),
    ] {
        assert!(own.may(action), "{action:?} on the own branch");
    }
    for action in [
        Action::EditMembers("b2"),
        Action::EditSheet("b2"),
        Action::EditLedger("b2"),
        Action::CompleteTask("b2"),
        Action::WorkOnRectification("b2"),
        Action::ExportBranchPackage("b2"),
        Action::ImportBranchPackage("b2"),
        Action::Configure,
        Action::EditOrgs,
        Action::EditUnits,
        Action::Decide,
        Action::AssignTasks,
        Action::ManageRectifications,
        Action::ManageData,
    ] {
        assert!(!own.may(action), "{action:?} must be refused");
    }
    let unbound = Session { role: Role::Secretary, branch: None };
    assert!(!unbound.may(Action::EditSheet("b1")), "a secretary without a branch keeps none");
}

#[test]
fn pins_are_four_to_twelve_digits_typed_twice() {
    assert_eq!(validate_new_pin("1234", "1234"), Ok(()));
    assert_eq!(validate_new_pin("123456789012", "123456789012"), Ok(()));
    assert_eq!(validate_new_pin("123", "123"), Err(PinError::Length));
    assert_eq!(validate_new_pin("1234567890123", "1234567890123"), Err(PinError::Length));
    assert_eq!(validate_new_pin("12a4", "12a4"), Err(PinError::NotDigits));
    assert_eq!(
        validate_new_pin("１２３４", "１２３４"),
        Err(PinError::NotDigits),
        "full-width digits are not ASCII digits"
    );
    assert_eq!(validate_new_pin("1234", "1243"), Err(PinError::Mismatch));
}

#[test]
fn wrong_pins_lock_out_for_a_doubling_delay_up_to_fifteen_minutes() {
    let mut lock = Lockout::default();
    let now = 1_000_000u64;
    for _ in 0..FREE_TRIES - 1 {
        lock = lock.failed(now);
        assert_eq!(lock.wait_secs(now), 0, "the first wrong PINs are free");
    }
    lock = lock.failed(now);
    assert_eq!(lock.wait_secs(now), 30);
    assert_eq!(lock.wait_secs(now + 29_001), 1, "rounds up");
    assert_eq!(lock.wait_secs(now + 30_000), 0);
    lock = lock.failed(now + 30_000);
    assert_eq!(lock.wait_secs(now + 30_000), 60);
    assert_eq!(lockout_secs(FREE_TRIES + 2), 120);
    assert_eq!(lockout_secs(FREE_TRIES + 10), MAX_LOCKOUT_SECS);
    assert_eq!(lockout_secs(u32::MAX), MAX_LOCKOUT_SECS, "no overflow");
}

#[test]
fn switching_roles_asks_for_the_target_roles_pin_unless_coming_from_the_administrator() {
    let record = PinRecord { salt: "00".repeat(16), hash: "11".repeat(32), iterations: 1 };
    let mut pins = PinSettings::default();
    assert!(!pins.needs_pin(Role::Viewer, Role::Admin), "no PIN set: roles only tidy the screen");
    pins.set(Role::Admin, Some(record.clone()));
    assert!(pins.needs_pin(Role::Viewer, Role::Admin));
    assert!(pins.needs_pin(Role::Secretary, Role::Admin));
    assert!(!pins.needs_pin(Role::Admin, Role::Viewer), "no PIN on the viewer");
    pins.set(Role::Secretary, Some(record));
    assert!(!pins.needs_pin(Role::Admin, Role::Secretary), "the administrator may act as a secretary");
    assert!(pins.needs_pin(Role::Viewer, Role::Secretary));
    pins.set(Role::Admin, None);
    assert!(!pins.needs_pin(Role::Viewer, Role::Admin), "cleared");
    let json = serde_json::to_string(&pins).unwrap();
    assert_eq!(serde_json::from_str::<PinSettings>(&json).unwrap(), pins);
}

#[test]
fn hashes_compare_whole() {
    assert!(same_hash("ab01", "ab01"));
    assert!(!same_hash("ab01", "ab02"));
    assert!(!same_hash("ab01", "ab0"));
    assert_eq!(to_hex(&[0, 15, 255]), "000fff");
}

proptest! {
    #[test]
    fn the_lockout_never_shrinks_as_failures_grow(failures in 0u32..200) {
        prop_assert!(lockout_secs(failures + 1) >= lockout_secs(failures));
        prop_assert!(lockout_secs(failures) <= MAX_LOCKOUT_SECS);
    }

    #[test]
    fn roles_round_trip_by_name(index in 0usize..3) {
        let role = Role::ALL[index];
        prop_assert_eq!(Role::from_name(role.name()), Some(role));
    }
}
