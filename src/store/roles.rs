//! Local roles kept in the settings store: the session in use, the PINs (PBKDF2-HMAC-SHA-256
//! through WebCrypto, never the PIN itself) and each role's wrong-PIN lock-out.
//!
//! The rules (permissions, PIN format, lock-out delays) are in [`crate::domain::device::roles`]; this
//! module only hashes, reads and writes. The lock-out is stored, so reloading the page does not
//! give a fresh set of tries.

use std::collections::BTreeMap;

use js_sys::{Object, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::error::{StoreError, WriteError};
use super::records::Setting;
use super::schema::META;
use super::tx::{get_setting, set_setting, write_tx};
use crate::domain::device::roles::{
    same_hash, to_hex, Lockout, PinRecord, PinSettings, Role, Session, PBKDF2_ITERATIONS, SALT_LEN,
};
use indexed_db_futures::database::Database;

use crate::domain::device::settings::PINS;
use crate::domain::device::settings::PIN_LOCKOUT as LOCKOUT;
use crate::domain::device::settings::SESSION;

/// Why switching role was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum SwitchRefusal {
    /// The PIN was wrong; `wait_secs` is the lock-out that now applies (0 if more free tries).
    WrongPin { wait_secs: u64 },
    /// Too many wrong PINs: no try is checked for this many seconds.
    LockedOut { wait_secs: u64 },
    /// A secretary must choose a branch.
    NoBranch,
}

/// Why switching role did not happen (storage or WebCrypto failures are `Store`).
pub type SwitchError = WriteError<SwitchRefusal>;

/// The session in use; a device that never chose one is administrator.
pub async fn session(db: &Database) -> Result<Session, StoreError> {
    Ok(read_json(db, SESSION).await?.unwrap_or_default())
}

/// The PINs set on this device.
pub async fn pins(db: &Database) -> Result<PinSettings, StoreError> {
    Ok(read_json(db, PINS).await?.unwrap_or_default())
}

/// Switches to `target`, checking `pin` when the current role may not switch freely; counts a
/// wrong PIN and refuses any PIN while locked out. `now_ms` is the clock (milliseconds since
/// the epoch).
pub async fn switch(db: &Database, target: Session, pin: &str, now_ms: u64) -> Result<Session, SwitchError> {
    if target.role == Role::Secretary && target.branch.as_deref().is_none_or(str::is_empty) {
        return Err(SwitchError::Invalid(SwitchRefusal::NoBranch));
    }
    let current = session(db).await?;
    let pins = pins(db).await?;
    if pins.needs_pin(current.role, target.role) {
        let record = pins.of(target.role).expect("needs_pin implies a PIN").clone();
        check_pin(db, target.role, &record, pin, now_ms).await?;
    }
    let target = Session { branch: target.branch.filter(|_| target.role == Role::Secretary), ..target };
    write_json(db, SESSION, &target).await?;
    Ok(target)
}

/// Checks the administrator's PIN (leaving the kiosk); `Ok` when none is set.
pub async fn check_admin_pin(db: &Database, pin: &str, now_ms: u64) -> Result<(), SwitchError> {
    match pins(db).await?.of(Role::Admin).cloned() {
        None => Ok(()),
        Some(record) => check_pin(db, Role::Admin, &record, pin, now_ms).await,
    }
}

async fn check_pin(db: &Database, role: Role, record: &PinRecord, pin: &str, now_ms: u64) -> Result<(), SwitchError> {
    // The try counts as wrong before the (slow) hash runs, read and written in one transaction:
    // tries made at the same time each count, and closing the page mid-hash spends the try.
    let failed = count_failure(db, role, now_ms).await?;
    let salt = from_hex(&record.salt).ok_or_else(|| StoreError::Other("stored PIN salt is not hex".into()))?;
    let hash = pbkdf2_sha256(pin.as_bytes(), &salt, record.iterations).await?;
    if same_hash(&to_hex(&hash), &record.hash) {
        let mut lockouts: BTreeMap<Role, Lockout> = read_json(db, LOCKOUT).await?.unwrap_or_default();
        lockouts.remove(&role);
        write_json(db, LOCKOUT, &lockouts).await?;
        Ok(())
    } else {
        Err(SwitchError::Invalid(SwitchRefusal::WrongPin { wait_secs: failed.wait_secs(now_ms) }))
    }
}

