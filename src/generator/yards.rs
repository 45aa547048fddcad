//! Copart-like yards: facility number, `ST - CITY` name, address, time zone and usual sale day,
//! weighted so the zone mix and the top title states match the real export.

use chrono::Weekday;

use super::rng::{Rng, Table};
use super::zones::{Zone, ZoneGroup};

/// One yard of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Yard {
    /// `Yard number`.
    pub number: u16,
    /// `Yard name`, always `ST - CITY`.
    pub name: &'static str,
    /// `Location city`.
    pub city: &'static str,
    /// `Location state` (two letters).
    pub state: &'static str,
    /// `Location ZIP`: five digits, or ZIP+4 with a space as Copart writes it.
    pub zip: &'static str,
    pub zone: Zone,
    /// Relative share of the yard within its zone group.
    pub weight: u32,
    /// The weekday the yard usually sells on, and the usual local start time (HHMM).
    pub sale_day: Weekday,
    pub sale_hhmm: u16,
}

#[allow(clippy::too_many_arguments)]
const fn y(
    number: u16,
    name: &'static str,
    city: &'static str,
    state: &'static str,
    zip: &'static str,
    zone: Zone,
    weight: u32,
    sale_day: Weekday,
    sale_hhmm: u16,
) -> Yard {
    Yard {
        number,
        name,
        city,
        state,
        zip,
        zone,
        weight,
        sale_day,
        sale_hhmm,
    }
}

use Weekday::{Fri, Mon, Thu, Tue, Wed};
use Zone::{Alaska, Arizona, Central, Eastern, Hawaii, Mountain, Pacific};

