//! The vocabulary of a model entry: fuel, engine, drive and vehicle class, with the rules that
//! hang off them (Copart's body codes per class, the share of manual gearboxes, typical mileage).

use super::rng::Rng;

/// Copart's `Fuel Type` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fuel {
    Gas,
    Diesel,
    Hybrid,
    Electric,
    Flex,
}

impl Fuel {
    pub const ALL: [Fuel; 5] = [
        Fuel::Gas,
        Fuel::Diesel,
        Fuel::Hybrid,
        Fuel::Electric,
        Fuel::Flex,
    ];

    pub const fn code(self) -> &'static str {
        match self {
            Fuel::Gas => "GAS",
            Fuel::Diesel => "DIESEL",
            Fuel::Hybrid => "HYBRID",
            Fuel::Electric => "ELECTRIC",
            Fuel::Flex => "FLEX FUEL",
        }
    }
}

/// An engine as the export describes it: displacement in tenths of a litre, cylinders, fuel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Engine {
    pub tenths: u16,
    pub cylinders: u8,
    pub fuel: Fuel,
}

pub(crate) const fn g(tenths: u16, cylinders: u8) -> Engine {
    Engine {
        tenths,
        cylinders,
        fuel: Fuel::Gas,
    }
}
pub(crate) const fn d(tenths: u16, cylinders: u8) -> Engine {
    Engine {
        tenths,
        cylinders,
        fuel: Fuel::Diesel,
    }
}
pub(crate) const fn h(tenths: u16, cylinders: u8) -> Engine {
    Engine {
        tenths,
        cylinders,
        fuel: Fuel::Hybrid,
    }
}
pub(crate) const fn f(tenths: u16, cylinders: u8) -> Engine {
    Engine {
        tenths,
        cylinders,
        fuel: Fuel::Flex,
    }
}
/// Electric drive: no displacement, no cylinders.
pub(crate) const EV: Engine = Engine {
    tenths: 0,
    cylinders: 0,
    fuel: Fuel::Electric,
};

/// Which `Drive` texts a model comes with (Copart writes the long form).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drv {
    /// Front-wheel drive only.
    F,
    /// Front-wheel drive, or all-wheel drive as an option.
    FA,
    /// Crossovers: front-wheel drive, "4x4 w/Front Whl Drv" or all-wheel drive.
    FX,
    /// Rear-wheel drive only.
    R,
    /// Rear-wheel drive, or all-wheel drive as an option.
    RA,
    /// All-wheel drive only.
    A,
    /// Body-on-frame trucks and SUVs: rear-wheel drive or "4x4 w/Rear Wheel Drv".
    R4,
    /// Always four-wheel drive.
    X4,
    /// No drive text (boats, trailers, motorcycles, equipment).
    N,
}

pub const FWD: &str = "Front-wheel Drive";
pub const RWD: &str = "Rear-wheel drive";
pub const AWD: &str = "All wheel drive";
pub const FOUR_F: &str = "4x4 w/Front Whl Drv";
pub const FOUR_R: &str = "4x4 w/Rear Wheel Drv";
/// Every `Drive` text above.
pub const DRIVES: [&str; 5] = [FWD, RWD, AWD, FOUR_F, FOUR_R];

/// Copart's `Transmission` values (written for decoded road vehicles only).
pub const AUTOMATIC: &str = "AUTOMATIC";
pub const MANUAL: &str = "MANUAL";
/// The `Engine` text of an electric drive (the others are figures: "2.0L  4").
pub const ELECTRIC_ENGINE: &str = "ELECTRIC";

impl Drv {
    pub(crate) fn pick(self, rng: &mut Rng) -> &'static str {
        match self {
            Drv::F => FWD,
            Drv::FA => rng.weighted(&[(FWD, 70), (AWD, 30)]),
            Drv::FX => rng.weighted(&[(FWD, 50), (FOUR_F, 28), (AWD, 22)]),
            Drv::R => RWD,
            Drv::RA => rng.weighted(&[(RWD, 55), (AWD, 45)]),
            Drv::A => AWD,
            Drv::R4 => rng.weighted(&[(RWD, 38), (FOUR_R, 62)]),
            Drv::X4 => FOUR_R,
            Drv::N => "",
        }
    }
}

/// What kind of thing a model is; decides body codes, transmission and how values behave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Sedan,
    Hatch,
    Coupe,
    Conv,
    Wagon,
    Suv,
    Pickup,
    Van,
    Minivan,
    /// Street, cruiser and naked motorcycles.
    MotoRoad,
    /// Sport bikes.
    MotoSport,
    /// Touring baggers.
    MotoTour,
    /// Dirt bikes.
    MotoDirt,
    Scooter,
    Atv,
    Boat,
    Pontoon,
    JetSki,
    Trailer,
    TravelTrailer,
    Motorhome,
    /// Class 8 tractors.
    Tractor,
    /// Medium-duty box, cab-over and chassis trucks.
    MediumTruck,
    Equipment,
}

