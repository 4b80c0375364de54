//! People: profiles, the directory, and following colleagues.

use crate::{App, AppError, signed_in};
use hearth_domain::{Actor, Profile, ProfileChanges, UploadId, User, UserId, policy};
use hearth_store::StoreError;
use hearth_store::profiles::{self, DirectoryFilter};

/// A profile with what the viewer sees about following.
#[derive(Debug, Clone)]
pub struct ProfileCard {
    pub profile: Profile,
    pub followers: i64,
    pub following: i64,
    pub followed_by_viewer: bool,
}

/// How a person is named in a request: their id, or their `@handle`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersonRef {
    Id(UserId),
    Handle(String),
}

impl PersonRef {
    /// Digits are an id; anything else is a handle (handles start with a letter).
    pub fn parse(raw: &str) -> Self {
        match raw.parse::<i64>() {
            Ok(id) => Self::Id(UserId(id)),
            Err(_) => Self::Handle(raw.trim_start_matches('@').to_lowercase()),
        }
    }
}

async fn find(app: &App, viewer: &User, person: &PersonRef) -> Result<Profile, AppError> {
    let mut db = app.store().conn().await?;
    let found = match person {
        PersonRef::Id(id) => profiles::get(&mut db, viewer.network_id, *id).await?,
        PersonRef::Handle(handle) => {
            profiles::get_by_handle(&mut db, viewer.network_id, handle).await?
        }
    };
    // Lookups are confined to the viewer's network, so outsiders are simply not found.
    found.ok_or(AppError::NotFound("person"))
}

/// The photos of these colleagues who set one, for lists of names (members,
/// reactions). People of other networks are left out.
pub async fn photos(
    app: &App,
    actor: &Actor,
    people: &[UserId],
) -> Result<std::collections::HashMap<UserId, UploadId>, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let mut found = std::collections::HashMap::new();
    // One value is bound per person: ask in slices both backends accept.
    for chunk in people.chunks(500) {
        found.extend(hearth_store::uploads::photos(&mut db, user.network_id, chunk).await?);
    }
    Ok(found)
}

/// A colleague's profile card.
pub async fn get(app: &App, actor: &Actor, person: &PersonRef) -> Result<ProfileCard, AppError> {
    let viewer = signed_in(actor)?;
    let profile = find(app, viewer, person).await?;
    let mut db = app.store().conn().await?;
    let (followers, following, followed_by_viewer) =
        profiles::follow_counts(&mut db, profile.user_id, viewer.id).await?;
    Ok(ProfileCard {
        profile,
        followers,
        following,
        followed_by_viewer,
    })
}

/// Edits a profile: one's own, or anyone's in the network for an admin.
pub async fn update(
    app: &App,
    actor: &Actor,
    person: &PersonRef,
    changes: &ProfileChanges,
) -> Result<Profile, AppError> {
    let viewer = signed_in(actor)?;
    let target = find(app, viewer, person).await?;
    policy::may_edit_profile(actor, &target)?;
    let changes = changes.validate()?;
    let mut tx = app.store().begin().await?;
    if let Some(Some(manager)) = changes.manager_id {
        if manager == target.user_id {
            return Err(hearth_domain::ValidationError::new(
                "manager_id",
                "a person cannot be their own manager",
            )
            .into());
        }
        if profiles::get(&mut tx, target.network_id, manager)
            .await?
            .is_none()
        {
            return Err(hearth_domain::ValidationError::new(
                "manager_id",
                "the manager must be a person in this network",
            )
            .into());
        }
    }
    profiles::update(&mut tx, target.user_id, &changes, app.now())
        .await
        .map_err(|err| match err {
            StoreError::Conflict { .. } => AppError::Conflict {
                message: "this handle is already taken".to_owned(),
                field: Some("handle"),
            },
            other => other.into(),
        })?;
    let updated = profiles::get(&mut tx, target.network_id, target.user_id)
        .await?
        .ok_or(AppError::NotFound("person"))?;
    tx.commit().await?;
    tracing::info!(user.id = %updated.user_id, "profile updated");
    Ok(updated)
}

/// What the directory is asked for.
#[derive(Debug, Clone, Default)]
pub struct DirectoryQuery {
    pub name: Option<String>,
    pub department: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<u32>,
}

/// One page of the directory and the cursor for the next, if there is more.
#[derive(Debug, Clone)]
pub struct DirectoryPage {
    pub people: Vec<Profile>,
    pub next_cursor: Option<String>,
}

pub const DEFAULT_PAGE: u32 = 50;
pub const MAX_PAGE: u32 = 200;

