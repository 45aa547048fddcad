//! Passenger vehicles (type V) of the ten makes that fill two thirds of the real export, with
//! weights from its make counts (FORD 17,899 … GMC 3,927). Model weights are relative within a
//! make; `msrp_k` is a typical new price in thousands of dollars.

use super::kinds::Class::*;
use super::kinds::Drv::*;
use super::kinds::{EV, d, f, g, h};
use super::model::{Make, Model, m};

const FORD: &[Model] = &[
    m("F150", 30, 1997, 2026, Pickup, R4, 48, &["1FT", "1FT", "1FT", "3FT"], &["XLT", "XL", "LARIAT", "KING RANCH", "PLATINUM", "RAPTOR", "STX", "TREMOR"], &[g(50, 8), g(35, 6), g(27, 6), g(33, 6), f(50, 8), h(35, 6)])
        .det(&["F150 SUPERCREW", "F150 SUPER CAB", "F150"]),
    m("ESCAPE", 16, 2001, 2025, Suv, FX, 30, &["1FM"], &["SE", "S", "SEL", "TITANIUM", "ST-LINE", "ACTIVE", "XLT"], &[g(15, 3), g(20, 4), g(25, 4), h(25, 4), g(16, 4)]),
    m("EXPLORER", 12, 1991, 2026, Suv, FX, 40, &["1FM"], &["XLT", "BASE", "LIMITED", "PLATINUM", "ST", "TIMBERLINE", "ACTIVE"], &[g(23, 4), g(35, 6), g(30, 6), g(40, 6)]),
    m("FUSION", 10, 2006, 2020, Sedan, FA, 26, &["3FA"], &["SE", "S", "SEL", "TITANIUM", "SPORT"], &[g(25, 4), g(15, 4), g(20, 4), h(20, 4)]),
    m("MUSTANG", 7, 1981, 2026, Coupe, R, 35, &["1FA"], &["GT", "ECOBOOST", "V6", "GT PREMIUM", "MACH 1", "BASE"], &[g(50, 8), g(23, 4), g(37, 6), g(40, 6)]),
    m("EDGE", 6, 2007, 2024, Suv, FX, 36, &["2FM"], &["SE", "SEL", "TITANIUM", "ST", "LIMITED", "SPORT"], &[g(20, 4), g(35, 6), g(27, 6)]),
    m("FOCUS", 7, 2000, 2018, Sedan, F, 20, &["1FA", "3FA"], &["SE", "S", "SEL", "TITANIUM", "ST", "ZX4"], &[g(20, 4), g(10, 3)]),
    m("F250", 5, 1999, 2026, Pickup, R4, 55, &["1FT"], &["XL", "XLT", "LARIAT", "KING RANCH", "PLATINUM"], &[d(67, 8), g(62, 8), g(73, 8), d(64, 8)]).det(&["F250 SUPER DUTY"]),
    m("TRANSIT", 5, 2015, 2026, Van, R, 45, &["1FT", "1FM"], &["BASE", "XL", "XLT"], &[g(35, 6), g(37, 6), d(32, 5)]).det(&["TRANSIT T-250", "TRANSIT T-350", "TRANSIT T-150"]),
    m("RANGER", 4, 1983, 2026, Pickup, R4, 33, &["1FT"], &["XL", "XLT", "LARIAT", "EDGE"], &[g(23, 4), g(40, 6), g(30, 6)]),
    m("EXPEDITION", 3, 1997, 2026, Suv, R4, 58, &["1FM"], &["XLT", "LIMITED", "KING RANCH", "PLATINUM", "EDDIE BAUER"], &[g(35, 6), g(54, 8)]).det(&["EXPEDITION", "EXPEDITION MAX"]),
    m("BRONCO SPORT", 3, 2021, 2026, Suv, A, 32, &["3FM"], &["BIG BEND", "OUTER BANKS", "BADLANDS", "BASE"], &[g(15, 3), g(20, 4)]),
    m("BRONCO", 2, 2021, 2026, Suv, X4, 45, &["1FM"], &["BIG BEND", "BADLANDS", "WILDTRAK", "BASE", "OUTER BANKS"], &[g(23, 4), g(27, 6)]),
    m("ECOSPORT", 2, 2018, 2022, Suv, FA, 22, &["MAJ"], &["S", "SE", "TITANIUM", "SES"], &[g(10, 3), g(20, 4)]),
    m("MAVERICK", 3, 2022, 2026, Pickup, FA, 27, &["3FT"], &["XL", "XLT", "LARIAT"], &[h(25, 4), g(20, 4)]),
    m("FIESTA", 2, 2011, 2019, Hatch, F, 16, &["3FA"], &["S", "SE", "ST", "TITANIUM"], &[g(16, 4), g(10, 3)]),
    m("TAURUS", 2, 1986, 2019, Sedan, FA, 30, &["1FA"], &["SE", "SEL", "LIMITED", "SHO"], &[g(35, 6), g(30, 6), g(20, 4)]),
    m("ECONOLINE", 2, 1981, 2014, Van, R, 32, &["1FT", "1FD"], &["E350", "E250", "E150"], &[g(54, 8), g(46, 8), d(60, 8)]).det(&["ECONOLINE E350", "ECONOLINE E250"]),
    m("MUSTANG MACH-E", 1, 2021, 2026, Suv, RA, 45, &["3FM"], &["SELECT", "PREMIUM", "GT", "CALIFORNIA ROUTE 1"], &[EV]),
];

