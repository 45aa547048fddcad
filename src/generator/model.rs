//! The shape of one entry of the vehicle tables (`cars.rs`, `cars_more.rs`, `special.rs`): a
//! model with its years, class, price, VIN prefixes, trims and engines, and the make that lists
//! its models. The tables and `catalog.rs` (which draws from them) both use these, so they live
//! apart from either; an entry's vocabulary (fuel, engine, drive, class) is in `kinds.rs`.

use super::kinds::{Class, Drv, Engine};

/// One model of a make.
#[derive(Debug, Clone, Copy)]
pub struct Model {
    /// `Model Group`.
    pub group: &'static str,
    /// Relative frequency within the make.
    pub weight: u32,
    /// First and last model year offered.
    pub from: u16,
    pub to: u16,
    pub class: Class,
    pub drv: Drv,
    /// Typical new price, in thousands of dollars.
    pub msrp_k: u32,
    /// World manufacturer identifiers (VIN positions 1–3) used for this model.
    pub wmi: &'static [&'static str],
    pub trims: &'static [&'static str],
    pub engines: &'static [Engine],
    /// Long forms Copart truncates into `Model Detail`, most common first; no entry means the
    /// model group, and an empty entry means the trim alone (BMW "328I", Mercedes "C 300").
    pub details: &'static [&'static str],
}

/// Positional constructor so the tables stay one line per model.
#[allow(clippy::too_many_arguments)]
pub(crate) const fn m(
    group: &'static str,
    weight: u32,
    from: u16,
    to: u16,
    class: Class,
    drv: Drv,
    msrp_k: u32,
    wmi: &'static [&'static str],
    trims: &'static [&'static str],
    engines: &'static [Engine],
) -> Model {
    Model {
        group,
        weight,
        from,
        to,
        class,
        drv,
        msrp_k,
        wmi,
        trims,
        engines,
        details: &[],
    }
}

impl Model {
    /// The same model with the long names Copart cuts into `Model Detail`.
    pub(crate) const fn det(self, details: &'static [&'static str]) -> Model {
        Model { details, ..self }
    }
}

/// A make and its models.
#[derive(Debug, Clone, Copy)]
pub struct Make {
    pub name: &'static str,
    /// Relative frequency among the makes of the same vehicle type.
    pub weight: u32,
    pub models: &'static [Model],
}
