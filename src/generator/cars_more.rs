//! Passenger vehicles (type V) of the other makes: together about a quarter of the export, led
//! by BMW, VOLKSWAGEN, RAM, MERCEDES-BENZ, SUBARU, MAZDA, LEXUS, TESLA and AUDI.

use super::kinds::Class::*;
use super::kinds::Drv::*;
use super::kinds::{EV, d, f, g, h};
use super::model::{Make, Model, m};

const BMW: &[Model] = &[
    m("3 SERIES", 30, 1984, 2026, Sedan, RA, 45, &["WBA"], &["328I", "330I", "335I", "328I XDRIVE", "330XI", "340I", "320I"], &[g(20, 4), g(30, 6), g(25, 6)]).det(&[""]),
    m("X5", 16, 2000, 2026, Suv, A, 65, &["5UX"], &["XDRIVE35I", "XDRIVE40I", "SDRIVE40I", "XDRIVE50I", "XDRIVE45E"], &[g(30, 6), g(44, 8), d(30, 6), h(30, 6)]),
    m("X3", 14, 2004, 2026, Suv, A, 48, &["5UX", "WBX"], &["XDRIVE30I", "SDRIVE30I", "XDRIVE28I", "M40I"], &[g(20, 4), g(30, 6)]),
    m("5 SERIES", 14, 1982, 2026, Sedan, RA, 58, &["WBA"], &["530I", "535I", "528I", "540I", "550I", "530E"], &[g(20, 4), g(30, 6), g(44, 8), h(20, 4)]).det(&[""]),
    m("4 SERIES", 8, 2014, 2026, Coupe, RA, 50, &["WBA"], &["430I", "440I", "428I", "435I", "M440I"], &[g(20, 4), g(30, 6)]).det(&[""]),
    m("X1", 8, 2013, 2026, Suv, FA, 40, &["WBX"], &["XDRIVE28I", "SDRIVE28I", "XDRIVE35I"], &[g(20, 4)]),
    m("7 SERIES", 4, 1988, 2026, Sedan, RA, 90, &["WBA"], &["740I", "750I", "750LI", "740LI"], &[g(30, 6), g(44, 8)]).det(&[""]),
    m("X7", 2, 2019, 2026, Suv, A, 80, &["5UX"], &["XDRIVE40I", "M50I", "ALPINA XB7"], &[g(30, 6), g(44, 8)]),
    m("I3", 1, 2014, 2021, Hatch, R, 45, &["WBY"], &["BASE", "REX", "S"], &[EV]),
];

const VOLKSWAGEN: &[Model] = &[
    m("JETTA", 32, 1985, 2026, Sedan, F, 23, &["3VW"], &["S", "SE", "SEL", "SPORT", "GLI", "TDI"], &[g(14, 4), g(20, 4), g(25, 5), g(15, 4), d(20, 4)]),
    m("PASSAT", 16, 1990, 2022, Sedan, F, 28, &["1VW", "WVW"], &["SE", "S", "R-LINE", "SEL", "TDI SE"], &[g(18, 4), g(20, 4), g(36, 6), d(20, 4)]),
    m("TIGUAN", 18, 2009, 2026, Suv, FA, 30, &["3VV", "WVG"], &["S", "SE", "SEL", "SEL R-LINE", "WOLFSBURG"], &[g(20, 4)]),
    m("ATLAS", 10, 2018, 2026, Suv, FA, 40, &["1V2"], &["SE", "SEL", "S", "SE TECHNOLOGY", "SEL PREMIUM"], &[g(36, 6), g(20, 4)]),
    m("GOLF", 8, 1985, 2021, Hatch, F, 25, &["WVW", "3VW"], &["S", "SE", "GTI", "TSI", "R"], &[g(18, 4), g(20, 4), g(25, 5)]),
    m("BEETLE", 6, 1998, 2019, Hatch, F, 22, &["3VW"], &["S", "SE", "TURBO", "DUNE", "BASE"], &[g(25, 5), g(18, 4), g(20, 4)]),
    m("ID.4", 3, 2021, 2026, Suv, RA, 42, &["1V2", "WVG"], &["PRO", "PRO S", "STANDARD", "PRO S PLUS"], &[EV]),
];

const RAM: &[Model] = &[
    m("1500", 50, 2011, 2026, Pickup, R4, 47, &["1C6", "3C6"], &["BIG HORN", "TRADESMAN", "LARAMIE", "REBEL", "LIMITED", "SLT", "CLASSIC"], &[g(57, 8), g(36, 6), d(30, 6)]),
    m("2500", 20, 2011, 2026, Pickup, R4, 55, &["3C6"], &["TRADESMAN", "BIG HORN", "LARAMIE", "POWER WAGON", "LIMITED"], &[d(67, 6), g(64, 8), g(57, 8)]),
    m("3500", 10, 2011, 2026, Pickup, R4, 60, &["3C6", "3C7"], &["TRADESMAN", "LARAMIE", "BIG HORN", "LIMITED"], &[d(67, 6), g(64, 8)]),
    m("PROMASTER", 14, 2014, 2026, Van, F, 42, &["3C6"], &["1500", "2500", "3500", "HIGH ROOF"], &[g(36, 6), d(30, 4)]).det(&["PROMASTER 2500", "PROMASTER 1500", "PROMASTER 3500"]),
    m("PROMASTER CITY", 6, 2015, 2022, Van, F, 28, &["ZFB"], &["TRADESMAN", "SLT", "WAGON"], &[g(24, 4)]),
];