const TOYOTA: &[Model] = &[
    m("CAMRY", 22, 1983, 2026, Sedan, F, 28, &["4T1", "4T1", "JTN"], &["LE", "SE", "XLE", "XSE", "L", "TRD"], &[g(25, 4), g(35, 6), h(25, 4), g(24, 4)]),
    m("COROLLA", 20, 1984, 2026, Sedan, F, 23, &["2T1", "JTD", "5YF"], &["LE", "S", "SE", "L", "XSE", "XLE", "CE"], &[g(18, 4), g(20, 4), h(18, 4)]),
    m("RAV4", 16, 1996, 2026, Suv, FX, 32, &["2T3", "JTM", "4T3"], &["LE", "XLE", "XLE PREMIUM", "ADVENTURE", "LIMITED", "TRD OFF ROAD"], &[g(25, 4), h(25, 4), g(24, 4), g(20, 4)]),
    m("TACOMA", 8, 1995, 2026, Pickup, R4, 36, &["3TM", "5TF"], &["SR5", "SR", "TRD SPORT", "TRD OFF ROAD", "LIMITED", "PRERUNNER"], &[g(35, 6), g(27, 4), g(40, 6), g(24, 4)])
        .det(&["TACOMA DOUBLE CAB", "TACOMA ACCESS CAB", "TACOMA"]),
    m("HIGHLANDER", 8, 2001, 2026, Suv, FX, 40, &["5TD", "JTE"], &["LE", "XLE", "LIMITED", "PLATINUM", "L", "XSE"], &[g(35, 6), g(24, 4), h(25, 4), g(27, 4)]),
    m("TUNDRA", 5, 2000, 2026, Pickup, R4, 50, &["5TF"], &["SR5", "SR", "LIMITED", "PLATINUM", "1794", "TRD PRO"], &[g(57, 8), g(46, 8), g(35, 6), h(35, 6)]).det(&["TUNDRA CREWMAX", "TUNDRA DOUBLE CAB", "TUNDRA"]),
    m("PRIUS", 6, 2001, 2026, Hatch, F, 27, &["JTD"], &["TWO", "THREE", "FOUR", "BASE", "LE", "XLE"], &[h(18, 4), h(15, 4), h(20, 4)]),
    m("SIENNA", 4, 1998, 2026, Minivan, FA, 38, &["5TD"], &["LE", "XLE", "SE", "LIMITED", "XSE", "CE"], &[g(35, 6), g(33, 6), h(25, 4)]),
    m("4RUNNER", 4, 1984, 2025, Suv, R4, 42, &["JTE", "JTM"], &["SR5", "TRD OFF ROAD", "LIMITED", "TRD PRO", "SR5 PREMIUM"], &[g(40, 6), g(47, 8), g(34, 6)]),
    m("YARIS", 2, 2007, 2020, Hatch, F, 17, &["JTD", "3MY"], &["L", "LE", "SE", "BASE"], &[g(15, 4)]),
    m("C-HR", 2, 2018, 2022, Suv, F, 24, &["NMT"], &["XLE", "LIMITED", "LE", "NIGHTSHADE"], &[g(20, 4)]),
    m("AVALON", 2, 1995, 2022, Sedan, F, 38, &["4T1"], &["XLE", "LIMITED", "TOURING", "XSE"], &[g(35, 6), h(25, 4)]),
    m("COROLLA CROSS", 2, 2022, 2026, Suv, FA, 26, &["7MU", "JTN"], &["L", "LE", "XLE", "S"], &[g(20, 4), h(20, 4)]),
    m("SEQUOIA", 1, 2001, 2026, Suv, R4, 62, &["5TD"], &["SR5", "LIMITED", "PLATINUM", "TRD PRO"], &[g(57, 8), g(46, 8), h(35, 6)]),
    m("VENZA", 1, 2009, 2024, Suv, FA, 36, &["4T3", "JTE"], &["LE", "XLE", "LIMITED"], &[g(27, 4), g(35, 6), h(25, 4)]),
];

