//! Russian strings of the make and model hub pages.

use crate::i18n::{HubMessages, Lang};

fn num(n: i64) -> String {
    crate::format::group_digits(n, Lang::Ru)
}

fn lots(n: i64) -> String {
    (Lang::Ru.t().lots_count)(n)
}

fn title(subject: &str) -> String {
    format!("{subject} на аукционах битых авто")
}

/// 1 модель, 2 модели, 5 моделей, 21 модель, 11 моделей.
fn models(n: usize) -> String {
    let n = n as i64;
    let form = crate::format::slavic_plural(n, ["модель", "модели", "моделей"]);
    format!("{} {form}", num(n))
}

fn make_lead(n: i64, m: usize) -> String {
    format!("{}, {}.", lots(n), models(m))
}

fn meta_make_description(make: &str, n: i64, m: usize) -> String {
    format!(
        "{make} на аукционах битых авто США: {}, {}, медианные ставки и оценочная розничная стоимость по годам выпуска, фото и история торгов.",
        lots(n),
        models(m)
    )
}

fn meta_model_description(subject: &str, n: i64) -> String {
    format!(
        "{subject} на аукционах битых авто США: {}, медианные ставки и оценочная розничная стоимость по годам выпуска, фото и история торгов.",
        lots(n)
    )
}

fn all_lots(n: i64) -> String {
    format!("Все лоты в каталоге ({})", lots(n))
}

fn prices_since(date: &str) -> String {
    format!("Лоты с датой торгов с {date}, включая предстоящие.")
}

fn window_name(param: &str) -> &'static str {
    match param {
        "30d" => "30 дней",
        "90d" => "90 дней",
        "365d" => "12 месяцев",
        _ => "Всё время",
    }
}

pub const HUB: HubMessages = HubMessages {
    makes_title: "Марки",
    breadcrumbs_label: "Навигационная цепочка",
    title,
    make_lead,
    meta_make_description,
    meta_model_description,
    models_title: "Модели",
    lots_title: "Ближайшие лоты",
    all_lots,
    prices_title: "Цены по годам выпуска",
    prices_since,
    prices_all: "Все лоты, которые мы записали.",
    prices_empty: "За этот период лотов нет.",
    window_label: "Период",
    window_name,
    col_year: "Год",
    col_lots: "Лоты",
    col_median_bid: "Медиана текущей ставки",
    col_median_retail: "Медиана оценочной стоимости",
    year_unknown: "Год неизвестен",
    no_figure: "—",
    not_found_title: "Нет такой марки или модели",
    not_found_body: "У нас нет лотов этой марки или модели. Список марок — на главной странице.",
    bad_query: "Эта ссылка недействительна.",
};