/// The yards. Weights are relative within a zone group (see [`ZONE_SHARES`]); together they put
/// TX, CA, IL, FL, SC, GA, IN, AL, CO and MN at the top of `Sale Title State`, as in the real
/// export.
#[rustfmt::skip]
pub const YARDS: &[Yard] = &[
    // Eastern
    y(72, "FL - ORLANDO SOUTH", "ORLANDO", "FL", "32824", Eastern, 170, Tue, 1000),
    y(88, "FL - MIAMI NORTH", "MIAMI", "FL", "33167 1411", Eastern, 170, Wed, 1000),
    y(73, "FL - TAMPA SOUTH", "TAMPA", "FL", "33619", Eastern, 130, Fri, 1000),
    y(162, "FL - JACKSONVILLE NORTH", "JACKSONVILLE", "FL", "32218 5717", Eastern, 80, Tue, 1100),
    y(158, "FL - FT. PIERCE", "FT. PIERCE", "FL", "34946", Eastern, 50, Wed, 1100),
    y(42, "GA - ATLANTA NORTH", "ACWORTH", "GA", "30102", Eastern, 230, Wed, 1000),
    y(43, "GA - ATLANTA SOUTH", "FAIRBURN", "GA", "30213 2929", Eastern, 170, Thu, 1000),
    y(131, "GA - SAVANNAH", "SAVANNAH", "GA", "31408", Eastern, 100, Fri, 1100),
    y(54, "SC - COLUMBIA", "LEXINGTON", "SC", "29073 7521", Eastern, 300, Wed, 1100),
    y(136, "SC - GREER", "GREER", "SC", "29651", Eastern, 250, Thu, 1100),
    y(60, "IN - INDIANAPOLIS", "INDIANAPOLIS", "IN", "46241", Eastern, 300, Thu, 1000),
    y(147, "IN - FORT WAYNE", "FORT WAYNE", "IN", "46803 3009", Eastern, 150, Tue, 1000),
    y(51, "NC - RALEIGH", "RALEIGH", "NC", "27610", Eastern, 200, Fri, 1000),
    y(125, "NC - CHINA GROVE", "CHINA GROVE", "NC", "28023", Eastern, 150, Wed, 1000),
    y(48, "OH - COLUMBUS", "COLUMBUS", "OH", "43207 4528", Eastern, 170, Thu, 1000),
    y(85, "OH - CLEVELAND EAST", "EUCLID", "OH", "44117", Eastern, 130, Mon, 1000),
    y(96, "PA - PHILADELPHIA", "PHILADELPHIA", "PA", "19154", Eastern, 140, Wed, 1000),
    y(104, "PA - PITTSBURGH NORTH", "MARS", "PA", "16046", Eastern, 110, Tue, 1000),
    y(113, "NY - LONG ISLAND", "MEDFORD", "NY", "11763 2224", Eastern, 180, Mon, 1000),
    y(66, "NJ - TRENTON", "BORDENTOWN", "NJ", "08505", Eastern, 150, Thu, 1000),
    y(82, "MI - DETROIT", "DETROIT", "MI", "48209", Eastern, 150, Mon, 1000),
    y(57, "VA - RICHMOND", "RICHMOND", "VA", "23234", Eastern, 100, Tue, 1000),
    y(93, "MD - BALTIMORE", "HALETHORPE", "MD", "21227 4705", Eastern, 80, Thu, 1000),
    y(62, "MA - NORTH BOSTON", "LOWELL", "MA", "01851", Eastern, 60, Wed, 1000),
    y(110, "KY - LOUISVILLE", "LOUISVILLE", "KY", "40216", Eastern, 40, Tue, 1000),
    y(107, "CT - HARTFORD", "HARTFORD", "CT", "06114", Eastern, 40, Mon, 1100),
    y(149, "TN - KNOXVILLE", "KNOXVILLE", "TN", "37921", Eastern, 50, Fri, 1000),
    // Central
    y(31, "TX - DALLAS", "WILMER", "TX", "75172", Central, 350, Wed, 1000),
    y(32, "TX - HOUSTON", "HOUSTON", "TX", "77073 5801", Central, 400, Thu, 1000),
    y(33, "TX - SAN ANTONIO", "SAN ANTONIO", "TX", "78219", Central, 250, Fri, 1000),
    y(34, "TX - FT. WORTH", "HASLET", "TX", "76052", Central, 200, Mon, 1000),
    y(35, "TX - AUSTIN", "AUSTIN", "TX", "78744 1021", Central, 150, Fri, 1000),
    y(139, "TX - DALLAS SOUTH", "HUTCHINS", "TX", "75141", Central, 120, Mon, 1100),
    y(152, "TX - CORPUS CHRISTI", "ROBSTOWN", "TX", "78380", Central, 80, Wed, 1200),
    y(170, "TX - HOUSTON EAST", "HOUSTON", "TX", "77044", Central, 50, Fri, 1100),
    y(39, "IL - CHICAGO NORTH", "WHEELING", "IL", "60090 3018", Central, 300, Thu, 1000),
    y(40, "IL - CHICAGO SOUTH", "BLUE ISLAND", "IL", "60406", Central, 250, Fri, 1000),
    y(117, "IL - SOUTHERN ILLINOIS", "MOUNT VERNON", "IL", "62864", Central, 100, Tue, 1100),
    y(44, "AL - BIRMINGHAM", "BESSEMER", "AL", "35022", Central, 230, Thu, 1100),
    y(118, "AL - MOBILE", "EIGHT MILE", "AL", "36613", Central, 170, Mon, 1100),
    y(76, "MN - MINNEAPOLIS", "HAM LAKE", "MN", "55304 6003", Central, 200, Wed, 1000),
    y(141, "MN - ST. CLOUD", "ST. CLOUD", "MN", "56304", Central, 100, Thu, 1200),
    y(75, "MO - ST. LOUIS", "BRIDGETON", "MO", "63044", Central, 200, Fri, 1000),
    y(64, "TN - NASHVILLE", "NASHVILLE", "TN", "37218", Central, 120, Wed, 1000),
    y(120, "TN - MEMPHIS", "MEMPHIS", "TN", "38118", Central, 80, Thu, 1000),
    y(90, "OK - OKLAHOMA CITY", "OKLAHOMA CITY", "OK", "73129 7115", Central, 150, Wed, 1100),
    y(97, "LA - NEW ORLEANS", "NEW ORLEANS", "LA", "70129", Central, 150, Thu, 1000),
    y(100, "KS - KANSAS CITY", "BONNER SPRINGS", "KS", "66012", Central, 100, Tue, 1000),
    y(80, "WI - MILWAUKEE", "FRANKLIN", "WI", "53132", Central, 100, Mon, 1000),
    y(121, "AR - LITTLE ROCK", "CONWAY", "AR", "72032", Central, 80, Wed, 1000),
    y(133, "MS - JACKSON", "JACKSON", "MS", "39209", Central, 70, Tue, 1100),
    // Mountain (Arizona stays on MST)
    y(25, "CO - DENVER CENTRAL", "DENVER", "CO", "80216 1426", Mountain, 250, Wed, 1000),
    y(86, "CO - COLORADO SPRINGS", "COLORADO SPRINGS", "CO", "80916", Mountain, 80, Thu, 1100),
    y(27, "UT - SALT LAKE CITY", "SALT LAKE CITY", "UT", "84104", Mountain, 150, Fri, 1000),
    y(89, "NM - ALBUQUERQUE", "ALBUQUERQUE", "NM", "87105", Mountain, 80, Wed, 1100),
    y(128, "ID - BOISE", "BOISE", "ID", "83709", Mountain, 60, Thu, 1000),
    y(151, "TX - EL PASO", "EL PASO", "TX", "79927", Mountain, 50, Tue, 1000),
    y(14, "AZ - PHOENIX", "PHOENIX", "AZ", "85043 4011", Arizona, 110, Thu, 1000),
    y(148, "AZ - TUCSON", "TUCSON", "AZ", "85756", Arizona, 40, Tue, 1100),
    // Pacific
    y(1, "CA - VALLEJO", "VALLEJO", "CA", "94590 7203", Pacific, 170, Fri, 1200),
    y(12, "CA - LOS ANGELES", "SUN VALLEY", "CA", "91352", Pacific, 190, Mon, 1000),
    y(6, "CA - SACRAMENTO", "RANCHO CORDOVA", "CA", "95742 6300", Pacific, 130, Wed, 1000),
    y(13, "CA - SAN DIEGO", "SAN DIEGO", "CA", "92154", Pacific, 130, Thu, 1000),
    y(20, "CA - RANCHO CUCAMONGA", "RANCHO CUCAMONGA", "CA", "91739", Pacific, 120, Wed, 1100),
    y(5, "CA - HAYWARD", "HAYWARD", "CA", "94545", Pacific, 80, Mon, 1100),
    y(21, "WA - NORTH SEATTLE", "ARLINGTON", "WA", "98223", Pacific, 90, Wed, 1000),
    y(22, "OR - PORTLAND SOUTH", "WOODBURN", "OR", "97071 9640", Pacific, 60, Tue, 1000),
    y(28, "NV - LAS VEGAS", "NORTH LAS VEGAS", "NV", "89030", Pacific, 50, Thu, 1000),
    // Hawaii and Alaska
    y(190, "HI - HONOLULU", "KAPOLEI", "HI", "96707", Hawaii, 1, Thu, 1000),
    y(195, "AK - ANCHORAGE", "ANCHORAGE", "AK", "99501 1714", Alaska, 1, Wed, 1000),
];