const CHEVROLET: &[Model] = &[
    m("SILVERADO", 22, 1999, 2026, Pickup, R4, 45, &["1GC", "3GC", "2GC"], &["LT", "LTZ", "WT", "RST", "HIGH COUNTRY", "CUSTOM", "LS", "TRAIL BOSS"], &[g(53, 8), g(43, 6), g(62, 8), g(27, 4), f(53, 8), d(30, 6), d(66, 8)])
        .det(&["SILVERADO K1500", "SILVERADO C1500", "SILVERADO K2500"]),
    m("EQUINOX", 14, 2005, 2026, Suv, FX, 29, &["2GN", "3GN"], &["LT", "LS", "PREMIER", "RS", "L"], &[g(15, 4), g(24, 4), g(36, 6), g(20, 4)]),
    m("MALIBU", 14, 1997, 2025, Sedan, F, 25, &["1G1"], &["LT", "LS", "RS", "PREMIER", "1LT", "LTZ"], &[g(15, 4), g(25, 4), g(24, 4), g(20, 4), g(36, 6)]),
    m("CRUZE", 8, 2011, 2019, Sedan, F, 20, &["1G1", "3G1"], &["LT", "LS", "ECO", "PREMIER", "L"], &[g(14, 4), g(18, 4)]),
    m("TAHOE", 5, 1995, 2026, Suv, R4, 58, &["1GN"], &["LT", "LS", "LTZ", "PREMIER", "Z71", "RST", "HIGH COUNTRY"], &[g(53, 8), g(62, 8), f(53, 8), d(30, 6)]),
    m("TRAVERSE", 5, 2009, 2026, Suv, FA, 38, &["1GN"], &["LT", "LS", "PREMIER", "RS", "Z71"], &[g(36, 6), g(25, 4)]),
    m("IMPALA", 5, 2000, 2020, Sedan, F, 30, &["2G1", "1G1"], &["LT", "LS", "LTZ", "PREMIER"], &[g(36, 6), g(35, 6), f(35, 6), g(25, 4)]),
    m("CAMARO", 4, 1982, 2024, Coupe, R, 33, &["1G1", "2G1"], &["LT", "SS", "LS", "ZL1", "1LT", "2SS"], &[g(36, 6), g(62, 8), g(20, 4), g(57, 8)]),
    m("COLORADO", 3, 2004, 2026, Pickup, R4, 34, &["1GC"], &["LT", "WT", "Z71", "ZR2", "TRAIL BOSS"], &[g(36, 6), g(25, 4), g(27, 4), d(28, 4)]),
    m("TRAX", 3, 2015, 2026, Suv, FA, 23, &["KL7", "3GN"], &["LS", "LT", "1RS", "ACTIV"], &[g(14, 4), g(12, 3)]),
    m("SUBURBAN", 2, 1992, 2026, Suv, R4, 62, &["1GN", "3GN"], &["LT", "LS", "LTZ", "PREMIER", "Z71"], &[g(53, 8), g(60, 8), g(62, 8)]),
    m("BLAZER", 2, 2019, 2026, Suv, FA, 38, &["3GN"], &["LT", "RS", "PREMIER", "2LT", "3LT"], &[g(36, 6), g(20, 4), g(25, 4)]),
    m("SPARK", 2, 2013, 2022, Hatch, F, 15, &["KL8"], &["LS", "1LT", "2LT", "ACTIV"], &[g(14, 4), g(12, 4)]),
    m("TRAILBLAZER", 2, 2002, 2026, Suv, FA, 25, &["KL7", "1GN"], &["LT", "LS", "RS", "ACTIV"], &[g(13, 3), g(12, 3), g(42, 6)]),
    m("EXPRESS", 2, 1996, 2026, Van, R, 40, &["1GC", "1GA", "1GB"], &["2500", "3500", "LS", "LT"], &[g(48, 8), g(60, 8), g(43, 6), d(66, 8)]).det(&["EXPRESS G2500", "EXPRESS G3500"]),
    m("SONIC", 2, 2012, 2020, Sedan, F, 18, &["1G1", "KL1"], &["LT", "LS", "RS", "PREMIER"], &[g(18, 4), g(14, 4)]),
    m("BOLT EV", 2, 2017, 2023, Hatch, F, 37, &["1G1"], &["LT", "PREMIER", "1LT", "2LT"], &[EV]),
    m("CORVETTE", 1, 1984, 2026, Coupe, R, 70, &["1G1"], &["STINGRAY", "Z06", "GRAND SPORT", "1LT", "3LT"], &[g(62, 8), g(57, 8), g(55, 8), g(70, 8)]),
    m("AVALANCHE", 1, 2002, 2013, Pickup, R4, 38, &["3GN"], &["LT", "LS", "LTZ"], &[g(53, 8), f(53, 8)]),
];

