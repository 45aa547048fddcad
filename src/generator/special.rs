//! Everything that is not a passenger vehicle: motorcycles (C), ATVs and side-by-sides (A),
//! boats (M), jet skis (J), trailers (L), motorhomes (R), heavy trucks (K), medium-duty trucks
//! (U) and equipment (E), plus the pre-1981 classics that appear among type V.
//!
//! For boats and jet skis the `wmi` is the three-letter manufacturer code of the hull number;
//! for classics it is a serial template (see `vin::from_template`).

use super::kinds::Class::*;
use super::kinds::Drv::*;
use super::kinds::{d, g};
use super::model::{Make, Model, m};

const HARLEY: &[Model] = &[
    m("FLHX", 20, 2006, 2026, MotoTour, N, 28, &["1HD"], &["STREET GLIDE", "STREET GLIDE SPECIAL"], &[g(17, 2), g(18, 2), g(19, 2)]),
    m("FLTRX", 14, 2015, 2026, MotoTour, N, 29, &["1HD"], &["ROAD GLIDE", "ROAD GLIDE SPECIAL"], &[g(17, 2), g(18, 2), g(19, 2)]),
    m("FLHTK", 8, 2008, 2026, MotoTour, N, 32, &["1HD"], &["ULTRA LIMITED", "ELECTRA GLIDE"], &[g(17, 2), g(18, 2)]),
    m("XL883N", 12, 2009, 2022, MotoRoad, N, 11, &["1HD"], &["IRON 883", "SPORTSTER"], &[g(9, 2)]),
    m("XL1200", 10, 2004, 2022, MotoRoad, N, 13, &["1HD"], &["SPORTSTER 1200", "FORTY-EIGHT", "CUSTOM"], &[g(12, 2)]),
    m("FXBB", 8, 2018, 2026, MotoRoad, N, 17, &["1HD"], &["STREET BOB", "SOFTAIL"], &[g(18, 2), g(19, 2)]),
    m("FLHR", 8, 2002, 2026, MotoTour, N, 24, &["1HD"], &["ROAD KING", "ROAD KING SPECIAL"], &[g(16, 2), g(17, 2), g(18, 2)]),
];
const YAMAHA_MOTO: &[Model] = &[
    m("YZF-R6", 20, 2003, 2020, MotoSport, N, 12, &["JYA"], &["R6", "BASE"], &[g(6, 4)]),
    m("YZF-R3", 14, 2015, 2026, MotoSport, N, 6, &["MH3"], &["R3", "BASE"], &[g(3, 2)]),
    m("MT-07", 14, 2015, 2026, MotoRoad, N, 8, &["JYA"], &["BASE", "FZ-07"], &[g(7, 2)]),
    m("MT-09", 10, 2014, 2026, MotoRoad, N, 10, &["JYA"], &["BASE", "SP", "FZ-09"], &[g(9, 3)]),
    m("XVS1300", 8, 2007, 2017, MotoRoad, N, 11, &["JYA"], &["V STAR 1300", "DELUXE"], &[g(13, 2)]),
    m("YZ250F", 6, 2010, 2026, MotoDirt, N, 8, &["JYA"], &["BASE"], &[g(3, 1)]),
    m("ZUMA", 6, 2009, 2026, Scooter, N, 3, &["RKR"], &["50F", "125"], &[g(1, 1)]),
];
const HONDA_MOTO: &[Model] = &[
    m("CBR600RR", 18, 2003, 2024, MotoSport, N, 12, &["JH2"], &["BASE", "ABS"], &[g(6, 4)]),
    m("CBR1000RR", 10, 2004, 2026, MotoSport, N, 17, &["JH2"], &["BASE", "SP"], &[g(10, 4)]),
    m("GL1800", 10, 2001, 2026, MotoTour, N, 26, &["JH2"], &["GOLD WING", "GOLD WING TOUR"], &[g(18, 6)]),
    m("CMX500", 12, 2017, 2026, MotoRoad, N, 7, &["JH2", "MLH"], &["REBEL 500", "ABS"], &[g(5, 2)]),
    m("GROM", 10, 2014, 2026, MotoRoad, N, 4, &["MLH"], &["BASE", "ABS"], &[g(1, 1)]),
    m("VT750", 10, 2004, 2020, MotoRoad, N, 8, &["JH2"], &["SHADOW AERO", "SHADOW PHANTOM"], &[g(7, 2)]),
    m("CRF450R", 6, 2004, 2026, MotoDirt, N, 10, &["JH2"], &["BASE", "RX"], &[g(5, 1)]),
    m("PCX150", 6, 2013, 2020, Scooter, N, 4, &["MLH"], &["BASE"], &[g(2, 1)]),
];
const KAWASAKI_MOTO: &[Model] = &[
    m("EX650", 20, 2006, 2026, MotoSport, N, 8, &["JKA"], &["NINJA 650", "ABS"], &[g(7, 2)]),
    m("ZX636", 14, 2003, 2026, MotoSport, N, 12, &["JKA"], &["NINJA ZX-6R", "ABS"], &[g(6, 4)]),
    m("ZX1000", 8, 2004, 2026, MotoSport, N, 17, &["JKA"], &["NINJA ZX-10R", "NINJA 1000"], &[g(10, 4)]),
    m("EX400", 12, 2018, 2026, MotoSport, N, 5, &["JKA"], &["NINJA 400", "ABS"], &[g(4, 2)]),
    m("VN900", 10, 2006, 2024, MotoRoad, N, 9, &["JKA"], &["VULCAN 900", "CLASSIC", "CUSTOM"], &[g(9, 2)]),
    m("KLX300", 6, 2021, 2026, MotoDirt, N, 6, &["JKA"], &["BASE", "SM"], &[g(3, 1)]),
];
const SUZUKI_MOTO: &[Model] = &[
    m("GSX-R600", 20, 2001, 2024, MotoSport, N, 12, &["JS1"], &["BASE"], &[g(6, 4)]),
    m("GSX-R750", 14, 2000, 2024, MotoSport, N, 13, &["JS1"], &["BASE"], &[g(8, 4)]),
    m("GSX1300R", 10, 1999, 2026, MotoSport, N, 19, &["JS1"], &["HAYABUSA"], &[g(13, 4)]),
    m("VL800", 12, 2005, 2019, MotoRoad, N, 9, &["JS1"], &["BOULEVARD C50", "BOULEVARD M50"], &[g(8, 2)]),
    m("DR650", 6, 1996, 2026, MotoDirt, N, 7, &["JS1"], &["SE", "BASE"], &[g(7, 1)]),
];
const BMW_MOTO: &[Model] = &[
    m("R1250GS", 60, 2019, 2026, MotoTour, N, 20, &["WB1"], &["ADVENTURE", "BASE"], &[g(13, 2)]),
    m("S1000RR", 40, 2010, 2026, MotoSport, N, 19, &["WB1", "WB3"], &["BASE", "M"], &[g(10, 4)]),
];
const INDIAN: &[Model] = &[
    m("CHIEF", 50, 2014, 2026, MotoRoad, N, 22, &["56K"], &["CLASSIC", "DARK HORSE", "VINTAGE"], &[g(18, 2), g(19, 2)]),
    m("SCOUT", 50, 2015, 2026, MotoRoad, N, 13, &["56K"], &["BOBBER", "SIXTY", "BASE"], &[g(12, 2), g(10, 2)]),
];
const DUCATI: &[Model] = &[
    m("MONSTER", 60, 2008, 2026, MotoRoad, N, 13, &["ZDM"], &["821", "1200", "PLUS"], &[g(9, 2), g(12, 2)]),
    m("PANIGALE", 40, 2012, 2026, MotoSport, N, 25, &["ZDM"], &["V4", "V2", "959"], &[g(11, 4), g(10, 2)]),
];
const TRIUMPH: &[Model] = &[
    m("BONNEVILLE", 50, 2009, 2026, MotoRoad, N, 12, &["SMT"], &["T120", "T100", "BOBBER"], &[g(12, 2), g(9, 2)]),
    m("STREET TRIPLE", 50, 2008, 2026, MotoRoad, N, 11, &["SMT"], &["R", "RS", "S"], &[g(8, 3), g(7, 3)]),
];
const CAN_AM_MOTO: &[Model] = &[m("SPYDER", 1, 2010, 2026, MotoTour, N, 25, &["2BX"], &["RT", "F3", "RT LIMITED"], &[g(13, 3), g(10, 2)])];