const MERCEDES: &[Model] = &[
    m("C-CLASS", 30, 1994, 2026, Sedan, RA, 45, &["55S", "WDD", "W1K"], &["C 300", "C 300 4MATIC", "C 250", "C 350", "AMG C 43"], &[g(20, 4), g(18, 4), g(35, 6), g(30, 6)]).det(&[""]),
    m("E-CLASS", 16, 1994, 2026, Sedan, RA, 60, &["WDD", "W1K"], &["E 350", "E 300", "E 350 4MATIC", "E 450", "E 550"], &[g(35, 6), g(20, 4), g(30, 6), g(47, 8)]).det(&[""]),
    m("GLC", 14, 2016, 2026, Suv, RA, 48, &["WDC", "W1N"], &["GLC 300", "GLC 300 4MATIC", "AMG GLC 43"], &[g(20, 4), g(30, 6)]).det(&[""]),
    m("GLE", 12, 2016, 2026, Suv, A, 62, &["4JG"], &["GLE 350", "GLE 350 4MATIC", "GLE 450", "AMG GLE 53"], &[g(35, 6), g(20, 4), g(30, 6)]).det(&[""]),
    m("GLA", 8, 2015, 2026, Suv, FA, 38, &["WDC", "W1N"], &["GLA 250", "GLA 250 4MATIC", "AMG GLA 35"], &[g(20, 4)]).det(&[""]),
    m("CLA", 8, 2014, 2026, Sedan, FA, 40, &["WDD", "W1K"], &["CLA 250", "CLA 250 4MATIC", "AMG CLA 45"], &[g(20, 4)]).det(&[""]),
    m("S-CLASS", 4, 1994, 2026, Sedan, RA, 110, &["WDD", "W1K"], &["S 550", "S 560", "S 500", "S 580 4MATIC"], &[g(47, 8), g(40, 8), g(30, 6)]).det(&[""]),
    m("SPRINTER", 8, 2007, 2026, Van, R, 52, &["WD3", "W1Y", "WDA"], &["2500", "3500", "CARGO", "CREW"], &[d(30, 6), g(20, 4), d(21, 4)]).det(&["SPRINTER 2500", "SPRINTER 3500"]),
];

const SUBARU: &[Model] = &[
    m("OUTBACK", 30, 1996, 2026, Wagon, A, 32, &["4S4"], &["PREMIUM", "LIMITED", "TOURING", "BASE", "ONYX EDITION XT", "WILDERNESS"], &[g(25, 4), g(36, 6), g(24, 4)]),
    m("FORESTER", 26, 1998, 2026, Suv, A, 30, &["JF2"], &["PREMIUM", "LIMITED", "TOURING", "BASE", "SPORT", "WILDERNESS"], &[g(25, 4), g(20, 4)]),
    m("CROSSTREK", 18, 2013, 2026, Suv, A, 27, &["JF2"], &["PREMIUM", "LIMITED", "BASE", "SPORT"], &[g(20, 4), g(25, 4), h(20, 4)]),
    m("IMPREZA", 12, 1993, 2026, Sedan, A, 22, &["JF1", "4S3"], &["PREMIUM", "BASE", "SPORT", "LIMITED", "2.5I"], &[g(20, 4), g(25, 4)]),
    m("LEGACY", 8, 1990, 2025, Sedan, A, 26, &["4S3"], &["PREMIUM", "LIMITED", "SPORT", "2.5I", "TOURING XT"], &[g(25, 4), g(36, 6), g(24, 4)]),
    m("ASCENT", 4, 2019, 2026, Suv, A, 38, &["4S4"], &["PREMIUM", "LIMITED", "TOURING", "ONYX EDITION"], &[g(24, 4)]),
    m("WRX", 4, 2015, 2026, Sedan, A, 33, &["JF1"], &["BASE", "PREMIUM", "LIMITED", "STI", "GT"], &[g(20, 4), g(24, 4), g(25, 4)]),
];