const HONDA: &[Model] = &[
    m("CIVIC", 26, 1981, 2026, Sedan, F, 25, &["2HG", "19X", "JHM", "SHH"], &["LX", "EX", "SPORT", "SI", "EX-L", "TOURING", "DX", "HX"], &[g(20, 4), g(18, 4), g(15, 4), g(17, 4), h(13, 4)]),
    m("ACCORD", 24, 1981, 2026, Sedan, F, 30, &["1HG"], &["LX", "EX", "SPORT", "EX-L", "TOURING", "SE"], &[g(24, 4), g(35, 6), g(15, 4), g(20, 4), h(20, 4)]),
    m("CR-V", 22, 1997, 2026, Suv, FX, 32, &["2HK", "5J6", "7FA"], &["EX", "LX", "EX-L", "TOURING", "SPORT", "SE"], &[g(15, 4), g(24, 4), h(20, 4)]),
    m("PILOT", 9, 2003, 2026, Suv, FX, 42, &["5FN"], &["EX", "EX-L", "TOURING", "ELITE", "LX", "SPORT", "TRAILSPORT"], &[g(35, 6)]),
    m("ODYSSEY", 7, 1995, 2026, Minivan, F, 40, &["5FN"], &["EX", "EX-L", "TOURING", "LX", "ELITE"], &[g(35, 6)]),
    m("HR-V", 6, 2016, 2026, Suv, FA, 25, &["3CZ"], &["LX", "EX", "EX-L", "SPORT"], &[g(18, 4), g(20, 4)]),
    m("FIT", 4, 2007, 2020, Hatch, F, 18, &["JHM", "3HG"], &["LX", "EX", "SPORT", "BASE"], &[g(15, 4)]),
    m("RIDGELINE", 3, 2006, 2026, Pickup, FA, 40, &["5FP"], &["RTL", "RTL-E", "SPORT", "RTS", "BLACK EDITION"], &[g(35, 6)]),
    m("PASSPORT", 2, 2019, 2026, Suv, FA, 40, &["5FN"], &["EXL", "SPORT", "TOURING", "ELITE", "TRAILSPORT"], &[g(35, 6)]),
    m("INSIGHT", 1, 2010, 2022, Sedan, F, 25, &["19X", "JHM"], &["EX", "LX", "TOURING"], &[h(15, 4), h(13, 4)]),
    m("ELEMENT", 1, 2003, 2011, Suv, FA, 22, &["5J6"], &["EX", "LX", "SC"], &[g(24, 4)]),
];