/// Motorcycles (vehicle type C).
pub const MOTORCYCLES: &[Make] = &[
    Make { name: "HARLEY-DAVIDSON", weight: 38, models: HARLEY },
    Make { name: "HONDA", weight: 14, models: HONDA_MOTO },
    Make { name: "YAMAHA", weight: 14, models: YAMAHA_MOTO },
    Make { name: "KAWASAKI", weight: 12, models: KAWASAKI_MOTO },
    Make { name: "SUZUKI", weight: 10, models: SUZUKI_MOTO },
    Make { name: "BMW", weight: 3, models: BMW_MOTO },
    Make { name: "INDIAN", weight: 3, models: INDIAN },
    Make { name: "DUCATI", weight: 2, models: DUCATI },
    Make { name: "TRIUMPH", weight: 2, models: TRIUMPH },
    Make { name: "CAN-AM", weight: 2, models: CAN_AM_MOTO },
];

const POLARIS: &[Model] = &[
    m("SPORTSMAN", 35, 2005, 2026, Atv, X4, 9, &["4XA"], &["570", "850", "450 H.O.", "XP 1000"], &[g(6, 1), g(9, 2)]),
    m("RZR", 30, 2008, 2026, Atv, X4, 22, &["3NS"], &["XP 1000", "S 900", "PRO XP", "TRAIL S"], &[g(10, 2), g(9, 2)]),
    m("RANGER", 25, 2008, 2026, Atv, X4, 18, &["4XA", "3NS"], &["XP 1000", "570", "CREW XP 1000"], &[g(10, 2), g(6, 1)]),
    m("GENERAL", 10, 2016, 2026, Atv, X4, 24, &["3NS"], &["XP 1000", "1000 DELUXE"], &[g(10, 2)]),
];
const CAN_AM_ATV: &[Model] = &[
    m("OUTLANDER", 40, 2006, 2026, Atv, X4, 11, &["3JB"], &["XT 850", "570", "DPS 650", "MAX XT"], &[g(6, 1), g(9, 2)]),
    m("MAVERICK X3", 35, 2017, 2026, Atv, X4, 26, &["3JB"], &["X RS TURBO RR", "DS TURBO", "MAX"], &[g(9, 3)]),
    m("DEFENDER", 25, 2016, 2026, Atv, X4, 18, &["3JB"], &["HD8", "HD10", "XT"], &[g(8, 2), g(10, 2)]),
];
const HONDA_ATV: &[Model] = &[
    m("TRX420", 35, 2007, 2026, Atv, X4, 7, &["1HF"], &["RANCHER", "RANCHER 4X4"], &[g(4, 1)]),
    m("TRX520", 20, 2020, 2026, Atv, X4, 9, &["1HF"], &["FOREMAN", "RUBICON"], &[g(5, 1)]),
    m("PIONEER 1000", 30, 2016, 2026, Atv, X4, 18, &["1HF"], &["DELUXE", "EPS", "FOREST"], &[g(10, 2)]),
    m("TALON", 15, 2019, 2026, Atv, X4, 22, &["1HF"], &["1000X", "1000R"], &[g(10, 2)]),
];
const YAMAHA_ATV: &[Model] = &[
    m("GRIZZLY", 40, 2007, 2026, Atv, X4, 10, &["5Y4", "JY4"], &["EPS", "700", "SE"], &[g(7, 1)]),
    m("KODIAK", 25, 2016, 2026, Atv, X4, 8, &["5Y4"], &["450", "700 EPS"], &[g(5, 1), g(7, 1)]),
    m("YXZ1000R", 15, 2016, 2026, Atv, X4, 23, &["5Y4"], &["SS", "SE", "XT-R"], &[g(10, 3)]),
    m("VIKING", 20, 2014, 2026, Atv, X4, 15, &["5Y4"], &["EPS", "VI EPS"], &[g(7, 1)]),
];
const KAWASAKI_ATV: &[Model] = &[
    m("MULE", 45, 2006, 2026, Atv, X4, 14, &["RGS", "JKB"], &["PRO-FXT", "SX", "4010"], &[g(8, 3), g(4, 1)]),
    m("TERYX", 30, 2008, 2026, Atv, X4, 20, &["JKB"], &["KRX 1000", "S LE", "4"], &[g(8, 2), g(10, 2)]),
    m("BRUTE FORCE", 25, 2005, 2026, Atv, X4, 10, &["JKB"], &["750 4X4I", "300"], &[g(7, 2)]),
];
const ARCTIC_CAT: &[Model] = &[
    m("ALTERRA", 50, 2017, 2023, Atv, X4, 9, &["4UF"], &["570", "600 EPS", "TRV"], &[g(6, 1)]),
    m("WILDCAT", 50, 2012, 2023, Atv, X4, 20, &["4UF"], &["XX", "TRAIL", "SPORT"], &[g(10, 2), g(7, 2)]),
];

