//! The demo company's external network with its fit-out suppliers: who is in it, and
//! what they wrote there. None of it shows in the company's own network.

use super::company::ago;

pub const NAME: &str = "Porto fit-out";
pub const DESCRIPTION: &str =
    "Furniture, network cabling and deliveries for the new Porto office, with our suppliers.";
pub const GUEST_DOMAIN: &str = "fitout.example";

/// When the sponsor (the demo's first person) created it.
pub const CREATED: i64 = ago(9, 4);

/// Colleagues the sponsor added.
pub const MEMBERS: &str = "daniel_okafor helena_costa tomas_ferreira";

/// `(minutes ago, author, text)`, in the external network.
pub const POSTS: &[(i64, &str, &str)] = &[
    (
        ago(9, 2),
        "daniel_okafor",
        "Welcome to the fit-out network. Delivery slots for the desks are Tuesday and \
         Thursday mornings; the loading bay closes at noon.",
    ),
    (
        ago(6, 1),
        "helena_costa",
        "Cabling plan for the second floor is attached to the contract: one drop per desk, \
         two per meeting room. Please confirm the rack position by Friday.",
    ),
];

/// The supplier's project lead, a guest who accepted her invitation: she signs in
/// with the demo's password and sees this network alone.
pub const GUEST: (&str, &str) = ("marta.sousa@fitout.example", "Marta Sousa");
/// When she was invited, and accepted.
pub const GUEST_INVITED: i64 = ago(8, 3);
/// What she wrote there.
pub const GUEST_POST: (i64, &str) = (
    ago(5, 2),
    "Desks and chairs leave our warehouse on Monday. We need the lift reserved from \
     eight to eleven on Tuesday; who books it?",
);
/// A second guest, invited lately, who has not opened the link yet.
pub const INVITED: &str = "rui.matos@fitout.example";
