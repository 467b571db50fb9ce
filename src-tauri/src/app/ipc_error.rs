use serde::Serialize;
use ts_rs::TS;

use crate::ladder::LadderError;
use crate::store::StoreError;
use rung_core::error_code::ErrorCode;

/// What a failed command sends to the window: a stable code for logic and a sentence
/// for the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl From<LadderError> for IpcError {
    fn from(error: LadderError) -> Self {
        IpcError { code: error.code(), message: error.to_string() }
    }
}

impl From<&StoreError> for IpcError {
    fn from(error: &StoreError) -> Self {
        IpcError { code: error.code(), message: capitalize(&error.to_string()) }
    }
}

impl From<StoreError> for IpcError {
    fn from(error: StoreError) -> Self {
        IpcError::from(&error)
    }
}

impl IpcError {
    pub fn internal(what: &str) -> Self {
        IpcError {
            code: ErrorCode::Internal,
            message: format!("Rung hit an internal problem while {what}. Try again."),
        }
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}
