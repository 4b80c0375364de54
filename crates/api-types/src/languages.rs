//! The languages Hearth speaks, and a person's or the network's choice of one.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A language Hearth ships.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LanguageView {
    /// The BCP 47 tag, e.g. `de` or `pt-BR`.
    pub tag: String,
    /// The language's name in itself, e.g. `Deutsch`.
    pub name: String,
}

/// The shipped languages and the choices in force for the caller.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LanguagesView {
    pub languages: Vec<LanguageView>,
    /// The caller's own choice; `null` follows their browser's `Accept-Language`.
    pub own: Option<String>,
    /// The network's default, for people who chose none and whose browser asks for
    /// no shipped language.
    pub network_default: String,
}

/// A person's own choice of language.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OwnLanguage {
    /// A shipped language's tag, or `null` to follow the browser again.
    pub language: Option<String>,
}

/// The network's default language.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DefaultLanguage {
    /// A shipped language's tag.
    pub language: String,
}