impl Class {
    /// Copart's 8-character body codes that fit this class, with weights.
    pub(crate) const fn body_codes(self) -> &'static [(&'static str, u32)] {
        match self {
            Class::Sedan => &[
                ("SEDAN 4D", 92),
                ("SEDAN 2", 3),
                ("LIMOUSIN", 1),
                ("4DR EXT", 4),
            ],
            Class::Hatch => &[("HATCHBAC", 90), ("COUPE 3D", 10)],
            Class::Coupe => &[("COUPE", 80), ("COUPE 3D", 8), ("2DR SPOR", 12)],
            Class::Conv => &[("CONVERTI", 85), ("ROADSTER", 15)],
            Class::Wagon => &[("STATION", 85), ("HATCHBAC", 15)],
            Class::Suv => &[("4DR SPOR", 88), ("UTILITY", 8), ("2DR SPOR", 4)],
            Class::Pickup => &[
                ("CREW PIC", 50),
                ("CLUB CAB", 14),
                ("EXTENDED", 12),
                ("PICKUP", 14),
                ("SPORT PI", 4),
                ("CREW CHA", 6),
            ],
            Class::Van => &[
                ("CARGO VA", 70),
                ("4DR EXT", 12),
                ("3DR EXT", 8),
                ("STEP VAN", 10),
            ],
            Class::Minivan => &[("SPORTS V", 90), ("4DR EXT", 10)],
            Class::MotoRoad => &[("ROAD/STR", 100)],
            Class::MotoSport => &[("RACER", 100)],
            Class::MotoTour => &[("GLIDERS", 70), ("ROAD/STR", 30)],
            Class::MotoDirt => &[("ENDURO", 55), ("MOTO CRO", 45)],
            Class::Scooter => &[("MOTOR SC", 100)],
            Class::Atv => &[("ALL TERR", 100)],
            Class::Boat => &[
                ("RUNABOUT", 40),
                ("BOW RIDE", 25),
                ("CENTER C", 20),
                ("CRUISER", 15),
            ],
            Class::Pontoon => &[("PONTOON", 100)],
            Class::JetSki => &[("PERSONAL", 100)],
            Class::Trailer => &[("TRAILER", 60), ("UTILITY", 40)],
            Class::TravelTrailer => &[("TRAVEL T", 80), ("5TH WHEE", 20)],
            Class::Motorhome => &[("MOTORIZE", 100)],
            Class::Tractor => &[("TRACTOR", 70), ("CONVENTI", 30)],
            Class::MediumTruck => &[
                ("TILT CAB", 30),
                ("CHASSIS", 20),
                ("CUTAWAY", 15),
                ("CONVENTI", 15),
                ("INCOMPLE", 8),
                ("INCOMP P", 4),
                ("BUS", 5),
                ("FIRE TRU", 3),
            ],
            Class::Equipment => &[
                ("SKID STE", 30),
                ("BACKHOE", 20),
                ("EXCAVATO", 20),
                ("FORKLIFT", 15),
                ("WHEEL LO", 15),
            ],
        }
    }

    /// Probability (per 10,000) that the transmission is manual.
    pub(crate) const fn manual_per_10k(self) -> u32 {
        match self {
            Class::Sedan => 250,
            Class::Hatch => 700,
            Class::Coupe | Class::Conv => 1500,
            Class::Wagon => 400,
            Class::Suv | Class::Minivan | Class::Van => 60,
            Class::Pickup => 250,
            Class::MotoRoad | Class::MotoSport | Class::MotoTour | Class::MotoDirt => 10_000,
            Class::Tractor => 4500,
            Class::MediumTruck => 1500,
            _ => 0,
        }
    }

    /// Whether the class is a road vehicle with a meaningful odometer in miles.
    pub(crate) const fn has_miles(self) -> bool {
        !matches!(
            self,
            Class::Boat
                | Class::Pontoon
                | Class::JetSki
                | Class::Trailer
                | Class::TravelTrailer
                | Class::Equipment
        )
    }

    /// Typical miles per year of age.
    pub(crate) const fn miles_per_year(self) -> u64 {
        match self {
            Class::Tractor => 70_000,
            Class::MediumTruck => 22_000,
            Class::Van | Class::Pickup => 14_500,
            Class::Motorhome => 5_000,
            Class::MotoRoad | Class::MotoSport | Class::MotoTour => 3_500,
            Class::MotoDirt | Class::Scooter | Class::Atv => 900,
            _ => 12_000,
        }
    }
}