/// ATVs and side-by-sides (vehicle type A).
pub const ATVS: &[Make] = &[
    Make { name: "POLARIS", weight: 35, models: POLARIS },
    Make { name: "CAN-AM", weight: 20, models: CAN_AM_ATV },
    Make { name: "HONDA", weight: 20, models: HONDA_ATV },
    Make { name: "YAMAHA", weight: 12, models: YAMAHA_ATV },
    Make { name: "KAWASAKI", weight: 8, models: KAWASAKI_ATV },
    Make { name: "ARCTIC CAT", weight: 5, models: ARCTIC_CAT },
];

/// Boats (vehicle type M); `wmi` is the hull-number manufacturer code.
pub const BOATS: &[Make] = &[
    Make { name: "SEA RAY", weight: 20, models: &[
        m("SUNDANCER", 30, 1995, 2026, Boat, N, 180, &["SER"], &["260", "320", "350"], &[g(62, 8), g(57, 8)]),
        m("SPX 190", 40, 2016, 2026, Boat, N, 38, &["SER"], &["OB", "BASE"], &[g(45, 8)]),
        m("SLX", 30, 2014, 2026, Boat, N, 95, &["SER"], &["250", "280", "310"], &[g(62, 8)]),
    ] },
    Make { name: "BAYLINER", weight: 18, models: &[
        m("ELEMENT", 50, 2014, 2026, Boat, N, 24, &["BLB"], &["E16", "E18", "E21"], &[g(1, 3)]),
        m("VR5", 30, 2017, 2026, Boat, N, 40, &["BLB"], &["BOWRIDER", "OB"], &[g(45, 8)]),
        m("185 BOWRIDER", 20, 2005, 2016, Boat, N, 22, &["BLB"], &["BASE"], &[g(30, 4)]),
    ] },
    Make { name: "TRACKER", weight: 18, models: &[
        m("PRO TEAM 175", 50, 2005, 2026, Boat, N, 20, &["BUJ"], &["TXW", "TF"], &[g(1, 3)]),
        m("BASS TRACKER", 50, 2000, 2026, Boat, N, 15, &["BUJ"], &["CLASSIC XL", "PRO 170"], &[g(1, 3)]),
    ] },
    Make { name: "SUN TRACKER", weight: 12, models: &[
        m("PARTY BARGE", 60, 2005, 2026, Pontoon, N, 38, &["BUJ"], &["20 DLX", "22 XP3", "24 XP3"], &[g(1, 3)]),
        m("FISHIN BARGE", 40, 2005, 2026, Pontoon, N, 30, &["BUJ"], &["20 DLX", "22 DLX"], &[g(1, 3)]),
    ] },
    Make { name: "BENNINGTON", weight: 10, models: &[
        m("SSBX", 50, 2010, 2026, Pontoon, N, 45, &["ETW"], &["22", "24", "20"], &[g(1, 3)]),
        m("SX", 50, 2014, 2026, Pontoon, N, 55, &["ETW"], &["22", "24"], &[g(1, 3)]),
    ] },
    Make { name: "BOSTON WHALER", weight: 8, models: &[
        m("MONTAUK", 60, 2000, 2026, Boat, N, 45, &["BWC"], &["170", "190", "150"], &[g(1, 3)]),
        m("DAUNTLESS", 40, 2002, 2026, Boat, N, 80, &["BWC"], &["210", "240", "270"], &[g(1, 3)]),
    ] },
    Make { name: "MALIBU", weight: 6, models: &[m("WAKESETTER", 1, 2008, 2026, Boat, N, 150, &["MB2"], &["22 LSV", "23 LSV", "24 MXZ"], &[g(62, 8), g(60, 8)])] },
    Make { name: "MASTERCRAFT", weight: 5, models: &[m("XT", 1, 2014, 2026, Boat, N, 140, &["MBC"], &["22", "23", "25"], &[g(62, 8)])] },
    Make { name: "CHAPARRAL", weight: 5, models: &[m("SSI", 1, 2005, 2026, Boat, N, 55, &["FGB"], &["19", "21", "23"], &[g(45, 8), g(57, 8)])] },
];