const MAZDA: &[Model] = &[
    m("MAZDA3", 30, 2004, 2026, Sedan, F, 23, &["3MZ", "JM1"], &["SPORT", "TOURING", "GRAND TOURING", "PREFERRED", "SELECT", "I"], &[g(20, 4), g(25, 4)]),
    m("CX-5", 30, 2013, 2026, Suv, FA, 30, &["JM3"], &["TOURING", "SPORT", "GRAND TOURING", "CARBON EDITION", "SIGNATURE"], &[g(25, 4), g(20, 4)]),
    m("MAZDA6", 12, 2003, 2021, Sedan, F, 27, &["1YV", "JM1"], &["SPORT", "TOURING", "GRAND TOURING", "I", "S"], &[g(25, 4), g(37, 6)]),
    m("CX-9", 8, 2007, 2023, Suv, FA, 38, &["JM3"], &["TOURING", "SPORT", "GRAND TOURING", "SIGNATURE"], &[g(25, 4), g(37, 6)]),
    m("CX-30", 10, 2020, 2026, Suv, FA, 26, &["3MV"], &["SELECT", "PREFERRED", "PREMIUM", "TURBO"], &[g(25, 4), g(20, 4)]),
    m("CX-50", 4, 2023, 2026, Suv, A, 32, &["7MM"], &["SELECT", "PREFERRED", "PREMIUM"], &[g(25, 4)]),
    m("MX-5 MIATA", 3, 1990, 2026, Conv, R, 30, &["JM1"], &["CLUB", "SPORT", "GRAND TOURING", "RF"], &[g(20, 4), g(18, 4)]),
];

const LEXUS: &[Model] = &[
    m("RX 350", 30, 2007, 2026, Suv, FA, 50, &["2T2", "JTJ"], &["BASE", "F SPORT", "PREMIUM", "LUXURY"], &[g(35, 6), g(24, 4)]),
    m("ES 350", 24, 2007, 2026, Sedan, F, 43, &["58A", "JTH"], &["BASE", "F SPORT", "ULTRA LUXURY", "LUXURY"], &[g(35, 6)]),
    m("IS 250", 8, 2006, 2015, Sedan, RA, 38, &["JTH"], &["BASE", "F SPORT", "AWD"], &[g(25, 6)]),
    m("NX 300", 12, 2015, 2026, Suv, FA, 42, &["JTJ"], &["BASE", "F SPORT", "PREMIUM", "LUXURY"], &[g(20, 4), g(25, 4), h(25, 4)]),
    m("GX 460", 6, 2010, 2023, Suv, X4, 58, &["JTJ"], &["BASE", "PREMIUM", "LUXURY"], &[g(46, 8)]),
    m("IS 300", 8, 2016, 2026, Sedan, RA, 42, &["JTH"], &["BASE", "F SPORT"], &[g(20, 4), g(35, 6)]),
    m("RX 450H", 5, 2010, 2022, Suv, A, 55, &["2T2", "JTJ"], &["BASE", "F SPORT", "LUXURY"], &[h(35, 6)]),
    m("LS 460", 2, 2007, 2017, Sedan, RA, 75, &["JTH"], &["BASE", "L", "F SPORT"], &[g(46, 8)]),
];

const TESLA: &[Model] = &[
    m("MODEL 3", 45, 2017, 2026, Sedan, RA, 42, &["5YJ", "LRW"], &["LONG RANGE", "STANDARD RANGE PLUS", "PERFORMANCE", "MID RANGE"], &[EV]),
    m("MODEL Y", 38, 2020, 2026, Suv, A, 48, &["7SA", "5YJ"], &["LONG RANGE", "PERFORMANCE", "STANDARD RANGE"], &[EV]),
    m("MODEL S", 9, 2012, 2026, Sedan, A, 85, &["5YJ"], &["LONG RANGE", "PLAID", "P85D", "75D", "100D"], &[EV]),
    m("MODEL X", 6, 2016, 2026, Suv, A, 95, &["5YJ", "7SA"], &["LONG RANGE", "PLAID", "75D", "100D", "P100D"], &[EV]),
    m("CYBERTRUCK", 2, 2024, 2026, Pickup, A, 90, &["7G2"], &["AWD", "CYBERBEAST", "FOUNDATION SERIES"], &[EV]),
];

const AUDI: &[Model] = &[
    m("A4", 25, 1996, 2026, Sedan, A, 42, &["WAU"], &["PREMIUM", "PREMIUM PLUS", "PRESTIGE", "KOMFORT", "S LINE"], &[g(20, 4), g(18, 4), g(32, 6)]),
    m("Q5", 30, 2009, 2026, Suv, A, 46, &["WA1"], &["PREMIUM", "PREMIUM PLUS", "PRESTIGE", "S LINE"], &[g(20, 4), g(30, 6), h(20, 4)]),
    m("A6", 12, 1998, 2026, Sedan, A, 58, &["WAU"], &["PREMIUM", "PREMIUM PLUS", "PRESTIGE"], &[g(20, 4), g(30, 6)]),
    m("Q7", 12, 2007, 2026, Suv, A, 62, &["WA1"], &["PREMIUM", "PREMIUM PLUS", "PRESTIGE"], &[g(30, 6), g(20, 4), d(30, 6)]),
    m("Q3", 10, 2015, 2026, Suv, A, 38, &["WA1"], &["PREMIUM", "PREMIUM PLUS", "S LINE"], &[g(20, 4)]),
    m("A3", 8, 2006, 2026, Sedan, FA, 36, &["WAU"], &["PREMIUM", "PREMIUM PLUS", "PRESTIGE"], &[g(20, 4), g(18, 4)]),
    m("E-TRON", 3, 2019, 2024, Suv, A, 70, &["WA1"], &["PREMIUM", "PREMIUM PLUS", "PRESTIGE"], &[EV]),
];

