//! The small value domains of the export with their observed (or plausible) frequencies.
//! Weights are relative; where the measured export gives counts (sale status, keys, title types) the
//! weights are those counts rounded.

pub(crate) const COLORS: &[(&str, u32)] = &[
    ("WHITE", 2300),
    ("BLACK", 1900),
    ("GRAY", 1600),
    ("SILVER", 1400),
    ("BLUE", 950),
    ("RED", 900),
    ("CHARCOAL", 200),
    ("GREEN", 180),
    ("BROWN", 120),
    ("BEIGE", 110),
    ("GOLD", 100),
    ("ORANGE", 60),
    ("MAROON", 60),
    ("YELLOW", 50),
    ("BURGUNDY", 40),
    ("TAN", 40),
    ("PURPLE", 20),
    ("TWO TONE", 20),
    ("TEAL", 10),
    ("PINK", 5),
];

pub(crate) const DAMAGES: &[(&str, u32)] = &[
    ("FRONT END", 4000),
    ("REAR END", 1100),
    ("SIDE", 1000),
    ("MINOR DENT/SCRATCHES", 700),
    ("NORMAL WEAR", 700),
    ("MECHANICAL", 600),
    ("ALL OVER", 500),
    ("WATER/FLOOD", 400),
    ("HAIL", 200),
    ("VANDALISM", 150),
    ("ROLLOVER", 150),
    ("BURN", 150),
    ("TOP/ROOF", 100),
    ("UNDERCARRIAGE", 100),
    ("BURN - ENGINE", 70),
    ("FRAME DAMAGE", 50),
    ("BURN - INTERIOR", 30),
    ("BIOHAZARD/CHEM", 20),
];

/// Secondary damage is about 43% filled; its mix leans to the milder descriptions.
pub(crate) const SECONDARY_DAMAGES: &[(&str, u32)] = &[
    ("MINOR DENT/SCRATCHES", 1800),
    ("SIDE", 1400),
    ("FRONT END", 1200),
    ("REAR END", 1100),
    ("ALL OVER", 900),
    ("MECHANICAL", 700),
    ("UNDERCARRIAGE", 500),
    ("NORMAL WEAR", 500),
    ("TOP/ROOF", 300),
    ("HAIL", 200),
    ("FRAME DAMAGE", 150),
    ("VANDALISM", 100),
    ("WATER/FLOOD", 100),
    ("BURN - INTERIOR", 50),
];

pub(crate) const TITLE_TYPES: &[(&str, u32)] = &[
    ("SC", 3800),
    ("CT", 2400),
    ("SV", 1200),
    ("NR", 900),
    ("RB", 500),
    ("CL", 500),
    ("JK", 300),
    ("PR", 200),
    ("BN", 100),
    ("WT", 100),
];

/// `Has Keys-Yes or No`: YES×138,312, NO×9,671, EXM×5,999.
pub(crate) const KEYS: &[(&str, u32)] = &[("YES", 138_312), ("NO", 9_671), ("EXM", 5_999)];

pub(crate) const RUNS_DRIVES: &[(&str, u32)] = &[
    ("Run & Drive Verified", 38),
    ("Starts", 31),
    ("Stationary", 24),
    ("Enhanced Vehicles", 4),
    ("Does Not Start", 3),
];

/// `Sale Status`: Pure Sale×100,543, On Minimum Bid×43,386, On Approval×10,054, plus a rare
/// Future Sale.
pub(crate) const SALE_STATUSES: &[(&str, u32)] = &[
    ("Pure Sale", 100_543),
    ("On Minimum Bid", 43_386),
    ("On Approval", 10_054),
    ("Future Sale", 60),
];

pub(crate) const ODOMETER_BRANDS: &[(&str, u32)] = &[
    ("A", 8600),
    ("E", 700),
    ("N", 400),
    ("T", 250),
    ("R", 30),
    ("M", 20),
];

pub(crate) const SPECIAL_NOTES: &[(&str, u32)] = &[
    ("AIRBAGS DEPLOYED", 20),
    ("MISSING PARTS", 15),
    ("ENGINE DAMAGE", 12),
    ("TITLE DELAYED", 10),
    ("NO KEYS, DOES NOT START", 8),
    ("FLOOD VEHICLE", 8),
    ("PARTS ONLY - NOT REBUILDABLE", 6),
    ("CONTENTS NOT INCLUDED", 6),
    ("SOLD AS-IS, NO WARRANTY", 5),
    ("TRANSMISSION DAMAGE", 5),
    ("ODOMETER NOT ACTUAL", 4),
    ("OFFSITE PICKUP - CALL YARD", 3),
];

