//! Shared page furniture: the layout (header, footer) and catalog cards.

mod layout;
mod lot_card;

pub use layout::{Layout, current_lang};
pub use lot_card::LotCardView;
