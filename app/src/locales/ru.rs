//! Russian messages.

use vinops::VehicleKind;
use vinops::catalog::Keys;
use vinops::catalog::badge::{DisplayStatus, PriceLabel};

use crate::format::slavic_plural as plural;
use crate::i18n::{Lang, Messages, MoreFilterMessages, VinSummary};

fn num(n: i64) -> String {
    crate::format::group_digits(n, Lang::Ru)
}

const LOTS: [&str; 3] = ["лот", "лота", "лотов"];

fn lots_count(n: i64) -> String {
    format!("{} {}", num(n), plural(n, LOTS))
}

fn lots_count_capped(n: i64) -> String {
    format!("{}+ лотов", num(n))
}

fn updated_ago(minutes: i64) -> String {
    match minutes {
        ..=0 => "Данные обновлены только что".to_owned(),
        1..=119 => format!(
            "Данные обновлены {minutes} {} назад",
            plural(minutes, ["минуту", "минуты", "минут"])
        ),
        _ => {
            let h = minutes / 60;
            format!(
                "Данные обновлены {h} {} назад",
                plural(h, ["час", "часа", "часов"])
            )
        }
    }
}

fn photo_alt(title: &str) -> String {
    format!("Фото: {title}")
}

fn lots_title(n: usize) -> String {
    let n = i64::try_from(n).unwrap_or(i64::MAX);
    format!(
        "История аукционов: {n} {}",
        plural(n, ["попытка", "попытки", "попыток"])
    )
}

fn outcome_inferred(confidence: Option<i64>) -> String {
    match confidence {
        Some(p) => format!("вывод, уверенность {p}%"),
        None => "вывод".to_owned(),
    }
}

fn status_label(status: &str) -> &'static str {
    match status {
        "pure_sale" => "Без резерва",
        "on_minimum_bid" => "Минимальная ставка",
        "on_approval" => "На утверждении",
        "future_sale" => "Будущие торги",
        "pending_sale" => "Ожидает торгов",
        "sold" => "Продано",
        "cancelled" => "Отменён",
        "on_hold" => "Приостановлен",
        _ => "Неизвестно",
    }
}

fn display_status(s: DisplayStatus) -> &'static str {
    match s {
        DisplayStatus::Sold => "Продано",
        DisplayStatus::Live => "Идут торги",
        DisplayStatus::Upcoming => "Скоро",
        DisplayStatus::AwaitingResult => "Ожидается результат",
        DisplayStatus::NoBids => "Нет ставок",
        DisplayStatus::OnApproval => "На утверждении",
        DisplayStatus::MinimumBid => "Минимальная ставка",
        DisplayStatus::PureSale => "Без резерва",
        DisplayStatus::Cancelled => "Отменён",
        DisplayStatus::OnHold => "Приостановлен",
        DisplayStatus::Unknown => "Неизвестно",
    }
}

fn price_label(p: PriceLabel) -> &'static str {
    match p {
        PriceLabel::BuyNow => "Купить сейчас",
        PriceLabel::CurrentBid => "Текущая ставка",
        PriceLabel::HighBid => "Высшая ставка",
        PriceLabel::PreBid => "Предварительная ставка",
        PriceLabel::RetailValue => "Оценка розничной цены",
    }
}

fn kind_label(k: VehicleKind) -> &'static str {
    match k {
        VehicleKind::Automobile => "Авто",
        VehicleKind::Motorcycle => "Мото",
        VehicleKind::Atv => "Квадроциклы",
        VehicleKind::DirtBike => "Эндуро",
        VehicleKind::Truck => "Грузовики",
        VehicleKind::Rv => "Дома на колёсах",
        VehicleKind::Trailer => "Прицепы",
        VehicleKind::Boat => "Лодки",
        VehicleKind::JetSki => "Гидроциклы",
        VehicleKind::Snowmobile => "Снегоходы",
        VehicleKind::Equipment => "Спецтехника",
        VehicleKind::Other => "Другое",
    }
}

