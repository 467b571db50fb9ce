use serde::Serialize;
use ts_rs::TS;

use crate::ladder::LadderError;

/// What a failed command sends to the window: a stable code for logic and a sentence
/// for the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IpcError {
    pub code: String,
    pub message: String,
}

impl From<LadderError> for IpcError {
    fn from(error: LadderError) -> Self {
        IpcError { code: error.code().to_owned(), message: error.to_string() }
    }
}

impl IpcError {
    pub fn unknown_ladder(id: &str) -> Self {
        IpcError {
            code: "unknown_ladder".to_owned(),
            message: format!("No ladder with id {id} is open. Choose a ladder from the list."),
        }
    }

    pub fn internal(what: &str) -> Self {
        IpcError { code: "internal".to_owned(), message: format!("Rung hit an internal problem while {what}. Try again.") }
    }
}