const CHRYSLER: &[Model] = &[
    m("300", 35, 2005, 2023, Sedan, RA, 36, &["2C3"], &["TOURING", "S", "LIMITED", "300C", "TOURING L"], &[g(36, 6), g(57, 8), g(35, 6)]),
    m("PACIFICA", 25, 2017, 2026, Minivan, FA, 40, &["2C4"], &["TOURING L", "LIMITED", "TOURING", "PINNACLE", "HYBRID"], &[g(36, 6), h(36, 6)]),
    m("TOWN AND COUNTRY", 18, 1990, 2016, Minivan, F, 33, &["2C4", "2A4", "2A8"], &["TOURING", "LIMITED", "TOURING L", "LX", "S"], &[g(36, 6), g(38, 6), g(33, 6)]),
    m("200", 14, 2011, 2017, Sedan, F, 24, &["1C3"], &["LIMITED", "TOURING", "LX", "S", "C"], &[g(24, 4), g(36, 6)]),
    m("VOYAGER", 4, 2020, 2025, Minivan, F, 32, &["2C4"], &["LX", "LXI"], &[g(36, 6)]),
    m("PT CRUISER", 4, 2001, 2010, Wagon, F, 19, &["3A4", "3A8"], &["TOURING", "LIMITED", "BASE", "CLASSIC"], &[g(24, 4)]),
];

const BUICK: &[Model] = &[
    m("ENCORE", 30, 2013, 2022, Suv, FA, 26, &["KL4"], &["PREFERRED", "SPORT TOURING", "ESSENCE", "BASE", "LEATHER"], &[g(14, 4)]),
    m("ENCLAVE", 22, 2008, 2026, Suv, FA, 45, &["5GA"], &["ESSENCE", "PREMIUM", "AVENIR", "LEATHER", "CX", "CXL"], &[g(36, 6)]),
    m("LACROSSE", 12, 2005, 2019, Sedan, FA, 35, &["1G4", "2G4"], &["CX", "CXL", "PREMIUM", "ESSENCE", "LEATHER"], &[g(36, 6), g(24, 4)]),
    m("ENCORE GX", 14, 2020, 2026, Suv, FA, 28, &["KL4"], &["PREFERRED", "SELECT", "ESSENCE", "SPORT TOURING"], &[g(13, 3), g(12, 3)]),
    m("ENVISION", 8, 2016, 2026, Suv, FA, 38, &["LRB"], &["PREFERRED", "ESSENCE", "AVENIR"], &[g(20, 4), g(25, 4)]),
    m("VERANO", 6, 2012, 2017, Sedan, F, 24, &["1G4"], &["BASE", "CONVENIENCE", "LEATHER", "SPORT TOURING"], &[g(24, 4), g(20, 4)]),
    m("REGAL", 4, 1988, 2020, Sedan, F, 30, &["2G4", "W04"], &["PREFERRED", "ESSENCE", "GS", "SPORTBACK"], &[g(20, 4), g(24, 4)]),
];

const CADILLAC: &[Model] = &[
    m("ESCALADE", 22, 1999, 2026, Suv, R4, 85, &["1GY"], &["LUXURY", "PREMIUM LUXURY", "PLATINUM", "SPORT", "ESV"], &[g(62, 8), g(60, 8), d(30, 6)]),
    m("XT5", 20, 2017, 2025, Suv, FA, 45, &["1GY"], &["LUXURY", "PREMIUM LUXURY", "SPORT", "PLATINUM"], &[g(36, 6), g(20, 4)]),
    m("CTS", 14, 2003, 2019, Sedan, RA, 48, &["1G6"], &["LUXURY", "PERFORMANCE", "PREMIUM", "V-SPORT"], &[g(36, 6), g(20, 4), g(30, 6)]),
    m("ATS", 10, 2013, 2019, Sedan, RA, 38, &["1G6"], &["LUXURY", "STANDARD", "PREMIUM", "PERFORMANCE"], &[g(20, 4), g(25, 4), g(36, 6)]),
    m("XT4", 12, 2019, 2026, Suv, FA, 38, &["1GY"], &["PREMIUM LUXURY", "SPORT", "LUXURY"], &[g(20, 4)]),
    m("SRX", 10, 2004, 2016, Suv, FA, 40, &["3GY", "1GY"], &["LUXURY", "PERFORMANCE", "PREMIUM", "BASE"], &[g(36, 6), g(30, 6)]),
    m("CT5", 6, 2020, 2026, Sedan, RA, 40, &["1G6"], &["PREMIUM LUXURY", "SPORT", "LUXURY", "V"], &[g(20, 4), g(30, 6)]),
];

