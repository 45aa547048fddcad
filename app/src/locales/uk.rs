//! Ukrainian messages.

use vinops::VehicleKind;
use vinops::catalog::Keys;
use vinops::catalog::badge::{DisplayStatus, PriceLabel};

use crate::format::slavic_plural as plural;
use crate::i18n::{Lang, Messages, MoreFilterMessages, VinSummary};

fn num(n: i64) -> String {
    crate::format::group_digits(n, Lang::Uk)
}

const LOTS: [&str; 3] = ["лот", "лоти", "лотів"];

fn lots_count(n: i64) -> String {
    format!("{} {}", num(n), plural(n, LOTS))
}

fn lots_count_capped(n: i64) -> String {
    format!("{}+ лотів", num(n))
}

fn updated_ago(minutes: i64) -> String {
    match minutes {
        ..=0 => "Дані оновлено щойно".to_owned(),
        1..=119 => format!(
            "Дані оновлено {minutes} {} тому",
            plural(minutes, ["хвилину", "хвилини", "хвилин"])
        ),
        _ => {
            let h = minutes / 60;
            format!(
                "Дані оновлено {h} {} тому",
                plural(h, ["годину", "години", "годин"])
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
        "Історія аукціонів: {n} {}",
        plural(n, ["спроба", "спроби", "спроб"])
    )
}

fn outcome_inferred(confidence: Option<i64>) -> String {
    match confidence {
        Some(p) => format!("висновок, упевненість {p}%"),
        None => "висновок".to_owned(),
    }
}

fn status_label(status: &str) -> &'static str {
    match status {
        "pure_sale" => "Без резерву",
        "on_minimum_bid" => "Мінімальна ставка",
        "on_approval" => "На затвердженні",
        "future_sale" => "Майбутні торги",
        "pending_sale" => "Очікує торгів",
        "sold" => "Продано",
        "cancelled" => "Скасовано",
        "on_hold" => "Призупинено",
        _ => "Невідомо",
    }
}

fn display_status(s: DisplayStatus) -> &'static str {
    match s {
        DisplayStatus::Sold => "Продано",
        DisplayStatus::Live => "Ідуть торги",
        DisplayStatus::Upcoming => "Незабаром",
        DisplayStatus::AwaitingResult => "Очікується результат",
        DisplayStatus::NoBids => "Немає ставок",
        DisplayStatus::OnApproval => "На затвердженні",
        DisplayStatus::MinimumBid => "Мінімальна ставка",
        DisplayStatus::PureSale => "Без резерву",
        DisplayStatus::Cancelled => "Скасовано",
        DisplayStatus::OnHold => "Призупинено",
        DisplayStatus::Unknown => "Невідомо",
    }
}

fn price_label(p: PriceLabel) -> &'static str {
    match p {
        PriceLabel::BuyNow => "Купити зараз",
        PriceLabel::CurrentBid => "Поточна ставка",
        PriceLabel::HighBid => "Найвища ставка",
        PriceLabel::PreBid => "Попередня ставка",
        PriceLabel::RetailValue => "Оцінка роздрібної ціни",
    }
}

fn kind_label(k: VehicleKind) -> &'static str {
    match k {
        VehicleKind::Automobile => "Авто",
        VehicleKind::Motorcycle => "Мото",
        VehicleKind::Atv => "Квадроцикли",
        VehicleKind::DirtBike => "Ендуро",
        VehicleKind::Truck => "Вантажівки",
        VehicleKind::Rv => "Будинки на колесах",
        VehicleKind::Trailer => "Причепи",
        VehicleKind::Boat => "Човни",
        VehicleKind::JetSki => "Гідроцикли",
        VehicleKind::Snowmobile => "Снігоходи",
        VehicleKind::Equipment => "Спецтехніка",
        VehicleKind::Other => "Інше",
    }
}

fn sort_label(slug: &str) -> &'static str {
    match slug {
        "auction_asc" => "Дата торгів: найближчі",
        "auction_desc" => "Дата торгів: пізніші",
        "listed_desc" => "Нові лоти",
        "listed_asc" => "Старі лоти",
        "year_desc" => "Рік: новіші",
        "year_asc" => "Рік: старіші",
        "odometer_asc" => "Пробіг: менший",
        "odometer_desc" => "Пробіг: більший",
        "bid_asc" => "Ставка: нижча",
        "bid_desc" => "Ставка: вища",
        _ => "Інший порядок",
    }
}

fn outcome_label(o: &str) -> &'static str {
    match o {
        "sold" => "Продано",
        "not_sold" => "Не продано",
        "on_approval" => "На затвердженні",
        _ => "Невідомо",
    }
}

fn yes_no(v: &str) -> &'static str {
    match v {
        "yes" => "Так",
        "no" => "Ні",
        "exempt" => "Не потрібно",
        _ => "Невідомо",
    }
}

fn odometer_brand(code: &str) -> &'static str {
    match code {
        "A" => "фактичний",
        "E" => "звільнений від обліку",
        "N" => "не фактичний",
        "T" => "реальний пробіг невідомий",
        "R" => "одометр замінено",
        "M" => "механічний",
        _ => "невідома позначка",
    }
}

