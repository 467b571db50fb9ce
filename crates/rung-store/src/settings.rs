use rusqlite::OptionalExtension;

use crate::error::StoreError;
use crate::Store;

impl Store {
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |row| row.get(0)).optional()?)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    pub fn setting_u64(&self, key: &str, default: u64) -> Result<u64, StoreError> {
        match self.setting(key)? {
            Some(value) => value
                .parse()
                .map_err(|_| StoreError::Invalid(format!("setting {key} is {value:?}; it must be a whole number"))),
            None => Ok(default),
        }
    }

    /// The person chosen on this laptop under "Acting as" (the app's and the CLI's
    /// default actor); on a team laptop nobody chose, the team member it is connected as;
    /// `None` when nobody has said who they are, or they are gone.
    pub fn acting_person(&self) -> Result<Option<i64>, StoreError> {
        let chosen = self.setting(ACTING_PERSON)?;
        match chosen.as_deref().map(|id| id.parse::<i64>()) {
            Some(Ok(id)) => Ok(self.interviewers()?.iter().any(|person| person.id == id).then_some(id)),
            Some(Err(_)) if chosen.as_deref() == Some(NOBODY) => Ok(None),
            _ => Ok(self.team_binding()?.map(|binding| binding.interviewer_id)),
        }
    }

    pub fn set_acting_person(&self, id: i64) -> Result<(), StoreError> {
        self.interviewer(id)?;
        self.set_setting(ACTING_PERSON, &id.to_string())
    }

    /// Nobody acts until someone chooses themselves (and proves it, where they must):
    /// said explicitly, so the team member this laptop is connected as does not step in.
    pub fn clear_acting_person(&self) -> Result<(), StoreError> {
        self.set_setting(ACTING_PERSON, NOBODY)
    }
}

const NOBODY: &str = "nobody";

/// Kept under the key it has always had, so existing laptops keep their choice.
const ACTING_PERSON: &str = "profile.current_interviewer";
