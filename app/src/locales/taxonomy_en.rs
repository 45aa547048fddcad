//! English names of Copart's codes. Copart's other values are English already and are shown
//! as exported, so only codes and our own identifiers are listed (see `taxonomy`).

use crate::taxonomy::Taxon::{self, *};

pub(super) const NAMES: &[(Taxon, &str, &str)] = &[
    // Sale title types: the export gives a two-letter code only; pages show the code beside
    // the name. The meanings are those the earlier system documented for Copart's codes.
    (TitleType, "SC", "Salvage certificate"),
    (TitleType, "CT", "Certificate of title"),
    (TitleType, "SV", "Salvage title"),
    (TitleType, "NR", "Non-repairable"),
    (TitleType, "RB", "Rebuilt"),
    (TitleType, "CL", "Clear title"),
    (TitleType, "JK", "Junk"),
    (TitleType, "PR", "Parts only"),
    (TitleType, "BN", "Bonded title"),
    (TitleType, "WT", "Certificate of destruction"),
    // How an outcome was inferred (server/src/etl/events.rs).
    (
        OutcomeMethod,
        "disappeared_after_sale",
        "left the listings after its sale date",
    ),
    (
        OutcomeMethod,
        "disappeared_before_sale",
        "left the listings before its sale date",
    ),
    (
        OutcomeMethod,
        "disappeared_on_approval",
        "left the listings while on approval",
    ),
    (OutcomeMethod, "vin_relisted", "the VIN was listed again"),
];
