//! Ukrainian strings of the make and model hub pages.

use crate::i18n::{HubMessages, Lang};

fn num(n: i64) -> String {
    crate::format::group_digits(n, Lang::Uk)
}

fn lots(n: i64) -> String {
    (Lang::Uk.t().lots_count)(n)
}

fn title(subject: &str) -> String {
    format!("{subject} на аукціонах битих авто")
}

/// 1 модель, 2 моделі, 5 моделей, 21 модель, 11 моделей.
fn models(n: usize) -> String {
    let n = n as i64;
    let form = crate::format::slavic_plural(n, ["модель", "моделі", "моделей"]);
    format!("{} {form}", num(n))
}

fn make_lead(n: i64, m: usize) -> String {
    format!("{}, {}.", lots(n), models(m))
}

fn meta_make_description(make: &str, n: i64, m: usize) -> String {
    format!(
        "{make} на аукціонах битих авто США: {}, {}, медіанні ставки й оцінна роздрібна вартість за роками випуску, фото та історія торгів.",
        lots(n),
        models(m)
    )
}

fn meta_model_description(subject: &str, n: i64) -> String {
    format!(
        "{subject} на аукціонах битих авто США: {}, медіанні ставки й оцінна роздрібна вартість за роками випуску, фото та історія торгів.",
        lots(n)
    )
}

fn all_lots(n: i64) -> String {
    format!("Усі лоти в каталозі ({})", lots(n))
}

fn prices_since(date: &str) -> String {
    format!("Лоти з датою торгів від {date}, включно з майбутніми.")
}

fn window_name(param: &str) -> &'static str {
    match param {
        "30d" => "30 днів",
        "90d" => "90 днів",
        "365d" => "12 місяців",
        _ => "Увесь час",
    }
}

pub const HUB: HubMessages = HubMessages {
    makes_title: "Марки",
    breadcrumbs_label: "Навігаційний ланцюжок",
    title,
    make_lead,
    meta_make_description,
    meta_model_description,
    models_title: "Моделі",
    lots_title: "Найближчі лоти",
    all_lots,
    prices_title: "Ціни за роками випуску",
    prices_since,
    prices_all: "Усі лоти, які ми записали.",
    prices_empty: "За цей період лотів немає.",
    window_label: "Період",
    window_name,
    col_year: "Рік",
    col_lots: "Лоти",
    col_median_bid: "Медіана поточної ставки",
    col_median_retail: "Медіана оцінної вартості",
    year_unknown: "Рік невідомий",
    no_figure: "—",
    not_found_title: "Немає такої марки чи моделі",
    not_found_body: "У нас немає лотів цієї марки чи моделі. Список марок — на головній сторінці.",
    bad_query: "Це посилання недійсне.",
};