/// Refuses while `role` is locked out; otherwise counts one more wrong try, in one transaction.
async fn count_failure(db: &Database, role: Role, now_ms: u64) -> Result<Lockout, SwitchError> {
    use indexed_db_futures::prelude::*;

    let tx = write_tx(db, META).map_err(StoreError::from)?;
    let store = tx.object_store(META).map_err(StoreError::from)?;
    let stored: Option<Setting> =
        store.get(LOCKOUT.to_string()).serde().map_err(StoreError::from)?.await.map_err(StoreError::from)?;
    let mut lockouts: BTreeMap<Role, Lockout> =
        stored.and_then(|s| serde_json::from_str(&s.value).ok()).unwrap_or_default();
    let lockout = lockouts.get(&role).cloned().unwrap_or_default();
    let wait_secs = lockout.wait_secs(now_ms);
    if wait_secs > 0 {
        return Err(SwitchError::Invalid(SwitchRefusal::LockedOut { wait_secs }));
    }
    let failed = lockout.failed(now_ms);
    lockouts.insert(role, failed.clone());
    let value = serde_json::to_string(&lockouts).map_err(|e| StoreError::Other(e.to_string()))?;
    store
        .put(Setting { key: LOCKOUT.into(), value })
        .serde()
        .map_err(StoreError::from)?
        .await
        .map_err(StoreError::from)?;
    super::error::commit(tx).await?;
    Ok(failed)
}

/// Sets (`Some`, already validated by [`crate::domain::device::roles::validate_new_pin`]) or clears
/// (`None`) the PIN of `role`, with a fresh random salt; clears its lock-out.
pub async fn set_pin(db: &Database, role: Role, pin: Option<&str>) -> Result<(), StoreError> {
    let record = match pin {
        None => None,
        Some(pin) => {
            let mut salt = [0u8; SALT_LEN];
            crypto()?
                .get_random_values_with_u8_array(&mut salt)
                .map_err(|e| StoreError::Other(format!("random salt: {e:?}")))?;
            let hash = pbkdf2_sha256(pin.as_bytes(), &salt, PBKDF2_ITERATIONS).await?;
            Some(PinRecord { salt: to_hex(&salt), hash: to_hex(&hash), iterations: PBKDF2_ITERATIONS })
        }
    };
    let mut pins = pins(db).await?;
    pins.set(role, record);
    write_json(db, PINS, &pins).await?;
    let mut lockouts: BTreeMap<Role, Lockout> = read_json(db, LOCKOUT).await?.unwrap_or_default();
    if lockouts.remove(&role).is_some() {
        write_json(db, LOCKOUT, &lockouts).await?;
    }
    Ok(())
}

/// PBKDF2-HMAC-SHA-256 with a 32-byte result, by the browser's WebCrypto.
pub async fn pbkdf2_sha256(secret: &[u8], salt: &[u8], iterations: u32) -> Result<Vec<u8>, StoreError> {
    let subtle = crypto()?.subtle();
    let fail = |step: &str, e: JsValue| StoreError::Other(format!("WebCrypto {step}: {e:?}"));
    let secret = Uint8Array::from(secret);
    let usages = js_sys::Array::of1(&JsValue::from_str("deriveBits"));
    let key = subtle.import_key_with_str("raw", &secret, "PBKDF2", false, &usages).map_err(|e| fail("importKey", e))?;
    let key: web_sys::CryptoKey = JsFuture::from(key).await.map_err(|e| fail("importKey", e))?.unchecked_into();
    let params =
        web_sys::Pbkdf2Params::new("PBKDF2", &JsValue::from_str("SHA-256"), iterations, &Uint8Array::from(salt));
    let bits = subtle
        .derive_bits_with_object(params.unchecked_ref::<Object>(), &key, 256)
        .map_err(|e| fail("deriveBits", e))?;
    let bits = JsFuture::from(bits).await.map_err(|e| fail("deriveBits", e))?;
    Ok(Uint8Array::new(&bits).to_vec())
}

fn crypto() -> Result<web_sys::Crypto, StoreError> {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or_else(|| StoreError::Other("WebCrypto is not available".into()))
}

fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

async fn read_json<T: serde::de::DeserializeOwned>(db: &Database, key: &str) -> Result<Option<T>, StoreError> {
    match get_setting(db, key).await? {
        None => Ok(None),
        Some(text) => {
            serde_json::from_str(&text).map(Some).map_err(|e| StoreError::Other(format!("setting {key}: {e}")))
        }
    }
}

async fn write_json<T: serde::Serialize>(db: &Database, key: &str, value: &T) -> Result<(), StoreError> {
    let text = serde_json::to_string(value).map_err(|e| StoreError::Other(format!("setting {key}: {e}")))?;
    set_setting(db, key, &text).await
}