/// Jet skis (vehicle type J); `wmi` is the hull-number manufacturer code.
pub const JET_SKIS: &[Make] = &[
    Make { name: "SEA-DOO", weight: 55, models: &[
        m("GTI", 35, 2006, 2026, JetSki, N, 11, &["YDV"], &["130", "SE 170", "90"], &[g(17, 3), g(15, 3)]),
        m("SPARK", 30, 2014, 2026, JetSki, N, 7, &["YDV"], &["2UP", "3UP", "TRIXX"], &[g(9, 3)]),
        m("RXT-X", 15, 2008, 2026, JetSki, N, 19, &["YDV"], &["300", "RS 300"], &[g(16, 3)]),
        m("GTX", 20, 2006, 2026, JetSki, N, 16, &["YDV"], &["170", "LIMITED 300"], &[g(17, 3), g(16, 3)]),
    ] },
    Make { name: "YAMAHA", weight: 35, models: &[
        m("VX", 45, 2005, 2026, JetSki, N, 11, &["YAM"], &["CRUISER", "DELUXE", "HO"], &[g(18, 4)]),
        m("FX", 25, 2004, 2026, JetSki, N, 17, &["YAM"], &["SVHO", "CRUISER HO", "HO"], &[g(19, 4), g(18, 4)]),
        m("EX", 30, 2017, 2026, JetSki, N, 8, &["YAM"], &["SPORT", "DELUXE", "LIMITED"], &[g(11, 3)]),
    ] },
    Make { name: "KAWASAKI", weight: 10, models: &[
        m("ULTRA", 50, 2007, 2026, JetSki, N, 19, &["KAW"], &["310X", "310LX", "LX"], &[g(15, 4)]),
        m("STX", 50, 2004, 2026, JetSki, N, 11, &["KAW"], &["160", "160X", "15F"], &[g(15, 4)]),
    ] },
];

