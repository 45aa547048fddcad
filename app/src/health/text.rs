//! What the health dashboard says itself, per language. Service summaries and reasons are the
//! server's (English); the names, labels and headings here are the page's.

use crate::i18n::Lang;

#[path = "text_uk.rs"]
mod text_uk;

pub struct HealthText {
    pub title: &'static str,
    pub checked: &'static str,
    pub refreshes: &'static str,
    pub public_note: &'static str,
    pub catalog: &'static str,
    pub total_vehicles: &'static str,
    pub total_lots: &'static str,
    pub active_lots: &'static str,
    pub image_coverage: &'static str,
    pub services: &'static str,
    pub metrics: &'static str,
    pub last_24h: &'static str,
    pub chart_lots: &'static str,
    pub chart_photos: &'static str,
    /// "{total} in the last 24 h · peak {peak} per hour", in two halves.
    pub chart_total: &'static str,
    pub chart_peak: &'static str,
    pub charts_need_db: &'static str,
    /// (stable service name, shown name), in page order.
    service_names: [(&'static str, &'static str); 8],
    /// (card key, label).
    card_labels: [(&'static str, &'static str); 5],
}

impl HealthText {
    /// The shown name of a service (its stable name when there is no translation).
    pub fn service_name(&self, name: &'static str) -> &'static str {
        self.service_names
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(name, |(_, shown)| shown)
    }

    /// The label of a metric card (its key when unknown).
    pub fn card_label(&self, key: &'static str) -> &'static str {
        self.card_labels
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(key, |(_, label)| label)
    }
}

const EN: HealthText = HealthText {
    title: "Vinops health",
    checked: "checked",
    refreshes: "refreshes every 30 s",
    public_note: " · public view (the full report is on the operator listener)",
    catalog: "Catalog",
    total_vehicles: "Total Vehicles",
    total_lots: "Total Lots",
    active_lots: "Active Lots",
    image_coverage: "Image Coverage",
    services: "Services",
    metrics: "Metrics",
    last_24h: "Last 24 hours",
    chart_lots: "Lots ingested per hour (new + changed)",
    chart_photos: "Photos stored per hour",
    chart_total: "in the last 24 h",
    chart_peak: "peak per hour",
    charts_need_db: "Charts need the database.",
    service_names: [
        ("Web", "Web"),
        ("Database", "Database"),
        ("Redis", "Redis"),
        ("ETL", "ETL"),
        ("Image backfill", "Image backfill"),
        ("Images", "Images"),
        ("Photo removal", "Photo removal"),
        ("Outcomes", "Outcomes"),
    ],
    card_labels: [
        ("lots_written_24h", "Lots written (24 h)"),
        ("photos_stored_24h", "Photos stored (24 h)"),
        ("lots_needing_photos", "Lots needing photos"),
        ("etl_runs_24h", "ETL runs (24 h, failed)"),
        ("cache_hit_rate", "Cache hit rate"),
    ],
};

const RU: HealthText = HealthText {
    title: "Состояние Vinops",
    checked: "проверено",
    refreshes: "обновляется каждые 30 с",
    public_note: " · публичный вид (полный отчёт — на служебном порту)",
    catalog: "Каталог",
    total_vehicles: "Всего автомобилей",
    total_lots: "Всего лотов",
    active_lots: "Активные лоты",
    image_coverage: "Покрытие фото",
    services: "Сервисы",
    metrics: "Показатели",
    last_24h: "Последние 24 часа",
    chart_lots: "Лотов загружено в час (новые и изменённые)",
    chart_photos: "Фото сохранено в час",
    chart_total: "за последние 24 ч",
    chart_peak: "пик в час",
    charts_need_db: "Для графиков нужна база данных.",
    service_names: [
        ("Web", "Веб-сервер"),
        ("Database", "База данных"),
        ("Redis", "Redis"),
        ("ETL", "ETL"),
        ("Image backfill", "Загрузка фото"),
        ("Images", "Фото"),
        ("Photo removal", "Удаление фото"),
        ("Outcomes", "Итоги торгов"),
    ],
    card_labels: [
        ("lots_written_24h", "Лотов записано (24 ч)"),
        ("photos_stored_24h", "Фото сохранено (24 ч)"),
        ("lots_needing_photos", "Лотов без фото"),
        ("etl_runs_24h", "Запусков ETL (24 ч, с ошибкой)"),
        ("cache_hit_rate", "Попадания в кэш"),
    ],
};

/// The dashboard's texts in `lang`; a language without them does not compile.
pub const fn for_lang(lang: Lang) -> &'static HealthText {
    match lang {
        Lang::En => &EN,
        Lang::Ru => &RU,
        Lang::Uk => &text_uk::UK,
    }
}