/// The viewer's colleagues who have not left, alphabetically, filtered by name and
/// department, a page at a time.
pub async fn directory(
    app: &App,
    actor: &Actor,
    query: &DirectoryQuery,
) -> Result<DirectoryPage, AppError> {
    let viewer = signed_in(actor)?;
    let limit = query.limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(hearth_domain::ValidationError::new(
            "limit",
            format!("limit must be between 1 and {MAX_PAGE}"),
        )
        .into());
    }
    let after = query.cursor.as_deref().map(decode_cursor).transpose()?;
    let nonempty = |text: &Option<String>| {
        text.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    let filter = DirectoryFilter {
        name_contains: nonempty(&query.name).map(|n| n.to_lowercase()),
        department: nonempty(&query.department),
        after,
        limit: i64::from(limit) + 1,
    };
    let mut db = app.store().conn().await?;
    let mut rows = profiles::directory(&mut db, viewer.network_id, &filter).await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = if more {
        rows.last()
            .map(|(profile, key)| encode_cursor(key, profile.user_id))
    } else {
        None
    };
    Ok(DirectoryPage {
        people: rows.into_iter().map(|(profile, _)| profile).collect(),
        next_cursor,
    })
}

/// Cursors are opaque to clients: the sort key and id, hex-encoded.
fn encode_cursor(key: &str, id: UserId) -> String {
    let raw = format!("{}:{key}", id.0);
    raw.bytes().map(|b| format!("{b:02x}")).collect()
}

fn decode_cursor(cursor: &str) -> Result<(String, UserId), AppError> {
    let invalid = || {
        hearth_domain::ValidationError::new(
            "cursor",
            "this cursor is not valid; start again from the first page",
        )
    };
    if !cursor.len().is_multiple_of(2) || cursor.len() > 1024 {
        return Err(invalid().into());
    }
    // Byte pairs, not string slices: a cursor is client input and may hold any
    // character, which a slice at an odd byte would split.
    let bytes = cursor
        .as_bytes()
        .chunks(2)
        .map(|pair| match pair {
            [high, low] => Some((hex_value(*high)? << 4) | hex_value(*low)?),
            _ => None,
        })
        .collect::<Option<Vec<u8>>>()
        .ok_or_else(invalid)?;
    let raw = String::from_utf8(bytes).map_err(|_| invalid())?;
    let (id, key) = raw.split_once(':').ok_or_else(invalid)?;
    let id = id.parse::<i64>().map_err(|_| invalid())?;
    Ok((key.to_owned(), UserId(id)))
}

fn hex_value(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|value| u8::try_from(value).ok())
}

/// Follows a colleague; following twice is the same as once.
pub async fn follow(app: &App, actor: &Actor, person: &PersonRef) -> Result<(), AppError> {
    let viewer = signed_in(actor)?;
    let target = find(app, viewer, person).await?;
    policy::may_follow(viewer, &target)?;
    let mut db = app.store().conn().await?;
    profiles::follow(
        &mut db,
        viewer.network_id,
        viewer.id,
        target.user_id,
        app.now(),
    )
    .await?;
    Ok(())
}

/// Stops following; not following is not an error.
pub async fn unfollow(app: &App, actor: &Actor, person: &PersonRef) -> Result<(), AppError> {
    let viewer = signed_in(actor)?;
    let target = find(app, viewer, person).await?;
    let mut db = app.store().conn().await?;
    profiles::unfollow(&mut db, viewer.id, target.user_id).await?;
    Ok(())
}

/// Who follows a person (`followers = true`) or whom they follow.
pub async fn follow_list(
    app: &App,
    actor: &Actor,
    person: &PersonRef,
    followers: bool,
) -> Result<Vec<Profile>, AppError> {
    let viewer = signed_in(actor)?;
    let target = find(app, viewer, person).await?;
    let mut db = app.store().conn().await?;
    Ok(profiles::follow_list(&mut db, target.user_id, followers).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        let cursor = encode_cursor("ana lima", UserId(42));
        assert_eq!(
            decode_cursor(&cursor).unwrap(),
            ("ana lima".to_owned(), UserId(42))
        );
        for bad in ["zz", "abc", "6869", &"00".repeat(600)] {
            assert!(decode_cursor(bad).is_err(), "{bad}");
        }
    }

    proptest::proptest! {
        // Names are at most 100 characters of any script; the cursor of the longest
        // still fits the length a cursor may have.
        #[test]
        fn every_name_and_id_round_trips_through_a_cursor(
            key in "\\PC{0,100}",
            id in proptest::prelude::any::<i64>(),
        ) {
            let cursor = encode_cursor(&key, UserId(id));
            proptest::prop_assert_eq!(decode_cursor(&cursor).unwrap(), (key, UserId(id)));
        }

        #[test]
        fn any_text_as_a_cursor_is_decoded_or_refused(raw in "\\PC{0,80}|[0-9a-fA-F]{0,80}") {
            if let Ok((key, id)) = decode_cursor(&raw) {
                proptest::prop_assert_eq!(
                    decode_cursor(&encode_cursor(&key, id)).unwrap(),
                    (key, id)
                );
            }
        }
    }

    #[test]
    fn digits_name_an_id_and_anything_else_a_handle() {
        assert_eq!(PersonRef::parse("42"), PersonRef::Id(UserId(42)));
        assert_eq!(
            PersonRef::parse("@Ana"),
            PersonRef::Handle("ana".to_owned())
        );
    }
}