/// Trailers (vehicle type L): semi trailers, small utility and cargo trailers, and towable RVs.
pub const TRAILERS: &[Make] = &[
    Make { name: "WABASH", weight: 18, models: &[m("DRY VAN", 70, 2000, 2026, Trailer, N, 38, &["1JJ"], &["53 FT", "48 FT"], &[]), m("REEFER", 30, 2005, 2026, Trailer, N, 60, &["1JJ"], &["53 FT"], &[])] },
    Make { name: "GREAT DANE", weight: 12, models: &[m("REEFER", 50, 2000, 2026, Trailer, N, 60, &["1GR"], &["53 FT", "EVEREST"], &[]), m("DRY VAN", 50, 2000, 2026, Trailer, N, 38, &["1GR"], &["CHAMPION", "53 FT"], &[])] },
    Make { name: "UTILITY TRAILER", weight: 12, models: &[m("3000R", 55, 2002, 2026, Trailer, N, 60, &["1UY"], &["REEFER"], &[]), m("4000D-X", 45, 2002, 2026, Trailer, N, 40, &["1UY"], &["COMPOSITE"], &[])] },
    Make { name: "HYUNDAI TRANSLEAD", weight: 6, models: &[m("DRY VAN", 1, 2003, 2026, Trailer, N, 36, &["3H3"], &["HT", "53 FT"], &[])] },
    Make { name: "BIG TEX", weight: 8, models: &[m("70CH", 50, 2005, 2026, Trailer, N, 6, &["16V"], &["CAR HAULER"], &[]), m("35SA", 50, 2005, 2026, Trailer, N, 3, &["16V"], &["UTILITY"], &[])] },
    Make { name: "PJ TRAILERS", weight: 6, models: &[m("UTILITY", 1, 2005, 2026, Trailer, N, 7, &["4P5"], &["U8", "UL", "DUMP"], &[])] },
    Make { name: "CARRY-ON", weight: 5, models: &[m("CARGO", 1, 2008, 2026, Trailer, N, 4, &["4YM"], &["6X12", "7X16"], &[])] },
    Make { name: "FOREST RIVER", weight: 12, models: &[m("SALEM", 40, 2008, 2026, TravelTrailer, N, 30, &["4X4"], &["26DBUD", "32BHDS"], &[]), m("CHEROKEE", 35, 2008, 2026, TravelTrailer, N, 33, &["4X4"], &["274RK", "304BH"], &[]), m("WILDWOOD", 25, 2008, 2026, TravelTrailer, N, 29, &["4X4"], &["26DBUD"], &[])] },
    Make { name: "KEYSTONE", weight: 9, models: &[m("SPRINGDALE", 50, 2006, 2026, TravelTrailer, N, 28, &["4YD"], &["260BH", "1800BH"], &[]), m("MONTANA", 50, 2006, 2026, TravelTrailer, N, 70, &["4YD"], &["3761FL", "3120RL"], &[])] },
    Make { name: "JAYCO", weight: 7, models: &[m("JAY FLIGHT", 1, 2006, 2026, TravelTrailer, N, 32, &["1UJ"], &["SLX 8", "264BH", "28BHS"], &[])] },
    Make { name: "GRAND DESIGN", weight: 4, models: &[m("IMAGINE", 50, 2015, 2026, TravelTrailer, N, 45, &["573"], &["2500RL", "2800BH"], &[]), m("REFLECTION", 50, 2015, 2026, TravelTrailer, N, 65, &["573"], &["337RLS", "150"], &[])] },
    Make { name: "AIRSTREAM", weight: 2, models: &[m("FLYING CLOUD", 1, 2005, 2026, TravelTrailer, N, 95, &["1ST"], &["25FB", "23FB", "30RB"], &[])] },
];

/// Motorhomes (vehicle type R); the VIN belongs to the chassis (Ford F-53/E-450, Freightliner,
/// Mercedes Sprinter, Ram ProMaster).
pub const MOTORHOMES: &[Make] = &[
    Make { name: "WINNEBAGO", weight: 24, models: &[
        m("VISTA", 30, 2005, 2026, Motorhome, R, 120, &["1F6"], &["31BE", "29VE", "27N"], &[g(68, 10), g(73, 8)]),
        m("MINNIE WINNIE", 30, 2005, 2026, Motorhome, R, 100, &["1FD"], &["22M", "26T", "31K"], &[g(68, 10), g(73, 8)]),
        m("TRAVATO", 20, 2016, 2026, Motorhome, F, 110, &["3C6"], &["59K", "59G"], &[g(36, 6)]),
        m("REVEL", 20, 2018, 2026, Motorhome, X4, 180, &["W1X", "WD4"], &["44E"], &[d(30, 6)]),
    ] },
    Make { name: "THOR MOTOR COACH", weight: 22, models: &[
        m("FOUR WINDS", 40, 2005, 2026, Motorhome, R, 95, &["1FD"], &["22B", "28Z", "31Y"], &[g(68, 10), g(73, 8)]),
        m("ACE", 30, 2012, 2026, Motorhome, R, 130, &["1F6"], &["30.4", "32.3"], &[g(68, 10), g(73, 8)]),
        m("ARIA", 30, 2016, 2026, Motorhome, R, 330, &["4UZ"], &["3901", "4000"], &[d(67, 6)]),
    ] },
    Make { name: "FOREST RIVER", weight: 16, models: &[
        m("SUNSEEKER", 50, 2008, 2026, Motorhome, R, 100, &["1FD"], &["2850S", "3050S"], &[g(68, 10), g(73, 8)]),
        m("FORESTER", 50, 2008, 2026, Motorhome, R, 105, &["1FD", "1F6"], &["2291S", "3011DS"], &[g(68, 10), g(73, 8)]),
    ] },
    Make { name: "FLEETWOOD", weight: 12, models: &[
        m("BOUNDER", 50, 1995, 2026, Motorhome, R, 150, &["1F6", "1F6"], &["33C", "35K"], &[g(68, 10), g(73, 8)]),
        m("DISCOVERY", 50, 2000, 2026, Motorhome, R, 300, &["4UZ"], &["38K", "40M"], &[d(89, 6), d(67, 6)]),
    ] },
    Make { name: "JAYCO", weight: 12, models: &[
        m("GREYHAWK", 50, 2008, 2026, Motorhome, R, 110, &["1FD"], &["29MV", "31F"], &[g(68, 10), g(73, 8)]),
        m("REDHAWK", 50, 2008, 2026, Motorhome, R, 100, &["1FD"], &["26XD", "31F"], &[g(68, 10), g(73, 8)]),
    ] },
    Make { name: "TIFFIN", weight: 6, models: &[m("ALLEGRO", 1, 2000, 2026, Motorhome, R, 250, &["4UZ", "1F6"], &["OPEN ROAD", "BUS", "RED"], &[d(67, 6), g(68, 10)])] },
    Make { name: "COACHMEN", weight: 6, models: &[m("FREELANDER", 1, 2008, 2026, Motorhome, R, 95, &["1FD"], &["26DS", "31BH"], &[g(68, 10), g(73, 8)])] },
    Make { name: "NEWMAR", weight: 2, models: &[m("DUTCH STAR", 1, 2000, 2026, Motorhome, R, 450, &["4UZ"], &["4081", "4369"], &[d(89, 6)])] },
];