const ACURA: &[Model] = &[
    m("MDX", 28, 2001, 2026, Suv, FA, 50, &["5J8", "5FR", "2HN"], &["TECHNOLOGY", "BASE", "ADVANCE", "A-SPEC", "TYPE S"], &[g(35, 6), g(37, 6), h(30, 6)]),
    m("RDX", 24, 2007, 2026, Suv, FA, 42, &["5J8"], &["TECHNOLOGY", "BASE", "A-SPEC", "ADVANCE"], &[g(20, 4), g(35, 6), g(23, 4)]),
    m("TLX", 20, 2015, 2026, Sedan, FA, 40, &["19U"], &["TECHNOLOGY", "BASE", "A-SPEC", "ADVANCE", "TYPE S"], &[g(24, 4), g(35, 6), g(20, 4)]),
    m("ILX", 12, 2013, 2022, Sedan, F, 28, &["19V"], &["PREMIUM", "BASE", "TECHNOLOGY", "A-SPEC"], &[g(24, 4), g(20, 4)]),
    m("TL", 10, 1996, 2014, Sedan, FA, 36, &["19U"], &["BASE", "TECHNOLOGY", "SH-AWD", "TYPE-S"], &[g(35, 6), g(32, 6), g(37, 6)]),
    m("TSX", 6, 2004, 2014, Sedan, F, 31, &["JH4"], &["BASE", "TECHNOLOGY", "SPECIAL EDITION"], &[g(24, 4), g(35, 6)]),
];

const INFINITI: &[Model] = &[
    m("Q50", 34, 2014, 2024, Sedan, RA, 42, &["JN1"], &["PREMIUM", "LUXE", "SPORT", "RED SPORT 400", "BASE"], &[g(30, 6), g(37, 6), g(20, 4)]),
    m("QX60", 22, 2014, 2026, Suv, FA, 48, &["5N1"], &["LUXE", "PURE", "AUTOGRAPH", "SENSORY", "BASE"], &[g(35, 6), h(25, 4)]),
    m("QX50", 12, 2014, 2026, Suv, FA, 42, &["3PC", "JN1"], &["LUXE", "PURE", "ESSENTIAL", "SENSORY"], &[g(20, 4), g(37, 6)]),
    m("G37", 14, 2008, 2013, Sedan, RA, 36, &["JN1"], &["JOURNEY", "X", "SPORT", "BASE"], &[g(37, 6)]),
    m("QX80", 10, 2014, 2026, Suv, R4, 75, &["JN8"], &["LUXE", "PREMIUM SELECT", "SENSORY", "BASE"], &[g(56, 8)]),
    m("Q60", 6, 2014, 2022, Coupe, RA, 45, &["JN1"], &["PURE", "LUXE", "RED SPORT 400"], &[g(30, 6), g(37, 6)]),
];

const MITSUBISHI: &[Model] = &[
    m("OUTLANDER", 26, 2003, 2026, Suv, FA, 30, &["JA4"], &["ES", "SE", "SEL", "GT", "LE"], &[g(24, 4), g(30, 6), h(24, 4)]),
    m("MIRAGE", 24, 2014, 2024, Hatch, F, 16, &["ML3"], &["ES", "SE", "LE", "G4 ES", "BLACK EDITION"], &[g(12, 3)]),
    m("OUTLANDER SPORT", 24, 2011, 2024, Suv, FA, 24, &["JA4"], &["ES", "SE", "LE", "SEL", "GT"], &[g(20, 4), g(24, 4)]),
    m("ECLIPSE CROSS", 12, 2018, 2026, Suv, FA, 27, &["JA4"], &["ES", "SE", "SEL", "LE"], &[g(15, 4)]),
    m("LANCER", 10, 2002, 2017, Sedan, FA, 20, &["JA3"], &["ES", "SE", "GT", "EVOLUTION", "RALLIART"], &[g(20, 4), g(24, 4)]),
    m("GALANT", 4, 1985, 2012, Sedan, F, 22, &["4A3"], &["ES", "SE", "GTS", "FE"], &[g(24, 4), g(38, 6)]),
];

const LINCOLN: &[Model] = &[
    m("MKZ", 24, 2007, 2020, Sedan, FA, 38, &["3LN"], &["RESERVE", "SELECT", "PREMIERE", "BLACK LABEL", "HYBRID"], &[g(20, 4), g(37, 6), h(20, 4)]),
    m("NAVIGATOR", 16, 1998, 2026, Suv, R4, 80, &["5LM"], &["RESERVE", "SELECT", "BLACK LABEL", "L", "BASE"], &[g(35, 6), g(54, 8)]),
    m("NAUTILUS", 14, 2019, 2026, Suv, FA, 46, &["2LM"], &["RESERVE", "SELECT", "STANDARD", "BLACK LABEL"], &[g(20, 4), g(27, 6)]),
    m("AVIATOR", 10, 2020, 2026, Suv, RA, 55, &["5LM"], &["RESERVE", "BLACK LABEL", "STANDARD", "GRAND TOURING"], &[g(30, 6), h(30, 6)]),
    m("CORSAIR", 12, 2020, 2026, Suv, FA, 40, &["5LM"], &["RESERVE", "STANDARD", "GRAND TOURING"], &[g(20, 4), g(23, 4)]),
    m("MKX", 12, 2007, 2018, Suv, FA, 42, &["2LM"], &["RESERVE", "SELECT", "PREMIERE", "BLACK LABEL"], &[g(37, 6), g(27, 6)]),
    m("TOWN CAR", 8, 1981, 2011, Sedan, R, 45, &["2LN", "1LN"], &["SIGNATURE LIMITED", "SIGNATURE", "EXECUTIVE", "CARTIER"], &[g(46, 8)]),
];