const NISSAN: &[Model] = &[
    m("ALTIMA", 25, 1993, 2026, Sedan, F, 27, &["1N4"], &["2.5 S", "2.5 SV", "2.5 SR", "2.5 SL", "S", "SV", "SR", "SL", "3.5 SE"], &[g(25, 4), g(35, 6), g(20, 4)]),
    m("ROGUE", 20, 2008, 2026, Suv, FX, 30, &["5N1", "JN8", "KNM"], &["S", "SV", "SL", "PLATINUM", "SPORT"], &[g(25, 4), g(15, 3), g(20, 4)]).det(&["ROGUE", "ROGUE SPORT"]),
    m("SENTRA", 18, 1982, 2026, Sedan, F, 21, &["3N1"], &["S", "SV", "SR", "SL", "FE+ S"], &[g(18, 4), g(20, 4), g(16, 4)]),
    m("PATHFINDER", 6, 1987, 2026, Suv, FX, 38, &["5N1"], &["S", "SV", "SL", "PLATINUM", "ROCK CREEK"], &[g(35, 6), g(40, 6), g(25, 4)]),
    m("VERSA", 6, 2007, 2026, Sedan, F, 17, &["3N1"], &["S", "SV", "SR", "S PLUS"], &[g(16, 4), g(18, 4)]).det(&["VERSA", "VERSA NOTE"]),
    m("FRONTIER", 5, 1998, 2026, Pickup, R4, 32, &["1N6"], &["S", "SV", "PRO-4X", "SL", "DESERT RUNNER"], &[g(40, 6), g(38, 6), g(25, 4)]),
    m("MURANO", 5, 2003, 2026, Suv, FA, 38, &["5N1", "JN8"], &["S", "SV", "SL", "PLATINUM"], &[g(35, 6), h(25, 4)]),
    m("KICKS", 4, 2018, 2026, Suv, F, 21, &["3N1"], &["S", "SV", "SR"], &[g(16, 4)]),
    m("MAXIMA", 3, 1985, 2023, Sedan, F, 38, &["1N4", "JN1"], &["SV", "SL", "SR", "PLATINUM", "S"], &[g(35, 6)]),
    m("TITAN", 2, 2004, 2024, Pickup, R4, 45, &["1N6"], &["SV", "PRO-4X", "SL", "PLATINUM RESERVE", "S"], &[g(56, 8), d(50, 8)]),
    m("LEAF", 2, 2011, 2025, Hatch, F, 32, &["1N4", "SJK"], &["SV", "S", "SL", "S PLUS", "SV PLUS"], &[EV]),
    m("ARMADA", 1, 2004, 2026, Suv, R4, 55, &["5N1", "JN8"], &["SV", "SL", "PLATINUM"], &[g(56, 8)]),
    m("370Z", 1, 2009, 2020, Coupe, R, 35, &["JN1"], &["BASE", "TOURING", "NISMO", "SPORT"], &[g(37, 6)]),
    m("NV", 1, 2012, 2021, Van, R, 32, &["1N6"], &["S", "SV", "SL"], &[g(40, 6), g(56, 8)]).det(&["NV 2500 HD", "NV 3500 HD"]),
];

const HYUNDAI: &[Model] = &[
    m("ELANTRA", 30, 2001, 2026, Sedan, F, 22, &["5NP", "KMH"], &["SE", "SEL", "LIMITED", "GLS", "N LINE", "VALUE EDITION", "GT"], &[g(20, 4), g(18, 4), g(16, 4), h(16, 4)]),
    m("SONATA", 22, 1989, 2026, Sedan, F, 27, &["5NP", "KMH"], &["SE", "SEL", "LIMITED", "SPORT", "GLS", "N LINE"], &[g(24, 4), g(25, 4), g(16, 4), g(20, 4), h(20, 4)]),
    m("TUCSON", 18, 2005, 2026, Suv, FX, 29, &["KM8", "5NM"], &["SE", "SEL", "LIMITED", "SPORT", "VALUE", "N LINE"], &[g(20, 4), g(24, 4), g(25, 4), h(16, 4)]),
    m("SANTA FE", 14, 2001, 2026, Suv, FX, 34, &["5NM", "KM8"], &["SE", "SEL", "LIMITED", "SPORT", "CALLIGRAPHY", "GLS"], &[g(24, 4), g(33, 6), g(20, 4), g(25, 4), h(16, 4)]).det(&["SANTA FE", "SANTA FE SPORT"]),
    m("KONA", 6, 2018, 2026, Suv, FA, 24, &["KM8"], &["SE", "SEL", "LIMITED", "N LINE", "ULTIMATE"], &[g(20, 4), g(16, 4), EV]),
    m("ACCENT", 5, 1995, 2022, Sedan, F, 17, &["KMH", "3KP"], &["SE", "GLS", "SEL", "LIMITED", "GS"], &[g(16, 4)]),
    m("PALISADE", 3, 2020, 2026, Suv, FA, 40, &["KM8"], &["SEL", "LIMITED", "CALLIGRAPHY", "SE", "XRT"], &[g(38, 6)]),
    m("VENUE", 2, 2020, 2025, Suv, F, 21, &["KMH"], &["SE", "SEL", "LIMITED"], &[g(16, 4)]),
    m("IONIQ 5", 2, 2022, 2026, Suv, RA, 45, &["KM8"], &["SE", "SEL", "LIMITED", "SE STANDARD RANGE"], &[EV]),
    m("VELOSTER", 1, 2012, 2021, Hatch, F, 22, &["KMH"], &["BASE", "TURBO", "N", "R-SPEC"], &[g(16, 4), g(20, 4)]),
    m("SANTA CRUZ", 1, 2022, 2026, Pickup, FA, 32, &["5NT"], &["SEL", "SE", "LIMITED", "SEL PREMIUM", "XRT"], &[g(25, 4)]),
];

