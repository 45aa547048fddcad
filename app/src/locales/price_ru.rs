//! Russian strings of the price charts, the price provenance, the VIN timeline and the
//! similar lots.

use vinops::catalog::PriceSource;

use crate::i18n::{Lang, PriceMessages};

fn source(s: PriceSource) -> &'static str {
    match s {
        PriceSource::LastSeenBid => "последняя известная ставка",
        PriceSource::InferredSale => "вероятная продажа",
        PriceSource::Estimate => "оценка",
        PriceSource::AskingPrice => "цена продавца",
    }
}

fn source_note(s: PriceSource) -> &'static str {
    match s {
        PriceSource::LastSeenBid => {
            "Наивысшая ставка в последней выгрузке, которую мы прочитали; с тех пор на аукционе её могли поднять. Аукционные сборы не включены."
        }
        PriceSource::InferredSale => {
            "Последняя ставка, которую мы видели до того, как лот после торгов исчез из выгрузки; мы полагаем, что он продан, и не дешевле этой суммы. Copart не публикует итоговые цены."
        }
        PriceSource::Estimate => "Оценка Copart, а не цена, которую кто-то заплатил.",
        PriceSource::AskingPrice => {
            "Цена «Купить сейчас», назначенная продавцом: это предложение, а не продажа."
        }
    }
}

fn chart_desc(years: usize, from: &str, to: &str) -> String {
    let span = if from == to {
        format!("{from} модельный год")
    } else {
        let form = crate::format::slavic_plural(
            years as i64,
            ["модельный год", "модельных года", "модельных лет"],
        );
        format!("{years} {form} с {from} по {to}")
    };
    format!(
        "График за {span}: для каждого года точка — медиана последней известной ставки, полоса — средние 50% ставок, ромб — медиана оценочной розничной стоимости. Все значения — в таблице ниже."
    )
}

fn chart_desc_months(months: usize, from: &str, to: &str) -> String {
    let span = if months == 1 {
        from.to_owned()
    } else {
        let form = crate::format::slavic_plural(months as i64, ["месяц", "месяца", "месяцев"]);
        format!("{months} {form} с {from} по {to}")
    };
    format!(
        "График за {span}: для каждого месяца продажи точка — медиана последней известной ставки, полоса — средние 50% ставок, ромб — медиана оценочной розничной стоимости. Все значения — в таблице ниже."
    )
}

fn month_name(m: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "янв.",
        "февр.",
        "март",
        "апр.",
        "май",
        "июнь",
        "июль",
        "авг.",
        "сент.",
        "окт.",
        "нояб.",
        "дек.",
    ];
    NAMES[(m.clamp(1, 12) - 1) as usize]
}

fn meta_year_description(subject: &str, lots: i64) -> String {
    format!(
        "{subject} на аукционах битых авто США: {}, медианные ставки и оценочная розничная стоимость по месяцам продажи, фото и история торгов.",
        (Lang::Ru.t().lots_count)(lots)
    )
}

fn spread(what: &str, q1: &str, median: &str, q3: &str, lots: i64) -> String {
    format!(
        "{what}: у четверти лотов ниже {q1}, у половины ниже {median}, у трёх четвертей ниже {q3} ({}).",
        (Lang::Ru.t().lots_count)(lots)
    )
}

fn timeline_lead(attempts: usize) -> String {
    match attempts {
        1 => "Пока одна попытка продажи.".to_owned(),
        n => {
            let form = crate::format::slavic_plural(n as i64, ["попытка", "попытки", "попыток"]);
            format!(
                "{n} {form} продажи: непроданное транспортное средство снова выставляют на торги под новым номером лота."
            )
        }
    }
}

fn timeline_chart_desc(attempts: usize) -> String {
    let form = crate::format::slavic_plural(attempts as i64, ["попытки", "попыток", "попыток"]);
    format!(
        "График последней известной ставки каждой из {attempts} {form}, самые ранние — слева. Все значения — в таблице ниже."
    )
}

fn status_change(was: &str, now: &str) -> String {
    format!("{was} → {now}")
}

fn similar_lead(subject: &str) -> String {
    format!(
        "Другие {subject} того же года выпуска или на год старше и новее, сначала самые свежие торги."
    )
}

pub const PRICE: PriceMessages = PriceMessages {
    source,
    source_note,
    chart_title: "Медианная ставка и оценочная розничная стоимость по годам выпуска",
    chart_desc,
    chart_title_months: "Медианная ставка и оценочная розничная стоимость по месяцам продажи",
    chart_desc_months,
    month_name,
    col_month: "Месяц продажи",
    no_sale_date: "Без даты продажи",
    years_title: "Годы выпуска",
    meta_year_description,
    legend_bid: "Медиана последней известной ставки",
    legend_bid_range: "Средние 50% ставок",
    legend_retail: "Медиана оценочной розничной стоимости",
    spread_title: "Разброс за этот период",
    spread_bids: "Последние известные ставки",
    spread_retail: "Оценочная розничная стоимость",
    spread,
    col_bid_range: "Средние 50% ставок",
    timeline_title: "Хронология торгов",
    timeline_lead,
    timeline_chart_title: "Последняя известная ставка по попыткам",
    timeline_chart_desc,
    col_when: "Торги",
    col_lot: "Лот",
    col_status: "Статус",
    col_bid: "Последняя известная ставка",
    col_change: "Изменение",
    first_attempt: "Первая попытка",
    no_bid: "Ставок не замечено",
    status_change,
    similar_title: "Похожие лоты",
    similar_lead,
};