fn meta_catalog_filtered_title(subject: &str) -> String {
    format!("{subject} на страхових аукціонах")
}

fn meta_catalog_filtered_description(subject: &str) -> String {
    format!(
        "{subject} на страхових аукціонах США: майбутні та минулі лоти Copart із фото, пошкодженнями, пробігом, ставками та датами торгів."
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
    let attempts = plural(n, ["спроба", "спроби", "спроб"]);
    let photos = if s.has_photos { ", фото" } else { "" };
    out.push_str(&format!(
        ". Історія: {n} {attempts} продажу{photos}, пошкодження, пробіг і ставки."
    ));
    out
}

fn keys_label(k: Keys) -> &'static str {
    match k {
        Keys::Yes => "Є ключі",
        Keys::No => "Без ключів",
        Keys::Exempt => "Не потрібні",
    }
}

pub const MESSAGES: Messages = Messages {
    site_name: "Vinops",
    tagline: "Історія аукціонних автомобілів США за VIN",
    nav_home: "Головна",
    nav_catalog: "Каталог",
    nav_contacts: "Контакти",
    nav_terms: "Умови",
    switch_language: "Мова",
    theme_toggle: "Перемкнути темну тему",
    skip_to_content: "Перейти до вмісту",
    footer_about: "Перевірка VIN аукціонних автомобілів із даними страхових аукціонів США.",
    footer_navigation: "Навігація",
    footer_rights: "Усі права захищено.",
    home_title: "Історія VIN та аналітика продажів авто",
    home_lead: "Фото, характеристики, дати торгів і ставки автомобілів зі страхових аукціонів США.",
    home_browse: "Відкрити каталог",
    search_label: "VIN або номер лоту",
    search_placeholder: "Введіть VIN або номер лоту",
    search_button: "Знайти",
    search_hint: "VIN — це 11–17 латинських літер (без I, O, Q) і цифр; номер лоту Copart — до 10 цифр. Пробіли й дефіси не враховуються.",
    search_empty: "Введіть VIN або номер лоту.",
    search_invalid: "Це не VIN і не номер лоту. Перевірте символи: у VIN не буває літер I, O та Q.",
    search_lot_not_found: "Автомобіля з таким номером лоту в нас немає.",
    search_unavailable: "Пошук тимчасово недоступний. Спробуйте за хвилину.",
    features_title: "Що ви отримаєте",
    features: [
        (
            "Пошук за VIN",
            "Усі аукціонні записи автомобіля та його поточний статус.",
        ),
        (
            "Історія продажів",
            "Дати торгів, ставки й пробіг кожної спроби.",
        ),
        (
            "Повний опис",
            "Пошкодження, документи, ключі, двигун та інше.",
        ),
        (
            "Контроль приватності",
            "Сторінку автомобіля видаляємо на запит.",
        ),
    ],
    updated_ago,
    updated_never: "Дані ще не завантажено.",
    catalog_title: "Каталог автомобілів",
    catalog_lead: "Актуальні лоти: фото, характеристики, статуси й ставки.",
    catalog_empty: "Автомобілів не знайдено. Спробуйте змінити фільтри.",
    catalog_unavailable: "Каталог тимчасово недоступний. Спробуйте за хвилину.",
    catalog_bad_query: "Це посилання на каталог некоректне. Скиньте фільтри, щоб почати спочатку.",
    lots_count,
    lots_count_capped,
    kind_tabs_label: "Тип техніки",
    kind_all: "Усі",
    kind_label,
    filters_title: "Фільтри",
    filter_make: "Марка",
    filter_model: "Модель",
    filter_trim: "Комплектація",
    filter_year: "Рік",
    filter_year_from: "Рік від",
    filter_year_to: "Рік до",
    filter_damage: "Пошкодження",
    filter_title_type: "Документ",
    filter_status: "Статус продажу",
    filter_odometer_max: "Пробіг до, миль",
    filter_state: "Штат",
    filter_any: "Будь-який",
    more_filters: MoreFilterMessages {
        title: "Більше фільтрів",
        secondary_damage: "Дод. пошкодження",
        yard: "Майданчик",
        color: "Колір",
        fuel: "Паливо",
        drive: "Привід",
        transmission: "Коробка передач",
        body: "Кузов",
        runs_drives: "На ходу",
        keys: "Ключі",
        odometer_min: "Пробіг від, миль",
        bid_min: "Ставка від, $",
        bid_max: "Ставка до, $",
        buy_it_now: "Є «Купити зараз»",
        auction: "Дата аукціону",
        auction_today: "Сьогодні",
        auction_week: "Найближчі 7 днів",
        auction_from: "Аукціон з",
        auction_to: "Аукціон по",
        auction_tz_note: "Дні — у вашому часовому поясі (без JavaScript — UTC).",
        keys_label,
    },
    sort_title: "Сортування",
    sort_label,
    apply: "Застосувати",
    reset: "Скинути",
    next_page: "Наступна сторінка",
    pagination_label: "Сторінки",
    first_page: "Перша сторінка",
    photo_placeholder: "Фото незабаром з’являться",
    photo_alt,
    load_more: "Показати ще",
    loading_more: "Завантаження…",
    loaded_more: "Завантажено ще лотів: {n}",
    all_loaded: "Показано всі лоти.",
    load_more_failed: "Не вдалося завантажити лоти. Відкрийте наступну сторінку за посиланням.",
    follow_feed: "Стежити за цим пошуком (стрічка Atom)",
    lot_number: "Лот",
    odometer: "Пробіг",
    location: "Майданчик",
    auction_date: "Торги",
    not_scheduled: "Дату не призначено",
    miles_unit: "миль",
    status_label,
    display_status,
    price_label,
    price_note: "Не включає аукціонні збори",
    vin_lead: "Усі аукціонні записи цього VIN: характеристики, лоти, дати та ставки.",
    copy_vin: "Скопіювати VIN",
    copied: "Скопійовано",
    gallery_placeholder: "Тут з’являться фотографії",
    gallery_title: "Фотографії",
    photo_n_of: "Фото {n} з {total}",
    lightbox_label: "Перегляд фотографій",
    lightbox_close: "Закрити",
    lightbox_prev: "Попереднє фото",
    lightbox_next: "Наступне фото",
    specs_title: "Характеристики",
    spec_year: "Рік",
    spec_make: "Марка",
    spec_model: "Модель",
    spec_trim: "Комплектація",
    spec_body: "Кузов",
    spec_engine: "Двигун",
    spec_transmission: "Коробка передач",
    spec_drive: "Привід",
    spec_fuel: "Паливо",
    spec_color: "Колір",
    spec_cylinders: "Циліндри",
    lots_title,
    lot_auction: "Аукціон",
    lot_yard: "Майданчик",
    lot_yard_time: "Час майданчика",
    lot_utc_time: "UTC",
    lot_local_time: "Ваш час",
    lot_title_type: "Документ",
    lot_damage: "Пошкодження",
    lot_keys: "Ключі",
    lot_runs_drives: "На ходу",
    lot_retail: "Оцінка роздрібної ціни",
    lot_repair_cost: "Оцінка ремонту",
    current_bid: "Поточна ставка",
    buy_now: "Купити зараз",
    lot_status: "Статус продажу",
    lot_outcome: "Підсумок",
    outcome_label,
    outcome_inferred,
    yes_no,
    odometer_brand,
    vin_unavailable: "Дані автомобіля тимчасово недоступні. Спробуйте за хвилину.",
    vin_removed_title: "Видалено на запит",
    vin_removed_body: "Сторінку цього автомобіля видалено на запит власника.",
    vin_not_found_title: "VIN не знайдено",
    vin_not_found_body: "У нас немає аукціонних записів за цим VIN.",
    not_found_title: "Сторінку не знайдено",
    not_found_body: "За цією адресою нічого немає.",
    back_home: "На головну",
    contacts_title: "Контакти",
    contacts_lead: "Запитання, виправлення чи запит на видалення — напишіть нам.",
    contacts_email: "Пошта",
    contacts_telegram: "Telegram",
    terms_title: "Умови використання",
    terms_body: [
        "Vinops показує дані, опубліковані страховими аукціонами США. Ми не продаємо автомобілі й не пов’язані з аукціонами.",
        "Ціни — останні ставки з вивантаження аукціону, без аукціонних зборів; підсумки продажів визначаємо ми самі, тож вони можуть бути неточними.",
        "Щоб видалити сторінку автомобіля, зв’яжіться з нами; видалені сторінки відповідають «видалено на запит».",
    ],
    removal_title: "Видалити цей автомобіль",
    removal_lead: "Ви власник і хочете прибрати сторінку автомобіля? Напишіть причину: це безкоштовно, кожен запит розглядає оператор.",
    removal_reason: "Чому сторінку потрібно видалити?",
    removal_contact: "Email або телефон (необов’язково, якщо потрібна відповідь)",
    removal_submit: "Запросити видалення",
    removal_sent_title: "Запит отримано",
    removal_sent_body: "Дякуємо. Оператор розгляне запит; після видалення ця сторінка та її фотографії зникнуть із сайту й пошукових систем.",
    og_locale: "uk_UA",
    meta_home_description: "Безкоштовна історія VIN автомобілів зі страхових аукціонів США: лоти Copart із фото, пошкодженнями, пробігом, ставками та підсумками продажів. Пошук за VIN або номером лоту.",
    meta_catalog_description: "Каталог автомобілів страхових аукціонів США: майбутні та минулі лоти Copart із фото, пошкодженнями, пробігом, ставками та датами торгів.",
    meta_catalog_filtered_title,
    meta_catalog_filtered_description,
    meta_vin_description,
    meta_contacts_description: "Зв’язатися з Vinops: запитання, виправлення даних і безкоштовне видалення сторінки автомобіля.",
    meta_terms_description: "Умови використання Vinops: звідки дані аукціонів, що означають ціни та розрахункові підсумки продажів, як видалити сторінку.",
    hub: &super::hub_uk::HUB,
    price: &super::price_uk::PRICE,
};