const KIA: &[Model] = &[
    m("FORTE", 18, 2010, 2026, Sedan, F, 21, &["3KP", "KNA"], &["LXS", "GT-LINE", "FE", "LX", "EX", "GT"], &[g(20, 4), g(18, 4), g(16, 4)]),
    m("OPTIMA", 12, 2001, 2020, Sedan, F, 25, &["5XX", "KNA"], &["LX", "EX", "SX", "S", "SXL"], &[g(24, 4), g(20, 4), g(16, 4), h(20, 4)]),
    m("SORENTO", 14, 2003, 2026, Suv, FX, 33, &["5XY", "KND"], &["LX", "EX", "SX", "S", "L", "X-LINE"], &[g(24, 4), g(33, 6), g(25, 4), h(16, 4), g(35, 6)]),
    m("SPORTAGE", 14, 2005, 2026, Suv, FX, 29, &["KND", "5XY"], &["LX", "EX", "SX", "X-LINE", "S"], &[g(24, 4), g(20, 4), g(25, 4), h(16, 4)]),
    m("SOUL", 12, 2010, 2025, Hatch, F, 21, &["KND"], &["BASE", "+", "!", "LX", "S", "GT-LINE", "EX"], &[g(20, 4), g(16, 4), EV]),
    m("K5", 6, 2021, 2026, Sedan, FA, 27, &["5XX"], &["LXS", "GT-LINE", "EX", "GT", "LX"], &[g(16, 4), g(25, 4)]),
    m("TELLURIDE", 5, 2020, 2026, Suv, FA, 40, &["5XY"], &["S", "EX", "SX", "LX", "X-PRO"], &[g(38, 6)]),
    m("RIO", 5, 2001, 2023, Sedan, F, 17, &["KNA", "3KP"], &["LX", "S", "EX", "LX+"], &[g(16, 4)]),
    m("SELTOS", 3, 2021, 2026, Suv, FA, 25, &["KND"], &["LX", "S", "EX", "SX", "X-LINE"], &[g(20, 4), g(16, 4)]),
    m("SEDONA", 2, 2002, 2021, Minivan, F, 32, &["KND", "KNA"], &["LX", "EX", "SX", "L"], &[g(33, 6), g(35, 6)]),
    m("CARNIVAL", 2, 2022, 2026, Minivan, F, 38, &["KND"], &["LX", "EX", "SX", "LXS"], &[g(35, 6)]),
    m("NIRO", 2, 2017, 2026, Suv, F, 28, &["KND"], &["LX", "EX", "TOURING", "EX PREMIUM", "WIND"], &[h(16, 4), EV]),
    m("EV6", 1, 2022, 2026, Suv, RA, 48, &["KND"], &["WIND", "LIGHT", "GT-LINE", "GT"], &[EV]),
    m("STINGER", 1, 2018, 2023, Sedan, RA, 38, &["KNA"], &["GT-LINE", "GT", "GT1", "GT2", "PREMIUM"], &[g(20, 4), g(33, 6), g(25, 4)]),
];