/// Class 8 tractors and heavy trucks (vehicle type K).
pub const HEAVY_TRUCKS: &[Make] = &[
    Make { name: "FREIGHTLINER", weight: 38, models: &[
        m("CASCADIA", 70, 2008, 2026, Tractor, R, 165, &["1FU", "3AK"], &["126", "125", "116"], &[d(148, 6), d(128, 6), d(150, 6)]),
        m("COLUMBIA", 20, 2001, 2015, Tractor, R, 120, &["1FU"], &["120", "112"], &[d(148, 6), d(128, 6)]),
        m("CORONADO", 10, 2002, 2020, Tractor, R, 160, &["1FU"], &["132", "122 SD"], &[d(148, 6), d(150, 6)]),
    ] },
    Make { name: "INTERNATIONAL", weight: 20, models: &[
        m("LT", 45, 2018, 2026, Tractor, R, 150, &["3HS"], &["625", "LT625"], &[d(124, 6), d(150, 6)]),
        m("PROSTAR", 45, 2008, 2017, Tractor, R, 125, &["3HS", "1HS"], &["PREMIUM", "122"], &[d(124, 6), d(150, 6)]),
        m("LONESTAR", 10, 2009, 2018, Tractor, R, 150, &["2HS"], &["BASE"], &[d(150, 6)]),
    ] },
    Make { name: "KENWORTH", weight: 13, models: &[
        m("T680", 55, 2013, 2026, Tractor, R, 175, &["1XK"], &["NEXT GEN", "BASE"], &[d(129, 6), d(150, 6)]),
        m("W900", 25, 1995, 2026, Tractor, R, 190, &["1XK"], &["L", "B"], &[d(150, 6), d(149, 6)]),
        m("T880", 20, 2014, 2026, Tractor, R, 180, &["1NK", "1XK"], &["BASE", "DAY CAB"], &[d(129, 6), d(150, 6)]),
    ] },
    Make { name: "PETERBILT", weight: 12, models: &[
        m("579", 60, 2013, 2026, Tractor, R, 180, &["1XP"], &["ULTRALOFT", "BASE"], &[d(129, 6), d(150, 6)]),
        m("389", 25, 2007, 2025, Tractor, R, 200, &["1XP"], &["BASE", "GLIDER"], &[d(150, 6)]),
        m("567", 15, 2014, 2026, Tractor, R, 190, &["1NP", "1XP"], &["BASE"], &[d(129, 6), d(150, 6)]),
    ] },
    Make { name: "VOLVO TRUCK", weight: 9, models: &[m("VNL", 1, 2005, 2026, Tractor, R, 165, &["4V4"], &["860", "760", "300", "670"], &[d(128, 6), d(161, 6)])] },
    Make { name: "MACK", weight: 6, models: &[
        m("ANTHEM", 50, 2018, 2026, Tractor, R, 165, &["1M1"], &["64T", "64F"], &[d(128, 6)]),
        m("PINNACLE", 30, 2008, 2020, Tractor, R, 140, &["1M1"], &["CXU613", "CHU613"], &[d(128, 6)]),
        m("GRANITE", 20, 2005, 2026, Tractor, R, 170, &["1M2"], &["GU713", "GU813"], &[d(128, 6)]),
    ] },
    Make { name: "WESTERN STAR", weight: 2, models: &[m("5700XE", 1, 2015, 2026, Tractor, R, 180, &["5KJ"], &["BASE", "49X"], &[d(148, 6), d(150, 6)])] },
];

