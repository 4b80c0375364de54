//! People's profiles: how colleagues find and recognise each other.

use crate::validation::ValidationError;
use crate::{Millis, NetworkId, UserId, UserStatus};

/// A person as the directory and profile pages show them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub user_id: UserId,
    pub network_id: NetworkId,
    pub handle: String,
    pub display_name: String,
    pub job_title: String,
    pub department: String,
    pub location: String,
    pub time_zone: String,
    pub about: String,
    pub manager_id: Option<UserId>,
    pub status: UserStatus,
    pub created_at: Millis,
    /// Their photo (an avatar upload); initials stand in without one.
    pub photo: Option<crate::UploadId>,
    /// A guest of an external network, from outside the company.
    pub guest: bool,
}

/// A `@handle`: 3–30 characters of `a-z`, `0-9` and `_`, starting with a letter (so it
/// can never be mistaken for an id), unique within a network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handle(String);

pub const MAX_HANDLE_CHARS: usize = 30;

impl Handle {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let value = raw.trim().trim_start_matches('@').to_lowercase();
        let invalid = |message: &str| Err(ValidationError::new("handle", message));
        if value.len() < 3 || value.len() > MAX_HANDLE_CHARS {
            return invalid("a handle has 3 to 30 characters");
        }
        if !value.starts_with(|c: char| c.is_ascii_lowercase()) {
            return invalid("a handle starts with a letter");
        }
        if !value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return invalid("a handle has only letters a–z, digits and _");
        }
        Ok(Self(value))
    }

    /// A valid handle made from an e-mail address's local part ("ana.lima@…" →
    /// "ana_lima"), for new accounts; the caller makes it unique.
    pub fn suggest_from_email(email: &str) -> Self {
        let local = email.split('@').next().unwrap_or_default().to_lowercase();
        let mut handle: String = local
            .chars()
            .map(|c| {
                if c.is_ascii_lowercase() || c.is_ascii_digit() {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        if !handle.starts_with(|c: char| c.is_ascii_lowercase()) {
            handle.insert_str(0, "user_");
        }
        while handle.len() < 3 {
            handle.push('_');
        }
        // Leave room for a numeric suffix that makes it unique.
        handle.truncate(MAX_HANDLE_CHARS - 6);
        Self(handle)
    }

    /// This handle with a number appended, still within the length limit.
    pub fn with_suffix(&self, n: u32) -> Self {
        Self(format!("{}{n}", self.0))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Changes to a profile; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileChanges {
    pub display_name: Option<String>,
    pub handle: Option<String>,
    pub job_title: Option<String>,
    pub department: Option<String>,
    pub location: Option<String>,
    pub time_zone: Option<String>,
    pub about: Option<String>,
    /// `Some(None)` removes the manager.
    pub manager_id: Option<Option<UserId>>,
}

fn short_text(field: &'static str, raw: &str, max_chars: usize) -> Result<String, ValidationError> {
    let value = raw.trim();
    if value.chars().count() > max_chars {
        return Err(ValidationError::new(
            field,
            format!("at most {max_chars} characters"),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(ValidationError::new(
            field,
            "must not contain control characters",
        ));
    }
    Ok(value.to_owned())
}

/// A time zone of the IANA database (`Europe/Lisbon`, `America/Argentina/Salta`,
/// `UTC`), as the binary carries it.
fn time_zone(raw: &str) -> Result<String, ValidationError> {
    let value = raw.trim();
    match jiff::tz::db().get(value) {
        Ok(_) if value.len() <= 64 => Ok(value.to_owned()),
        _ => Err(ValidationError::new(
            "time_zone",
            "use a time zone name such as Europe/Lisbon or UTC",
        )),
    }
}

/// Profile changes that passed validation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidProfileChanges {
    pub display_name: Option<crate::DisplayName>,
    pub handle: Option<Handle>,
    pub job_title: Option<String>,
    pub department: Option<String>,
    pub location: Option<String>,
    pub time_zone: Option<String>,
    pub about: Option<String>,
    pub manager_id: Option<Option<UserId>>,
}

impl ProfileChanges {
    pub fn validate(&self) -> Result<ValidProfileChanges, ValidationError> {
        let about = self
            .about
            .as_deref()
            .map(|about| {
                let value = about.trim();
                if value.chars().count() > 2000 {
                    return Err(ValidationError::new("about", "at most 2000 characters"));
                }
                Ok(value.to_owned())
            })
            .transpose()?;
        Ok(ValidProfileChanges {
            display_name: self
                .display_name
                .as_deref()
                .map(crate::DisplayName::parse)
                .transpose()?,
            handle: self.handle.as_deref().map(Handle::parse).transpose()?,
            job_title: self
                .job_title
                .as_deref()
                .map(|v| short_text("job_title", v, 100))
                .transpose()?,
            department: self
                .department
                .as_deref()
                .map(|v| short_text("department", v, 100))
                .transpose()?,
            location: self
                .location
                .as_deref()
                .map(|v| short_text("location", v, 100))
                .transpose()?,
            time_zone: self.time_zone.as_deref().map(time_zone).transpose()?,
            about,
            manager_id: self.manager_id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_are_lower_case_words_that_start_with_a_letter() {
        assert_eq!(Handle::parse("@Ana_Lima").unwrap().as_str(), "ana_lima");
        for bad in ["ab", "1ana", "ana lima", "ana-lima", "ánä", &"a".repeat(31)] {
            let err = Handle::parse(bad).unwrap_err();
            assert_eq!(err.field, "handle", "{bad}");
        }
    }

    #[test]
    fn suggested_handles_are_always_valid() {
        for email in [
            "ana.lima@x.com",
            "7eleven@x.com",
            "a@x.com",
            "Ünïcode@x.com",
            &format!("{}@x.com", "l".repeat(60)),
        ] {
            let suggested = Handle::suggest_from_email(email);
            Handle::parse(suggested.with_suffix(99_999).as_str())
                .unwrap_or_else(|e| panic!("{email} → {suggested:?}: {e}"));
        }
        assert_eq!(
            Handle::suggest_from_email("ana.lima@x.com").as_str(),
            "ana_lima"
        );
    }

    #[test]
    fn profile_changes_are_checked_field_by_field() {
        let ok = ProfileChanges {
            job_title: Some(" Engineer ".into()),
            time_zone: Some("America/Argentina/Salta".into()),
            ..ProfileChanges::default()
        };
        let valid = ok.validate().unwrap();
        assert_eq!(valid.job_title.as_deref(), Some("Engineer"));
        let cases = [
            (
                ProfileChanges {
                    time_zone: Some("not a zone".into()),
                    ..Default::default()
                },
                "time_zone",
            ),
            (
                ProfileChanges {
                    time_zone: Some("Mars/Olympus_Mons".into()),
                    ..Default::default()
                },
                "time_zone",
            ),
            (
                ProfileChanges {
                    department: Some("x".repeat(101)),
                    ..Default::default()
                },
                "department",
            ),
            (
                ProfileChanges {
                    about: Some("x".repeat(2001)),
                    ..Default::default()
                },
                "about",
            ),
            (
                ProfileChanges {
                    handle: Some("no".into()),
                    ..Default::default()
                },
                "handle",
            ),
            (
                ProfileChanges {
                    display_name: Some(" ".into()),
                    ..Default::default()
                },
                "display_name",
            ),
            (
                ProfileChanges {
                    location: Some("a\u{0}b".into()),
                    ..Default::default()
                },
                "location",
            ),
        ];
        for (changes, field) in cases {
            assert_eq!(changes.validate().unwrap_err().field, field);
        }
    }
}