const JEEP: &[Model] = &[
    m("GRAND CHEROKEE", 28, 1993, 2026, Suv, R4, 42, &["1C4", "1J4"], &["LAREDO", "LIMITED", "OVERLAND", "SUMMIT", "TRAILHAWK", "SRT", "ALTITUDE"], &[g(36, 6), g(57, 8), g(47, 8), d(30, 6), g(64, 8)])
        .det(&["GRAND CHEROKEE", "GRAND CHEROKEE L"]),
    m("WRANGLER", 20, 1987, 2026, Suv, X4, 38, &["1C4", "1J4"], &["SPORT", "SAHARA", "RUBICON", "WILLYS", "X", "SPORT S"], &[g(36, 6), g(38, 6), g(20, 4), g(40, 6)]).det(&["WRANGLER", "WRANGLER UNLIMITED"]),
    m("CHEROKEE", 16, 1984, 2023, Suv, FX, 30, &["1C4"], &["LATITUDE", "LIMITED", "TRAILHAWK", "SPORT", "LATITUDE PLUS", "ALTITUDE"], &[g(24, 4), g(32, 6), g(20, 4), g(40, 6)]),
    m("COMPASS", 14, 2007, 2026, Suv, FX, 28, &["3C4", "1C4"], &["LATITUDE", "SPORT", "LIMITED", "TRAILHAWK", "ALTITUDE", "NORTH"], &[g(24, 4), g(20, 4)]),
    m("RENEGADE", 8, 2015, 2023, Suv, FX, 25, &["ZAC"], &["LATITUDE", "SPORT", "LIMITED", "TRAILHAWK", "ALTITUDE"], &[g(24, 4), g(13, 4), g(14, 4)]),
    m("GLADIATOR", 5, 2020, 2026, Pickup, X4, 45, &["1C6"], &["SPORT", "OVERLAND", "RUBICON", "MOJAVE", "SPORT S"], &[g(36, 6), d(30, 6)]),
    m("LIBERTY", 4, 2002, 2012, Suv, R4, 25, &["1J4", "1C4"], &["SPORT", "LIMITED", "RENEGADE", "LATITUDE"], &[g(37, 6), g(24, 4)]),
    m("PATRIOT", 4, 2007, 2017, Suv, FX, 20, &["1C4", "1J4"], &["SPORT", "LATITUDE", "LIMITED", "HIGH ALTITUDE"], &[g(24, 4), g(20, 4)]),
    m("GRAND WAGONEER", 1, 2022, 2026, Suv, R4, 75, &["1C4"], &["SERIES I", "SERIES II", "SERIES III"], &[g(64, 8), g(30, 6)]),
];

const DODGE: &[Model] = &[
    m("CHARGER", 26, 2006, 2024, Sedan, RA, 34, &["2C3", "2B3"], &["SXT", "R/T", "GT", "SCAT PACK", "SE", "SRT HELLCAT", "POLICE"], &[g(36, 6), g(57, 8), g(64, 8), g(62, 8)]),
    m("GRAND CARAVAN", 20, 1984, 2020, Minivan, F, 28, &["2C4", "2D4", "1D4"], &["SXT", "SE", "GT", "CREW", "R/T"], &[g(36, 6), g(38, 6), g(33, 6), f(36, 6)]),
    m("DURANGO", 14, 1998, 2026, Suv, RA, 40, &["1C4", "1D4"], &["SXT", "GT", "R/T", "CITADEL", "SRT", "LIMITED"], &[g(36, 6), g(57, 8), g(47, 8), g(64, 8)]),
    m("CHALLENGER", 12, 2008, 2023, Coupe, R, 35, &["2C3", "2B3"], &["SXT", "R/T", "GT", "SCAT PACK", "SRT HELLCAT", "R/T SCAT PACK"], &[g(36, 6), g(57, 8), g(64, 8), g(62, 8)]),
    m("JOURNEY", 12, 2009, 2020, Suv, FA, 25, &["3C4", "3D4"], &["SE", "SXT", "CROSSROAD", "GT", "R/T"], &[g(24, 4), g(36, 6), g(35, 6)]),
    m("RAM 1500", 6, 1994, 2010, Pickup, R4, 30, &["1D7", "3D7"], &["ST", "SLT", "LARAMIE", "TRX", "SPORT"], &[g(47, 8), g(57, 8), g(37, 6)]),
    m("DART", 5, 2013, 2016, Sedan, F, 19, &["1C3"], &["SXT", "SE", "LIMITED", "GT", "AERO"], &[g(20, 4), g(24, 4), g(14, 4)]),
    m("AVENGER", 4, 2008, 2014, Sedan, F, 21, &["1C3", "1B3"], &["SXT", "SE", "R/T", "EXPRESS"], &[g(24, 4), g(36, 6), f(27, 6)]),
    m("CALIBER", 3, 2007, 2012, Hatch, FA, 18, &["1B3", "1C3"], &["SXT", "SE", "MAINSTREET", "UPTOWN", "R/T"], &[g(20, 4), g(18, 4), g(24, 4)]),
    m("HORNET", 1, 2023, 2026, Suv, A, 32, &["ZAC"], &["GT", "R/T", "GT PLUS"], &[g(20, 4), h(13, 4)]),
    m("NITRO", 1, 2007, 2011, Suv, R4, 24, &["1D4"], &["SXT", "SE", "SLT", "HEAT"], &[g(37, 6), g(40, 6)]),
];