/// Medium-duty trucks, cutaways and buses (vehicle type U).
pub const MEDIUM_TRUCKS: &[Make] = &[
    Make { name: "ISUZU", weight: 25, models: &[
        m("NPR", 55, 2000, 2026, MediumTruck, R, 65, &["JAL", "54D"], &["HD", "XD", "EFI"], &[g(60, 8), d(52, 4), g(66, 8)]),
        m("NQR", 30, 2002, 2026, MediumTruck, R, 72, &["JAL", "54D"], &["BASE"], &[d(52, 4), d(30, 4)]),
        m("NRR", 15, 2005, 2026, MediumTruck, R, 78, &["JAL", "54D"], &["BASE"], &[d(52, 4)]),
    ] },
    Make { name: "FORD", weight: 20, models: &[
        m("E450", 40, 2000, 2026, MediumTruck, R, 55, &["1FD"], &["SUPER DUTY", "CUTAWAY"], &[g(68, 10), g(73, 8), g(54, 8)]).det(&["E450 SUPER DUTY"]),
        m("F650", 30, 2000, 2026, MediumTruck, R, 85, &["3FR", "1FD"], &["SUPER DUTY", "XL"], &[g(68, 10), d(67, 6), g(73, 8)]),
        m("F750", 30, 2000, 2026, MediumTruck, R, 95, &["3FR", "1FD"], &["SUPER DUTY", "XL"], &[d(67, 6), g(73, 8)]),
    ] },
    Make { name: "FREIGHTLINER", weight: 15, models: &[
        m("M2 106", 70, 2003, 2026, MediumTruck, R, 95, &["1FV", "3AL"], &["MEDIUM DUTY", "BASE"], &[d(67, 6), d(89, 6), d(64, 6)]),
        m("MT45", 30, 2005, 2026, MediumTruck, R, 80, &["4UZ"], &["CHASSIS", "STEP VAN"], &[d(67, 6), g(68, 8)]),
    ] },
    Make { name: "HINO", weight: 12, models: &[
        m("268", 50, 2006, 2021, MediumTruck, R, 80, &["5PV"], &["BASE", "A"], &[d(76, 6), d(80, 6)]),
        m("195", 30, 2012, 2021, MediumTruck, R, 65, &["JHH", "JHB"], &["BASE", "DC"], &[d(50, 4)]),
        m("338", 20, 2006, 2021, MediumTruck, R, 90, &["5PV"], &["BASE"], &[d(76, 6), d(80, 6)]),
    ] },
    Make { name: "INTERNATIONAL", weight: 12, models: &[
        m("MV", 50, 2019, 2026, MediumTruck, R, 90, &["3HA", "1HT"], &["607", "BASE"], &[d(76, 6), d(67, 6)]),
        m("4300", 50, 2002, 2018, MediumTruck, R, 75, &["1HT", "3HA"], &["DURASTAR", "LP"], &[d(76, 6), d(72, 6), d(60, 8)]),
    ] },
    Make { name: "MITSUBISHI FUSO", weight: 6, models: &[m("FE", 1, 2005, 2026, MediumTruck, R, 60, &["JL6"], &["FE160", "FE180", "FE130"], &[d(30, 4), d(49, 4)])] },
    Make { name: "RAM", weight: 5, models: &[m("5500", 1, 2012, 2026, MediumTruck, R4, 70, &["3C7"], &["TRADESMAN", "SLT", "LARAMIE"], &[d(67, 6), g(64, 8)])] },
    Make { name: "BLUE BIRD", weight: 3, models: &[m("VISION", 1, 2005, 2026, MediumTruck, R, 110, &["1BA"], &["SCHOOL BUS", "BASE"], &[d(67, 6), g(68, 8)])] },
    Make { name: "THOMAS", weight: 2, models: &[m("SAF-T-LINER", 1, 2005, 2026, MediumTruck, R, 120, &["4UZ"], &["C2", "HDX", "EFX"], &[d(67, 6), d(89, 6)])] },
];

/// Construction and industrial equipment (vehicle type E).
pub const EQUIPMENT: &[Make] = &[
    Make { name: "CATERPILLAR", weight: 22, models: &[
        m("259D", 40, 2013, 2026, Equipment, N, 65, &["CAT"], &["SKID STEER", "COMPACT TRACK LOADER"], &[d(33, 4)]),
        m("420F", 30, 2012, 2026, Equipment, N, 120, &["CAT"], &["BACKHOE", "IT"], &[d(44, 4)]),
        m("308E", 30, 2013, 2026, Equipment, N, 130, &["CAT"], &["CR", "EXCAVATOR"], &[d(33, 4)]),
    ] },
    Make { name: "JOHN DEERE", weight: 22, models: &[
        m("310L", 35, 2014, 2026, Equipment, N, 115, &["1T0"], &["BACKHOE", "EP"], &[d(45, 4)]),
        m("333G", 30, 2015, 2026, Equipment, N, 85, &["1T0"], &["COMPACT TRACK LOADER"], &[d(50, 4)]),
        m("5075E", 35, 2012, 2026, Equipment, N, 50, &["1LV", "1PY"], &["UTILITY TRACTOR"], &[d(29, 3)]),
    ] },
    Make { name: "BOBCAT", weight: 20, models: &[
        m("S650", 40, 2011, 2026, Equipment, N, 55, &["B3B", "ALJ"], &["SKID STEER"], &[d(24, 4)]),
        m("T770", 35, 2011, 2026, Equipment, N, 75, &["B3B", "AJZ"], &["COMPACT TRACK LOADER"], &[d(34, 4)]),
        m("E35", 25, 2012, 2026, Equipment, N, 55, &["B3Y", "AC2"], &["MINI EXCAVATOR"], &[d(18, 3)]),
    ] },
    Make { name: "KUBOTA", weight: 16, models: &[
        m("SVL75", 35, 2012, 2026, Equipment, N, 65, &["KBC"], &["COMPACT TRACK LOADER", "2"], &[d(24, 4)]),
        m("L3901", 40, 2015, 2026, Equipment, N, 30, &["KBC"], &["TRACTOR", "HST"], &[d(17, 3)]),
        m("KX040", 25, 2012, 2026, Equipment, N, 60, &["KBC"], &["MINI EXCAVATOR"], &[d(22, 4)]),
    ] },
    Make { name: "CASE", weight: 8, models: &[m("580N", 60, 2012, 2026, Equipment, N, 100, &["JJG", "NCM"], &["BACKHOE", "EP"], &[d(45, 4)]), m("SR210", 40, 2012, 2026, Equipment, N, 50, &["JAF", "NCM"], &["SKID STEER"], &[d(22, 4)])] },
    Make { name: "GENIE", weight: 6, models: &[m("GS-1930", 1, 2008, 2026, Equipment, N, 14, &["GS3"], &["SCISSOR LIFT"], &[])] },
    Make { name: "TOYOTA", weight: 6, models: &[m("8FGCU25", 1, 2008, 2026, Equipment, N, 30, &["TYT"], &["FORKLIFT"], &[g(24, 4), g(30, 4)])] },
];