const SMALL: &[Model] = &[m("FORTWO", 1, 2008, 2019, Hatch, R, 16, &["WME"], &["PURE", "PASSION", "PRIME", "ELECTRIC DRIVE"], &[g(10, 3), EV])];
const VOLVO: &[Model] = &[
    m("XC90", 30, 2003, 2026, Suv, A, 58, &["YV4"], &["T6 MOMENTUM", "T5 MOMENTUM", "T6 INSCRIPTION", "T8 INSCRIPTION", "B6 PLUS"], &[g(20, 4), g(32, 6), h(20, 4)]),
    m("XC60", 30, 2010, 2026, Suv, A, 46, &["YV4", "LYV"], &["T5 MOMENTUM", "T6 R-DESIGN", "B5 PLUS", "T8 INSCRIPTION"], &[g(20, 4), g(30, 6), h(20, 4)]),
    m("S60", 20, 2001, 2024, Sedan, FA, 42, &["7JR", "YV1"], &["T5 MOMENTUM", "T6 R-DESIGN", "B5 PLUS", "T5"], &[g(20, 4), g(25, 5), g(30, 6)]),
    m("XC40", 14, 2019, 2026, Suv, A, 38, &["YV4"], &["T5 MOMENTUM", "B5 PLUS", "RECHARGE", "T4 R-DESIGN"], &[g(20, 4), EV]),
    m("S90", 6, 2017, 2025, Sedan, A, 55, &["LVY", "YV1"], &["T6 INSCRIPTION", "T5 MOMENTUM", "B6 PLUS", "T8"], &[g(20, 4), h(20, 4)]),
];
const LAND_ROVER: &[Model] = &[
    m("RANGE ROVER SPORT", 30, 2006, 2026, Suv, A, 85, &["SAL"], &["HSE", "SE", "HSE DYNAMIC", "AUTOBIOGRAPHY", "SUPERCHARGED"], &[g(30, 6), g(50, 8), d(30, 6)]),
    m("RANGE ROVER", 20, 1995, 2026, Suv, A, 110, &["SAL"], &["HSE", "SUPERCHARGED", "AUTOBIOGRAPHY", "SE", "P400"], &[g(50, 8), g(30, 6)]),
    m("RANGE ROVER EVOQUE", 20, 2012, 2026, Suv, A, 50, &["SAL"], &["SE", "HSE", "PURE", "R-DYNAMIC S"], &[g(20, 4)]),
    m("DISCOVERY SPORT", 16, 2015, 2026, Suv, A, 45, &["SAL"], &["SE", "HSE", "S", "R-DYNAMIC SE"], &[g(20, 4)]),
    m("DEFENDER", 8, 2020, 2026, Suv, A, 65, &["SAL"], &["110 SE", "110 S", "90 X-DYNAMIC", "110 X"], &[g(20, 4), g(30, 6), g(50, 8)]),
    m("RANGE ROVER VELAR", 6, 2018, 2026, Suv, A, 65, &["SAL"], &["S", "R-DYNAMIC SE", "SE", "HSE"], &[g(20, 4), g(30, 6)]),
];
const PORSCHE: &[Model] = &[
    m("CAYENNE", 34, 2003, 2026, Suv, A, 85, &["WP1"], &["BASE", "S", "TURBO", "E-HYBRID", "GTS"], &[g(30, 6), g(29, 6), g(40, 8), h(30, 6)]),
    m("MACAN", 30, 2015, 2026, Suv, A, 65, &["WP1"], &["BASE", "S", "GTS", "TURBO"], &[g(20, 4), g(30, 6), g(29, 6)]),
    m("911", 22, 1981, 2026, Coupe, RA, 120, &["WP0"], &["CARRERA", "CARRERA S", "CARRERA 4S", "TURBO S", "GT3"], &[g(30, 6), g(38, 6), g(40, 6)]),
    m("PANAMERA", 14, 2010, 2026, Sedan, RA, 100, &["WP0"], &["BASE", "4", "4S", "GTS", "TURBO"], &[g(29, 6), g(40, 8), g(36, 6)]),
];
const MINI: &[Model] = &[
    m("COOPER", 70, 2002, 2026, Hatch, F, 26, &["WMW"], &["S", "BASE", "JOHN COOPER WORKS", "SIGNATURE", "CLUBMAN S"], &[g(15, 3), g(16, 4), g(20, 4)]),
    m("COUNTRYMAN", 30, 2011, 2026, Suv, FA, 32, &["WMZ", "WMW"], &["S", "S ALL4", "BASE", "JOHN COOPER WORKS"], &[g(15, 3), g(16, 4), g(20, 4)]),
];
const GENESIS: &[Model] = &[
    m("G70", 30, 2019, 2026, Sedan, RA, 42, &["KMT"], &["2.0T", "3.3T", "ADVANCED", "PRESTIGE"], &[g(20, 4), g(33, 6), g(25, 4)]),
    m("G80", 26, 2017, 2026, Sedan, RA, 52, &["KMT", "KMH"], &["2.5T", "3.5T", "PRESTIGE", "SPORT"], &[g(25, 4), g(35, 6), g(38, 6)]),
    m("GV70", 24, 2022, 2026, Suv, A, 48, &["KMU"], &["2.5T", "3.5T", "ADVANCED", "SPORT PRESTIGE"], &[g(25, 4), g(35, 6)]),
    m("GV80", 20, 2021, 2026, Suv, A, 62, &["KMU"], &["2.5T", "3.5T", "ADVANCED", "PRESTIGE"], &[g(25, 4), g(35, 6)]),
];
const JAGUAR: &[Model] = &[
    m("F-PACE", 40, 2017, 2026, Suv, A, 55, &["SAD"], &["PRESTIGE", "R-SPORT", "S", "P250 S", "SVR"], &[g(20, 4), g(30, 6), g(50, 8)]),
    m("XF", 22, 2009, 2024, Sedan, RA, 52, &["SAJ"], &["PREMIUM", "PRESTIGE", "R-SPORT", "P250 S"], &[g(20, 4), g(30, 6)]),
    m("XE", 18, 2017, 2020, Sedan, RA, 42, &["SAJ"], &["PREMIUM", "PRESTIGE", "R-SPORT", "S"], &[g(20, 4), g(30, 6)]),
    m("F-TYPE", 20, 2014, 2024, Conv, RA, 75, &["SAJ"], &["BASE", "R", "S", "R-DYNAMIC"], &[g(30, 6), g(50, 8), g(20, 4)]),
];
const FIAT: &[Model] = &[
    m("500", 60, 2012, 2019, Hatch, F, 18, &["3C3"], &["POP", "LOUNGE", "SPORT", "ABARTH", "ELECTRIC"], &[g(14, 4), EV]),
    m("500X", 40, 2016, 2023, Suv, FA, 26, &["ZFB"], &["TREKKING", "POP", "LOUNGE", "SPORT"], &[g(24, 4), g(13, 4)]),
];
const ALFA: &[Model] = &[
    m("GIULIA", 55, 2017, 2025, Sedan, RA, 45, &["ZAR"], &["TI", "BASE", "SPRINT", "QUADRIFOGLIO", "VELOCE"], &[g(20, 4), g(29, 6)]),
    m("STELVIO", 45, 2018, 2025, Suv, A, 48, &["ZAS"], &["TI", "BASE", "SPRINT", "VELOCE"], &[g(20, 4)]),
];
const MASERATI: &[Model] = &[
    m("GHIBLI", 55, 2014, 2024, Sedan, RA, 80, &["ZAM"], &["BASE", "S", "S Q4", "MODENA"], &[g(30, 6)]),
    m("LEVANTE", 45, 2017, 2024, Suv, A, 85, &["ZN6"], &["BASE", "S", "GRANSPORT", "GT"], &[g(30, 6)]),
];
const PONTIAC: &[Model] = &[
    m("G6", 40, 2005, 2010, Sedan, F, 22, &["1G2"], &["BASE", "GT", "SE", "GXP"], &[g(24, 4), g(35, 6), g(39, 6)]),
    m("GRAND PRIX", 30, 1988, 2008, Sedan, F, 25, &["2G2"], &["BASE", "GT", "GXP", "SE"], &[g(38, 6), g(31, 6)]),
    m("VIBE", 20, 2003, 2010, Wagon, FA, 18, &["5Y2"], &["BASE", "GT", "AWD"], &[g(18, 4), g(24, 4)]),
    m("SOLSTICE", 10, 2006, 2009, Conv, R, 25, &["1G2"], &["BASE", "GXP"], &[g(24, 4), g(20, 4)]),
];
const SATURN: &[Model] = &[
    m("VUE", 40, 2002, 2010, Suv, FA, 22, &["5GZ"], &["XE", "XR", "BASE", "GREEN LINE"], &[g(24, 4), g(35, 6), h(24, 4)]),
    m("ION", 30, 2003, 2007, Sedan, F, 16, &["1G8"], &["2", "3", "1", "RED LINE"], &[g(22, 4), g(24, 4)]),
    m("AURA", 30, 2007, 2009, Sedan, F, 22, &["1G8"], &["XE", "XR", "GREEN LINE"], &[g(24, 4), g(35, 6), g(36, 6)]),
];
const MERCURY: &[Model] = &[
    m("GRAND MARQUIS", 45, 1983, 2011, Sedan, R, 30, &["2ME"], &["LS", "GS", "LSE", "ULTIMATE"], &[g(46, 8), f(46, 8)]),
    m("MILAN", 30, 2006, 2011, Sedan, FA, 22, &["3ME"], &["PREMIER", "BASE", "V6"], &[g(23, 4), g(30, 6), h(25, 4)]),
    m("MARINER", 25, 2005, 2011, Suv, FA, 24, &["4M2"], &["PREMIER", "BASE", "HYBRID"], &[g(23, 4), g(30, 6), h(23, 4)]),
];
const SCION: &[Model] = &[
    m("TC", 40, 2005, 2016, Coupe, F, 20, &["JTK"], &["BASE", "RELEASE SERIES"], &[g(24, 4), g(25, 4)]),
    m("XB", 30, 2004, 2015, Wagon, F, 18, &["JTL"], &["BASE", "RELEASE SERIES"], &[g(15, 4), g(24, 4)]),
    m("FR-S", 15, 2013, 2016, Coupe, R, 25, &["JF1"], &["BASE", "RELEASE SERIES"], &[g(20, 4)]),
    m("IM", 15, 2016, 2016, Hatch, F, 19, &["JTN"], &["BASE"], &[g(18, 4)]),
];
const RIVIAN: &[Model] = &[
    m("R1S", 50, 2022, 2026, Suv, A, 85, &["7PD"], &["ADVENTURE", "LAUNCH EDITION", "DUAL MOTOR"], &[EV]),
    m("R1T", 50, 2022, 2026, Pickup, A, 80, &["7FC"], &["ADVENTURE", "LAUNCH EDITION", "EXPLORE"], &[EV]),
];
const HUMMER: &[Model] = &[
    m("H2", 50, 2003, 2009, Suv, X4, 55, &["5GR"], &["BASE", "SUT", "LUXURY"], &[g(60, 8), g(62, 8)]),
    m("H3", 50, 2006, 2010, Suv, X4, 32, &["5GT"], &["BASE", "ALPHA", "ADVENTURE", "LUXURY"], &[g(37, 5), g(53, 8)]),
];
const SUZUKI: &[Model] = &[
    m("GRAND VITARA", 55, 1999, 2013, Suv, R4, 22, &["JS3"], &["PREMIUM", "LIMITED", "BASE", "XSPORT"], &[g(24, 4), g(27, 6)]),
    m("SX4", 45, 2007, 2013, Hatch, FA, 17, &["JS2"], &["CROSSOVER", "SPORT", "LE", "BASE"], &[g(20, 4), g(24, 4)]),
];