const GMC: &[Model] = &[
    m("SIERRA", 35, 1999, 2026, Pickup, R4, 48, &["1GT", "3GT", "2GT"], &["SLE", "SLT", "DENALI", "AT4", "ELEVATION", "PRO", "BASE"], &[g(53, 8), g(62, 8), g(43, 6), g(27, 4), f(53, 8), d(30, 6), d(66, 8)])
        .det(&["SIERRA K1500", "SIERRA C1500", "SIERRA K2500"]),
    m("TERRAIN", 22, 2010, 2026, Suv, FX, 30, &["2GK", "3GK"], &["SLE", "SLT", "DENALI", "AT4", "SL"], &[g(15, 4), g(24, 4), g(36, 6), g(20, 4)]),
    m("ACADIA", 16, 2007, 2026, Suv, FA, 38, &["1GK"], &["SLE", "SLT", "DENALI", "AT4", "SL"], &[g(36, 6), g(25, 4), g(20, 4)]),
    m("YUKON", 14, 1992, 2026, Suv, R4, 62, &["1GK"], &["SLE", "SLT", "DENALI", "AT4"], &[g(53, 8), g(62, 8), d(30, 6)]).det(&["YUKON", "YUKON XL"]),
    m("CANYON", 6, 2004, 2026, Pickup, R4, 35, &["1GT"], &["SLE", "SLT", "AT4", "ELEVATION", "DENALI"], &[g(36, 6), g(25, 4), g(27, 4), d(28, 4)]),
    m("SAVANA", 4, 1996, 2026, Van, R, 40, &["1GT", "1GD"], &["2500", "3500", "LS", "EXPLORER"], &[g(48, 8), g(60, 8), g(43, 6)]).det(&["SAVANA G2500", "SAVANA G3500"]),
    m("ENVOY", 2, 1998, 2009, Suv, R4, 30, &["1GK"], &["SLE", "SLT", "DENALI"], &[g(42, 6), g(53, 8)]),
    m("HUMMER EV", 1, 2022, 2026, Pickup, A, 90, &["1GT"], &["EDITION 1", "3X", "2X"], &[EV]),
];

/// The big ten, weighted by their counts in the real export.
pub const MAKES: &[Make] = &[
    Make { name: "FORD", weight: 17_899, models: FORD },
    Make { name: "TOYOTA", weight: 17_651, models: TOYOTA },
    Make { name: "CHEVROLET", weight: 15_738, models: CHEVROLET },
    Make { name: "HONDA", weight: 12_482, models: HONDA },
    Make { name: "NISSAN", weight: 11_481, models: NISSAN },
    Make { name: "HYUNDAI", weight: 7_785, models: HYUNDAI },
    Make { name: "KIA", weight: 6_327, models: KIA },
    Make { name: "JEEP", weight: 5_434, models: JEEP },
    Make { name: "DODGE", weight: 4_811, models: DODGE },
    Make { name: "GMC", weight: 3_927, models: GMC },
];
