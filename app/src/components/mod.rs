//! Shared page furniture: the layout (header, footer), catalog cards and badges.

mod badges;
mod layout;
mod lot_card;

pub use badges::{PriceBadgeView, StatusBadge};
pub use layout::{Layout, current_lang};
pub use lot_card::LotCardView;
