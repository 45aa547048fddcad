//! Russian messages.

use crate::i18n::Messages;

/// Russian plural of "лот": 1 лот, 2–4 лота, 5–20 лотов, 21 лот, …
fn lots_count(n: i64) -> String {
    let word = match (n % 10, n % 100) {
        (_, 11..=14) => "лотов",
        (1, _) => "лот",
        (2..=4, _) => "лота",
        _ => "лотов",
    };
    format!(
        "{} {word}",
        crate::format::group_digits(n, crate::i18n::Lang::Ru)
    )
}

fn status_label(status: &str) -> &'static str {
    match status {
        "pure_sale" => "Без резерва",
        "on_minimum_bid" => "Минимальная ставка",
        "on_approval" => "На утверждении",
        "future_sale" | "pending_sale" => "Скоро",
        "sold" => "Продано",
        "cancelled" => "Отменён",
        "on_hold" => "Приостановлен",
        _ => "Неизвестно",
    }
}

pub const MESSAGES: Messages = Messages {
    site_name: "Vinops",
    tagline: "История аукционных автомобилей США по VIN",
    nav_home: "Главная",
    nav_catalog: "Каталог",
    switch_language: "English",
    theme_toggle: "Переключить тёмную тему",
    skip_to_content: "Перейти к содержимому",
    home_title: "История VIN и аналитика продаж авто",
    home_lead: "Фото, характеристики, даты торгов и ставки автомобилей со страховых аукционов США.",
    home_browse: "Открыть каталог",
    catalog_title: "Каталог автомобилей",
    catalog_lead: "Актуальные лоты: фото, характеристики, статусы и ставки.",
    catalog_empty: "Автомобили не найдены.",
    catalog_unavailable: "Каталог временно недоступен. Попробуйте через минуту.",
    lots_count,
    lot_number: "Лот",
    odometer: "Пробег",
    location: "Площадка",
    auction_date: "Торги",
    not_scheduled: "Дата не назначена",
    current_bid: "Текущая ставка",
    buy_now: "Купить сейчас",
    retail_value: "Розничная цена",
    no_bids: "Ставок пока нет",
    miles_unit: "миль",
    not_found_title: "Страница не найдена",
    not_found_body: "По этому адресу ничего нет.",
    back_home: "На главную",
    footer_about: "Проверка VIN аукционных автомобилей с данными страховых аукционов США.",
    status_label,
};
