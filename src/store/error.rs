use crate::domain::org::Problems;
use crate::i18n::K;

/// A storage failure, sorted into the cases a user can act on.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoreError {
    /// The browser has no IndexedDB (private mode in some browsers, or disabled).
    #[error("IndexedDB is not available")]
    Unavailable,
    /// The disk quota for this site is used up; nothing was written.
    #[error("storage quota exceeded")]
    QuotaExceeded,
    /// The record to change does not exist (any more).
    #[error("record not found: {0}")]
    NotFound(String),
    /// The database is newer than this app (opened by a later version).
    #[error("database version is newer than this app")]
    TooNew,
    /// Anything else the browser reported.
    #[error("storage error: {0}")]
    Other(String),
}

impl StoreError {
    /// The i18n key of the message shown to the user.
    pub fn message_key(&self) -> K {
        match self {
            StoreError::Unavailable => K::ErrStorageUnavailable,
            StoreError::QuotaExceeded => K::ErrQuotaExceeded,
            StoreError::NotFound(_) => K::ErrNotFound,
            StoreError::TooNew => K::ErrDbTooNew,
            StoreError::Other(_) => K::ErrStorageOther,
        }
    }
}

/// Commits `tx` and waits until the browser has written it.
///
/// A commit the browser refuses itself — the disk quota is used up — fails no single request:
/// Chromium aborts the transaction and sets its `error` to a `QuotaExceededError`, while
/// indexed_db_futures only reports "aborted" (`UnexpectedDataError::TransactionAborted`). So the
/// transaction is kept aside and its own error, if it has one, decides what the user is told.
pub async fn commit(tx: indexed_db_futures::transaction::Transaction<'_>) -> Result<(), StoreError> {
    use indexed_db_futures::internals::SystemRepr;
    use wasm_bindgen::JsCast;
    let raw: web_sys::IdbTransaction = tx.as_sys().unchecked_ref::<web_sys::IdbTransaction>().clone();
    tx.commit().await.map_err(|error| match raw.error() {
        Some(reason) => StoreError::from(indexed_db_futures::error::Error::from(reason)),
        None => StoreError::from(error),
    })
}

/// Whether a DOMException is the browser saying the site's quota is used up.
fn is_quota(exception: &web_sys::DomException) -> bool {
    exception.name() == "QuotaExceededError"
}

impl From<indexed_db_futures::error::Error> for StoreError {
    fn from(error: indexed_db_futures::error::Error) -> StoreError {
        use indexed_db_futures::error::{DomException, Error};
        use indexed_db_futures::internals::SystemRepr;
        match error {
            // Whatever variant the crate sorts it into (today `Other`), a quota error is one.
            Error::DomException(e) if is_quota(e.as_sys()) => StoreError::QuotaExceeded,
            Error::DomException(DomException::InvalidStateError(_)) => StoreError::Other("invalid state".into()),
            other => StoreError::Other(other.to_string()),
        }
    }
}

impl From<indexed_db_futures::error::OpenDbError> for StoreError {
    fn from(error: indexed_db_futures::error::OpenDbError) -> StoreError {
        use indexed_db_futures::error::{DomException, Error, OpenDbError};
        match error {
            OpenDbError::NullFactory | OpenDbError::UnsupportedEnvironment => StoreError::Unavailable,
            OpenDbError::Base(Error::DomException(DomException::Other(e))) if e.name() == "VersionError" => {
                StoreError::TooNew
            }
            OpenDbError::Base(base) => base.into(),
            other => StoreError::Other(other.to_string()),
        }
    }
}

/// Why a write did not happen — the one shape of every write's failure: the input broke a rule
/// (`P`: the domain's problems or refusal, as values the page words and shows next to the
/// fields), or storage failed. Either way nothing was written.
#[derive(Debug, Clone, PartialEq)]
pub enum WriteError<P> {
    /// The input broke a rule; nothing was written.
    Invalid(P),
    /// Storage failed; nothing was written.
    Store(StoreError),
}

impl<P> From<StoreError> for WriteError<P> {
    fn from(error: StoreError) -> Self {
        WriteError::Store(error)
    }
}

impl<P> From<indexed_db_futures::error::Error> for WriteError<P> {
    fn from(error: indexed_db_futures::error::Error) -> Self {
        WriteError::Store(error.into())
    }
}

/// A registry write refused with its field problems.
pub type SaveError = WriteError<Problems>;