fn sort_label(slug: &str) -> &'static str {
    match slug {
        "auction_asc" => "Дата торгов: ближайшие",
        "auction_desc" => "Дата торгов: поздние",
        "listed_desc" => "Новые лоты",
        "listed_asc" => "Старые лоты",
        "year_desc" => "Год: новее",
        "year_asc" => "Год: старше",
        "odometer_asc" => "Пробег: меньше",
        "odometer_desc" => "Пробег: больше",
        "bid_asc" => "Ставка: ниже",
        "bid_desc" => "Ставка: выше",
        _ => "Другой порядок",
    }
}

fn outcome_label(o: &str) -> &'static str {
    match o {
        "sold" => "Продано",
        "not_sold" => "Не продано",
        "on_approval" => "На утверждении",
        _ => "Неизвестно",
    }
}

fn yes_no(v: &str) -> &'static str {
    match v {
        "yes" => "Да",
        "no" => "Нет",
        "exempt" => "Не требуется",
        _ => "Неизвестно",
    }
}

fn odometer_brand(code: &str) -> &'static str {
    match code {
        "A" => "фактический",
        "E" => "освобождён от учёта",
        "N" => "не фактический",
        "T" => "реальный пробег неизвестен",
        "R" => "одометр заменён",
        "M" => "механический",
        _ => "неизвестная отметка",
    }
}

fn meta_catalog_filtered_title(subject: &str) -> String {
    format!("{subject} на страховых аукционах")
}

fn meta_catalog_filtered_description(subject: &str) -> String {
    format!(
        "{subject} на страховых аукционах США: предстоящие и прошедшие лоты Copart с фото, повреждениями, пробегом, ставками и датами торгов."
    )
}

fn meta_vin_description(s: &VinSummary) -> String {
    let mut out = format!("{}, VIN {}", s.subject, s.vin);
    if let Some(lot) = s.lot_number {
        out.push_str(&format!(": лот Copart {lot}"));
        if let Some(place) = &s.place {
            out.push_str(&format!(", {place}"));
        }
        if let Some(date) = &s.date {
            out.push_str(&format!(", торги {date}"));
        }
    }
    let n = i64::try_from(s.lots).unwrap_or(i64::MAX);
    let attempts = plural(n, ["попытка", "попытки", "попыток"]);
    let photos = if s.has_photos { ", фото" } else { "" };
    out.push_str(&format!(
        ". История: {n} {attempts} продажи{photos}, повреждения, пробег и ставки."
    ));
    out
}

fn keys_label(k: Keys) -> &'static str {
    match k {
        Keys::Yes => "Есть ключи",
        Keys::No => "Без ключей",
        Keys::Exempt => "Не требуются",
    }
}