/// Pre-1981 classics sold as type V. The `wmi` field holds a serial template.
pub const CLASSICS: &[(&str, Model)] = &[
    ("FORD", m("MUSTANG", 30, 1964, 1973, Coupe, R, 28, &["yF07@######"], &["FASTBACK", "COUPE", "CONVERTIBLE", "MACH 1"], &[g(47, 8), g(49, 8), g(58, 8), g(33, 6)])),
    ("FORD", m("F100", 16, 1965, 1979, Pickup, R4, 20, &["F10@@@#####"], &["CUSTOM", "RANGER", "EXPLORER"], &[g(49, 8), g(58, 8), g(49, 6)])),
    ("FORD", m("BRONCO", 8, 1966, 1977, Suv, X4, 45, &["U15@@@#####"], &["SPORT", "RANGER", "BASE"], &[g(49, 8), g(28, 6)])),
    ("CHEVROLET", m("CAMARO", 20, 1967, 1980, Coupe, R, 30, &["12437y@######"], &["SS", "RS", "Z28", "BASE"], &[g(57, 8), g(66, 8), g(41, 6)])),
    ("CHEVROLET", m("CORVETTE", 12, 1963, 1980, Coupe, R, 45, &["19437yS######"], &["STINGRAY", "COUPE", "CONVERTIBLE"], &[g(57, 8), g(70, 8)])),
    ("CHEVROLET", m("CHEVELLE", 14, 1964, 1977, Coupe, R, 30, &["13637y@######"], &["MALIBU", "SS", "BASE"], &[g(57, 8), g(65, 8)])),
    ("CHEVROLET", m("C10", 24, 1960, 1980, Pickup, R, 20, &["CE14@y@######"], &["CUSTOM DELUXE", "CHEYENNE", "SCOTTSDALE"], &[g(57, 8), g(41, 6)])),
    ("CHEVROLET", m("BEL AIR", 8, 1955, 1975, Sedan, R, 35, &["VC57@######"], &["BASE", "SPORT COUPE"], &[g(46, 8), g(38, 6)])),
    ("DODGE", m("CHARGER", 10, 1966, 1978, Coupe, R, 40, &["XS29@y@######"], &["R/T", "SE", "BASE"], &[g(72, 8), g(63, 8)])),
    ("PLYMOUTH", m("ROAD RUNNER", 4, 1968, 1980, Coupe, R, 40, &["RM21@y@######"], &["BASE", "GTX"], &[g(63, 8), g(72, 8)])),
    ("VOLKSWAGEN", m("BEETLE", 16, 1958, 1979, Sedan, R, 12, &["11y2#######"], &["BASE", "SUPER BEETLE", "CONVERTIBLE"], &[g(16, 4), g(13, 4)])),
    ("PONTIAC", m("FIREBIRD", 10, 1967, 1980, Coupe, R, 30, &["2237@y@######"], &["TRANS AM", "FORMULA", "ESPRIT"], &[g(66, 8), g(57, 8)])),
    ("CADILLAC", m("DEVILLE", 8, 1959, 1980, Sedan, R, 35, &["6D47@y@######"], &["SEDAN", "COUPE"], &[g(70, 8), g(82, 8)])),
    ("MERCEDES-BENZ", m("450SL", 6, 1972, 1980, Conv, R, 60, &["1070441@#####"], &["ROADSTER"], &[g(45, 8)])),
    ("JEEP", m("CJ5", 10, 1955, 1980, Suv, X4, 15, &["J@F83@######"], &["RENEGADE", "BASE"], &[g(42, 6), g(50, 8)])),
    ("TOYOTA", m("LAND CRUISER", 6, 1960, 1980, Suv, X4, 40, &["FJ40#######"], &["FJ40", "FJ55"], &[g(42, 6)])),
];
