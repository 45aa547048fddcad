//! Ukrainian strings of the operator's /health dashboard.

use super::HealthText;

pub(super) const UK: HealthText = HealthText {
    title: "Стан Vinops",
    checked: "перевірено",
    refreshes: "оновлюється кожні 30 с",
    public_note: " · публічний вигляд (повний звіт — на службовому порту)",
    catalog: "Каталог",
    total_vehicles: "Усього автомобілів",
    total_lots: "Усього лотів",
    active_lots: "Активні лоти",
    image_coverage: "Покриття фото",
    services: "Сервіси",
    metrics: "Показники",
    last_24h: "Останні 24 години",
    chart_lots: "Лотів завантажено за годину (нові та змінені)",
    chart_photos: "Фото збережено за годину",
    chart_total: "за останні 24 год",
    chart_peak: "пік за годину",
    charts_need_db: "Для графіків потрібна база даних.",
    service_names: [
        ("Web", "Вебсервер"),
        ("Database", "База даних"),
        ("Redis", "Redis"),
        ("ETL", "ETL"),
        ("Image backfill", "Завантаження фото"),
        ("Images", "Фото"),
        ("Photo removal", "Видалення фото"),
        ("Outcomes", "Підсумки торгів"),
    ],
    card_labels: [
        ("lots_written_24h", "Лотів записано (24 год)"),
        ("photos_stored_24h", "Фото збережено (24 год)"),
        ("lots_needing_photos", "Лотів без фото"),
        ("etl_runs_24h", "Запусків ETL (24 год, з помилкою)"),
        ("cache_hit_rate", "Влучання в кеш"),
    ],
};