pub const MESSAGES: Messages = Messages {
    site_name: "Vinops",
    tagline: "История аукционных автомобилей США по VIN",
    nav_home: "Главная",
    nav_catalog: "Каталог",
    nav_contacts: "Контакты",
    nav_terms: "Условия",
    switch_language: "Язык",
    theme_toggle: "Переключить тёмную тему",
    skip_to_content: "Перейти к содержимому",
    footer_about: "Проверка VIN аукционных автомобилей с данными страховых аукционов США.",
    footer_navigation: "Навигация",
    footer_rights: "Все права защищены.",
    home_title: "История VIN и аналитика продаж авто",
    home_lead: "Фото, характеристики, даты торгов и ставки автомобилей со страховых аукционов США.",
    home_browse: "Открыть каталог",
    search_label: "VIN или номер лота",
    search_placeholder: "Введите VIN или номер лота",
    search_button: "Найти",
    search_hint: "VIN — это 11–17 латинских букв (без I, O, Q) и цифр; номер лота Copart — до 10 цифр. Пробелы и дефисы удаляются.",
    search_empty: "Введите VIN или номер лота.",
    search_invalid: "Это не VIN и не номер лота. Проверьте символы: в VIN не бывает букв I, O и Q.",
    search_lot_not_found: "Автомобиля с таким номером лота у нас нет.",
    search_unavailable: "Поиск временно недоступен. Попробуйте через минуту.",
    features_title: "Что вы получите",
    features: [
        (
            "Поиск по VIN",
            "Все аукционные записи автомобиля и его текущий статус.",
        ),
        (
            "История продаж",
            "Даты торгов, ставки и пробег каждой попытки.",
        ),
        (
            "Полное описание",
            "Повреждения, документы, ключи, двигатель и другое.",
        ),
        (
            "Контроль приватности",
            "Страница автомобиля удаляется по запросу.",
        ),
    ],
    updated_ago,
    updated_never: "Данные ещё не загружены.",
    catalog_title: "Каталог автомобилей",
    catalog_lead: "Актуальные лоты: фото, характеристики, статусы и ставки.",
    catalog_empty: "Автомобили не найдены. Попробуйте изменить фильтры.",
    catalog_unavailable: "Каталог временно недоступен. Попробуйте через минуту.",
    catalog_bad_query: "Эта ссылка на каталог некорректна. Сбросьте фильтры, чтобы начать заново.",
    lots_count,
    lots_count_capped,
    kind_tabs_label: "Тип техники",
    kind_all: "Все",
    kind_label,
    filters_title: "Фильтры",
    filter_make: "Марка",
    filter_model: "Модель",
    filter_trim: "Комплектация",
    filter_year: "Год",
    filter_year_from: "Год от",
    filter_year_to: "Год до",
    filter_damage: "Повреждение",
    filter_title_type: "Документ",
    filter_status: "Статус продажи",
    filter_odometer_max: "Пробег до, миль",
    filter_state: "Штат",
    filter_any: "Любой",
    more_filters: MoreFilterMessages {
        title: "Ещё фильтры",
        secondary_damage: "Доп. повреждение",
        yard: "Площадка",
        color: "Цвет",
        fuel: "Топливо",
        drive: "Привод",
        transmission: "Коробка передач",
        body: "Кузов",
        runs_drives: "На ходу",
        keys: "Ключи",
        odometer_min: "Пробег от, миль",
        bid_min: "Ставка от, $",
        bid_max: "Ставка до, $",
        buy_it_now: "Есть «Купить сейчас»",
        auction: "Дата аукциона",
        auction_today: "Сегодня",
        auction_week: "Ближайшие 7 дней",
        auction_from: "Аукцион с",
        auction_to: "Аукцион по",
        auction_tz_note: "Дни — в вашем часовом поясе (без JavaScript — UTC).",
        keys_label,
    },
    sort_title: "Сортировка",
    sort_label,
    apply: "Применить",
    reset: "Сбросить",
    next_page: "Следующая страница",
    pagination_label: "Страницы",
    first_page: "Первая страница",
    photo_placeholder: "Фото скоро появятся",
    photo_alt,
    load_more: "Показать ещё",
    loading_more: "Загрузка…",
    loaded_more: "Загружено ещё лотов: {n}",
    all_loaded: "Показаны все лоты.",
    load_more_failed: "Не удалось загрузить лоты. Откройте следующую страницу по ссылке.",
    follow_feed: "Следить за этим поиском (лента Atom)",
    lot_number: "Лот",
    odometer: "Пробег",
    location: "Площадка",
    auction_date: "Торги",
    not_scheduled: "Дата не назначена",
    miles_unit: "миль",
    status_label,
    display_status,
    price_label,
    price_note: "Не включает аукционные сборы",
    vin_lead: "Все аукционные записи этого VIN: характеристики, лоты, даты и ставки.",
    copy_vin: "Скопировать VIN",
    copied: "Скопировано",
    gallery_placeholder: "Здесь появятся фотографии",
    gallery_title: "Фотографии",
    photo_n_of: "Фото {n} из {total}",
    lightbox_label: "Просмотр фотографий",
    lightbox_close: "Закрыть",
    lightbox_prev: "Предыдущее фото",
    lightbox_next: "Следующее фото",
    specs_title: "Характеристики",
    spec_year: "Год",
    spec_make: "Марка",
    spec_model: "Модель",
    spec_trim: "Комплектация",
    spec_body: "Кузов",
    spec_engine: "Двигатель",
    spec_transmission: "Трансмиссия",
    spec_drive: "Привод",
    spec_fuel: "Топливо",
    spec_color: "Цвет",
    spec_cylinders: "Цилиндры",
    lots_title,
    lot_auction: "Аукцион",
    lot_yard: "Площадка",
    lot_yard_time: "Время площадки",
    lot_utc_time: "UTC",
    lot_local_time: "Ваше время",
    lot_title_type: "Документ",
    lot_damage: "Повреждение",
    lot_keys: "Ключи",
    lot_runs_drives: "На ходу",
    lot_retail: "Оценка розничной цены",
    lot_repair_cost: "Оценка ремонта",
    current_bid: "Текущая ставка",
    buy_now: "Купить сейчас",
    lot_status: "Статус продажи",
    lot_outcome: "Итог",
    outcome_label,
    outcome_inferred,
    yes_no,
    odometer_brand,
    vin_unavailable: "Данные автомобиля временно недоступны. Попробуйте через минуту.",
    vin_removed_title: "Удалено по запросу",
    vin_removed_body: "Страница этого автомобиля удалена по запросу владельца.",
    vin_not_found_title: "VIN не найден",
    vin_not_found_body: "У нас нет аукционных записей по этому VIN.",
    not_found_title: "Страница не найдена",
    not_found_body: "По этому адресу ничего нет.",
    back_home: "На главную",
    contacts_title: "Контакты",
    contacts_lead: "Вопросы, исправления или запрос на удаление — напишите нам.",
    contacts_email: "Почта",
    contacts_telegram: "Telegram",
    terms_title: "Условия использования",
    terms_body: [
        "Vinops показывает данные, опубликованные страховыми аукционами США. Мы не продаём автомобили и не связаны с аукционами.",
        "Цены — последние ставки из выгрузки аукциона, без аукционных сборов; итоги продаж выведены нами и могут быть неточны.",
        "Чтобы удалить страницу автомобиля, свяжитесь с нами; удалённые страницы отвечают «удалено по запросу».",
    ],
    removal_title: "Удалить этот автомобиль",
    removal_lead: "Вы владелец и хотите убрать страницу автомобиля? Напишите причину: это бесплатно, каждый запрос рассматривает оператор.",
    removal_reason: "Почему страницу нужно удалить?",
    removal_contact: "Email или телефон (необязательно, если нужен ответ)",
    removal_submit: "Запросить удаление",
    removal_sent_title: "Запрос получен",
    removal_sent_body: "Спасибо. Оператор рассмотрит запрос; после удаления эта страница и её фотографии исчезнут с сайта и из поисковых систем.",
    og_locale: "ru_RU",
    meta_home_description: "Бесплатная история VIN автомобилей со страховых аукционов США: лоты Copart с фото, повреждениями, пробегом, ставками и итогами продаж. Поиск по VIN или номеру лота.",
    meta_catalog_description: "Каталог автомобилей страховых аукционов США: предстоящие и прошедшие лоты Copart с фото, повреждениями, пробегом, ставками и датами торгов.",
    meta_catalog_filtered_title,
    meta_catalog_filtered_description,
    meta_vin_description,
    meta_contacts_description: "Связаться с Vinops: вопросы, исправление данных и бесплатное удаление страницы автомобиля.",
    meta_terms_description: "Условия использования Vinops: откуда данные аукционов, что означают цены и выведенные итоги продаж, как удалить страницу.",
    hub: &super::hub_ru::HUB,
    price: &super::price_ru::PRICE,
};