pub(crate) const SELLERS: &[(&str, u32)] = &[
    ("STATE FARM INSURANCE", 180),
    ("GEICO", 150),
    ("PROGRESSIVE INSURANCE", 140),
    ("ALLSTATE", 110),
    ("USAA", 90),
    ("FARMERS INSURANCE", 60),
    ("LIBERTY MUTUAL INSURANCE", 55),
    ("NATIONWIDE INSURANCE", 45),
    ("TRAVELERS INSURANCE", 30),
    ("ENTERPRISE RENT-A-CAR", 30),
    ("AVIS BUDGET GROUP", 20),
    ("HERTZ CORPORATION, THE", 20),
    ("ALLY FINANCIAL", 20),
    ("CARMAX AUTO SUPERSTORES", 15),
    ("WELLS FARGO DEALER SERVICES", 12),
    ("SANTANDER CONSUMER USA", 12),
    ("AMERICAN CREDIT ACCEPTANCE", 8),
    ("TESLA, INC.", 6),
    ("CITY OF HOUSTON", 4),
    ("DONATION - CHARITY", 4),
];

pub(crate) const OFFSITE_STREETS: &[&str] = &[
    "MAIN ST",
    "INDUSTRIAL BLVD",
    "COMMERCE DR",
    "AIRPORT RD",
    "HIGHWAY 90",
    "OAK AVE",
    "RIVER RD",
    "PARK PLACE",
    "MARKET ST",
    "FREEWAY DR",
];

pub(crate) const SALE_LIGHTS: &[(&str, u32)] =
    &[("GREEN", 60), ("YELLOW", 25), ("RED", 10), ("BLUE", 5)];

pub(crate) const AUTO_GRADES: &[&str] = &["1.5", "2.0", "2.5", "3.0", "3.5", "4.0", "4.5"];

pub(crate) const ANNOUNCEMENTS: &[(&str, u32)] = &[
    ("CONTAINS UNREPAIRED DAMAGE", 30),
    ("AIRBAG(S) DEPLOYED", 20),
    ("STRUCTURAL DAMAGE", 15),
    ("TITLE ABSENT", 10),
    ("FRAME DAMAGE, SOLD AS-IS", 10),
    ("FLOOD DAMAGE", 10),
    ("ODOMETER DISCREPANCY", 5),
];

/// Title states that show up for lots sold outside their title's state, weighted roughly by
/// population.
pub(crate) const OTHER_TITLE_STATES: &[(&str, u32)] = &[
    ("TX", 90),
    ("CA", 85),
    ("FL", 70),
    ("NY", 45),
    ("IL", 40),
    ("PA", 38),
    ("OH", 35),
    ("GA", 33),
    ("NC", 32),
    ("MI", 30),
    ("NJ", 28),
    ("VA", 26),
    ("WA", 23),
    ("AZ", 22),
    ("TN", 21),
    ("MA", 21),
    ("IN", 20),
    ("MO", 18),
    ("MD", 18),
    ("WI", 17),
    ("CO", 17),
    ("MN", 17),
    ("SC", 16),
    ("AL", 15),
    ("LA", 14),
    ("KY", 13),
    ("OR", 12),
    ("OK", 12),
    ("CT", 10),
    ("UT", 10),
    ("NV", 9),
    ("AR", 9),
    ("MS", 9),
    ("KS", 9),
    ("NM", 6),
    ("NE", 6),
    ("ID", 5),
    ("WV", 5),
    ("HI", 4),
    ("NH", 4),
    ("ME", 4),
    ("RI", 3),
    ("MT", 3),
    ("DE", 3),
    ("SD", 3),
    ("ND", 2),
    ("AK", 2),
    ("DC", 2),
    ("VT", 2),
    ("WY", 2),
];

/// Local sale start times other than a yard's usual one.
pub(crate) const OTHER_SALE_TIMES: &[u16] = &[900, 1000, 1100, 1200, 1300, 1400];

/// Junk found in the VIN column of real exports.
pub(crate) const JUNK_VINS: &[&str] = &["K1TCHEN004", "787714", "CHX230210", "15101215"];

/// Time zone texts that no parser should accept.
pub(crate) const UNKNOWN_ZONES: &[&str] = &["XST", "GMT+3", "EETS", "PDTX"];
