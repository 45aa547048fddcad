//! Ukrainian strings of the price charts, the price provenance, the VIN timeline and the
//! similar lots.

use vinops::catalog::PriceSource;

use crate::i18n::{Lang, PriceMessages};

fn source(s: PriceSource) -> &'static str {
    match s {
        PriceSource::LastSeenBid => "остання відома ставка",
        PriceSource::InferredSale => "імовірний продаж",
        PriceSource::Estimate => "оцінка",
        PriceSource::AskingPrice => "ціна продавця",
    }
}

fn source_note(s: PriceSource) -> &'static str {
    match s {
        PriceSource::LastSeenBid => {
            "Найвища ставка в останньому вивантаженні, яке ми прочитали; відтоді на аукціоні її могли підвищити. Аукціонні збори не враховано."
        }
        PriceSource::InferredSale => {
            "Остання ставка, яку ми бачили, перш ніж лот після торгів зник із вивантаження; вважаємо, що його продано щонайменше за цю суму. Copart не публікує остаточних цін."
        }
        PriceSource::Estimate => "Оцінка Copart, а не ціна, яку хтось заплатив.",
        PriceSource::AskingPrice => {
            "Ціна «Купити зараз», яку призначив продавець: це пропозиція, а не продаж."
        }
    }
}

fn chart_desc(years: usize, from: &str, to: &str) -> String {
    let span = if from == to {
        format!("{from} модельний рік")
    } else {
        let form = crate::format::slavic_plural(
            years as i64,
            ["модельний рік", "модельні роки", "модельних років"],
        );
        format!("{years} {form} з {from} до {to}")
    };
    format!(
        "Графік за {span}: для кожного року точка — медіана останньої відомої ставки, смуга — середні 50% ставок, ромб — медіана оцінної роздрібної вартості. Усі значення — у таблиці нижче."
    )
}

fn chart_desc_months(months: usize, from: &str, to: &str) -> String {
    let span = if months == 1 {
        from.to_owned()
    } else {
        let form = crate::format::slavic_plural(months as i64, ["місяць", "місяці", "місяців"]);
        format!("{months} {form} з {from} до {to}")
    };
    format!(
        "Графік за {span}: для кожного місяця продажу точка — медіана останньої відомої ставки, смуга — середні 50% ставок, ромб — медіана оцінної роздрібної вартості. Усі значення — у таблиці нижче."
    )
}

fn month_name(m: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "січ.",
        "лют.",
        "бер.",
        "квіт.",
        "трав.",
        "черв.",
        "лип.",
        "серп.",
        "вер.",
        "жовт.",
        "лист.",
        "груд.",
    ];
    NAMES[(m.clamp(1, 12) - 1) as usize]
}

fn meta_year_description(subject: &str, lots: i64) -> String {
    format!(
        "{subject} на аукціонах битих авто США: {}, медіанні ставки й оцінна роздрібна вартість за місяцями продажу, фото та історія торгів.",
        (Lang::Uk.t().lots_count)(lots)
    )
}

fn spread(what: &str, q1: &str, median: &str, q3: &str, lots: i64) -> String {
    format!(
        "{what}: у чверті лотів нижче за {q1}, у половини нижче за {median}, у трьох чвертей нижче за {q3} ({}).",
        (Lang::Uk.t().lots_count)(lots)
    )
}

fn timeline_lead(attempts: usize) -> String {
    match attempts {
        1 => "Поки що одна спроба продажу.".to_owned(),
        n => {
            let form = crate::format::slavic_plural(n as i64, ["спроба", "спроби", "спроб"]);
            format!(
                "{n} {form} продажу: непроданий транспортний засіб знову виставляють на торги під новим номером лота."
            )
        }
    }
}

fn timeline_chart_desc(attempts: usize) -> String {
    let form = crate::format::slavic_plural(attempts as i64, ["спроби", "спроб", "спроб"]);
    format!(
        "Графік останньої відомої ставки кожної з {attempts} {form}, найдавніші — ліворуч. Усі значення — у таблиці нижче."
    )
}

fn status_change(was: &str, now: &str) -> String {
    format!("{was} → {now}")
}

fn similar_lead(subject: &str) -> String {
    format!(
        "Інші {subject} того самого року випуску або на рік старші й новіші, спершу найсвіжіші торги."
    )
}

pub const PRICE: PriceMessages = PriceMessages {
    source,
    source_note,
    chart_title: "Медіанна ставка й оцінна роздрібна вартість за роками випуску",
    chart_desc,
    chart_title_months: "Медіанна ставка й оцінна роздрібна вартість за місяцями продажу",
    chart_desc_months,
    month_name,
    col_month: "Місяць продажу",
    no_sale_date: "Без дати продажу",
    years_title: "Роки випуску",
    meta_year_description,
    legend_bid: "Медіана останньої відомої ставки",
    legend_bid_range: "Середні 50% ставок",
    legend_retail: "Медіана оцінної роздрібної вартості",
    spread_title: "Розкид за цей період",
    spread_bids: "Останні відомі ставки",
    spread_retail: "Оцінна роздрібна вартість",
    spread,
    col_bid_range: "Середні 50% ставок",
    timeline_title: "Хронологія торгів",
    timeline_lead,
    timeline_chart_title: "Остання відома ставка за спробами",
    timeline_chart_desc,
    col_when: "Торги",
    col_lot: "Лот",
    col_status: "Статус",
    col_bid: "Остання відома ставка",
    col_change: "Зміна",
    first_attempt: "Перша спроба",
    no_bid: "Ставок не помічено",
    status_change,
    similar_title: "Схожі лоти",
    similar_lead,
};