/// Share of each zone group in the export, per 10,000 rows: Eastern 41%, Central 39%, Pacific
/// 11%, Mountain (incl. Arizona) 8%, Hawaii 0.5%, Alaska 0.25% — the real file's mix.
pub const ZONE_SHARES: [(ZoneGroup, u32); 6] = [
    (ZoneGroup::Eastern, 4100),
    (ZoneGroup::Central, 3900),
    (ZoneGroup::Pacific, 1100),
    (ZoneGroup::Mountain, 800),
    (ZoneGroup::Hawaii, 50),
    (ZoneGroup::Alaska, 25),
];

/// Weighted yard choice: zone group first, then a yard within it.
#[derive(Debug, Clone)]
pub(crate) struct YardPicker {
    groups: Table,
    members: Vec<(Vec<usize>, Table)>,
}

impl YardPicker {
    pub(crate) fn new() -> Self {
        let members = ZONE_SHARES
            .iter()
            .map(|(group, _)| {
                let idx: Vec<usize> = (0..YARDS.len())
                    .filter(|&i| YARDS[i].zone.group() == *group)
                    .collect();
                let table = Table::new(idx.iter().map(|&i| YARDS[i].weight));
                (idx, table)
            })
            .collect();
        Self {
            groups: Table::new(ZONE_SHARES.iter().map(|(_, w)| *w)),
            members,
        }
    }

    pub(crate) fn pick(&self, rng: &mut Rng) -> &'static Yard {
        let (idx, table) = &self.members[self.groups.sample(rng)];
        &YARDS[idx[table.sample(rng)]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yards_are_well_formed() {
        let mut numbers: Vec<u16> = YARDS.iter().map(|y| y.number).collect();
        numbers.sort_unstable();
        numbers.dedup();
        assert_eq!(numbers.len(), YARDS.len(), "yard numbers are unique");
        for yard in YARDS {
            assert_eq!(yard.state.len(), 2, "{}", yard.name);
            assert!(
                yard.name.starts_with(&format!("{} - ", yard.state)),
                "{}",
                yard.name
            );
            let zip_ok = match yard.zip.len() {
                5 => yard.zip.bytes().all(|b| b.is_ascii_digit()),
                10 => yard.zip.as_bytes()[5] == b' ',
                _ => false,
            };
            assert!(zip_ok, "{}", yard.zip);
            assert!(!matches!(yard.sale_day, Weekday::Sat | Weekday::Sun));
        }
        for (group, _) in ZONE_SHARES {
            assert!(
                YARDS.iter().any(|y| y.zone.group() == group),
                "{group:?} has a yard"
            );
        }
    }
}