/// The other passenger makes; their weights add up to roughly the quarter of the real export
/// that is not one of the big ten.
pub const MAKES: &[Make] = &[
    Make { name: "BMW", weight: 3_600, models: BMW },
    Make { name: "VOLKSWAGEN", weight: 3_300, models: VOLKSWAGEN },
    Make { name: "RAM", weight: 3_200, models: RAM },
    Make { name: "MERCEDES-BENZ", weight: 3_100, models: MERCEDES },
    Make { name: "SUBARU", weight: 2_700, models: SUBARU },
    Make { name: "MAZDA", weight: 2_500, models: MAZDA },
    Make { name: "LEXUS", weight: 2_100, models: LEXUS },
    Make { name: "CHRYSLER", weight: 2_100, models: CHRYSLER },
    Make { name: "AUDI", weight: 1_800, models: AUDI },
    Make { name: "ACURA", weight: 1_600, models: ACURA },
    Make { name: "TESLA", weight: 1_500, models: TESLA },
    Make { name: "BUICK", weight: 1_500, models: BUICK },
    Make { name: "CADILLAC", weight: 1_300, models: CADILLAC },
    Make { name: "INFINITI", weight: 1_300, models: INFINITI },
    Make { name: "MITSUBISHI", weight: 1_200, models: MITSUBISHI },
    Make { name: "LINCOLN", weight: 900, models: LINCOLN },
    Make { name: "VOLVO", weight: 700, models: VOLVO },
    Make { name: "LAND ROVER", weight: 600, models: LAND_ROVER },
    Make { name: "MINI", weight: 500, models: MINI },
    Make { name: "PORSCHE", weight: 400, models: PORSCHE },
    Make { name: "GENESIS", weight: 300, models: GENESIS },
    Make { name: "PONTIAC", weight: 300, models: PONTIAC },
    Make { name: "JAGUAR", weight: 200, models: JAGUAR },
    Make { name: "FIAT", weight: 200, models: FIAT },
    Make { name: "SATURN", weight: 200, models: SATURN },
    Make { name: "MERCURY", weight: 200, models: MERCURY },
    Make { name: "SCION", weight: 200, models: SCION },
    Make { name: "ALFA ROMEO", weight: 100, models: ALFA },
    Make { name: "MASERATI", weight: 100, models: MASERATI },
    Make { name: "SUZUKI", weight: 80, models: SUZUKI },
    Make { name: "RIVIAN", weight: 60, models: RIVIAN },
    Make { name: "HUMMER", weight: 60, models: HUMMER },
    Make { name: "SMART", weight: 50, models: SMALL },
];
