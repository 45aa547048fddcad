//! What the removal-requests page says, per language. The requests' own texts (messages,
//! contacts, operators' reasons) are shown as they were written.

use crate::i18n::Lang;

#[path = "text_uk.rs"]
mod text_uk;

pub struct RemovalsText {
    pub title: &'static str,
    pub pending: &'static str,
    /// "{shown} of {total} shown, oldest first".
    pub shown_of: &'static str,
    pub oldest_first: &'static str,
    pub none_pending: &'static str,
    pub handled: &'static str,
    pub none_handled: &'static str,
    pub received: &'static str,
    pub handled_at: &'static str,
    pub vin: &'static str,
    pub message: &'static str,
    pub contact: &'static str,
    pub no_contact: &'static str,
    pub page_lang: &'static str,
    pub decision: &'static str,
    pub already_suppressed: &'static str,
    pub apply: &'static str,
    pub apply_note: &'static str,
    pub reject: &'static str,
    pub reject_reason: &'static str,
    pub by: &'static str,
    pub applied: &'static str,
    pub rejected: &'static str,
    pub private_note: &'static str,
    pub notice_applied: &'static str,
    pub notice_rejected: &'static str,
    pub notice_already: &'static str,
    pub notice_not_found: &'static str,
}

const EN: RemovalsText = RemovalsText {
    title: "Removal requests",
    pending: "Pending",
    shown_of: "shown of",
    oldest_first: "oldest first",
    none_pending: "No pending requests.",
    handled: "Recently handled",
    none_handled: "Nothing handled yet.",
    received: "Received",
    handled_at: "Handled",
    vin: "VIN",
    message: "Message",
    contact: "Contact",
    no_contact: "none given",
    page_lang: "Page language",
    decision: "Decision",
    already_suppressed: "already removed from the site",
    apply: "Apply: remove the VIN",
    apply_note: "Removes the VIN's pages and photos and closes every pending request for it.",
    reject: "Reject",
    reject_reason: "Reason for the rejection (kept with the request)",
    by: "by",
    applied: "applied",
    rejected: "rejected",
    private_note: "Operators only: contacts are shown here and nowhere on the public site.",
    notice_applied: "Applied: the VIN is removed from the site.",
    notice_rejected: "Rejected; the reason is kept.",
    notice_already: "That request was handled already.",
    notice_not_found: "There is no such request.",
};

const RU: RemovalsText = RemovalsText {
    title: "Запросы на удаление",
    pending: "Ожидают решения",
    shown_of: "показано из",
    oldest_first: "сначала старые",
    none_pending: "Запросов, ожидающих решения, нет.",
    handled: "Недавно рассмотренные",
    none_handled: "Рассмотренных запросов пока нет.",
    received: "Получен",
    handled_at: "Рассмотрен",
    vin: "VIN",
    message: "Сообщение",
    contact: "Контакт",
    no_contact: "не указан",
    page_lang: "Язык страницы",
    decision: "Решение",
    already_suppressed: "уже удалён с сайта",
    apply: "Принять: удалить VIN",
    apply_note: "Удаляет страницы и фотографии VIN и закрывает все его ожидающие запросы.",
    reject: "Отклонить",
    reject_reason: "Причина отказа (сохраняется в запросе)",
    by: "кем",
    applied: "принят",
    rejected: "отклонён",
    private_note: "Только для операторов: контакты видны здесь и нигде на публичном сайте.",
    notice_applied: "Принято: VIN удалён с сайта.",
    notice_rejected: "Отклонено; причина сохранена.",
    notice_already: "Этот запрос уже рассмотрен.",
    notice_not_found: "Такого запроса нет.",
};

pub fn for_lang(lang: Lang) -> &'static RemovalsText {
    match lang {
        Lang::En => &EN,
        Lang::Ru => &RU,
        Lang::Uk => &text_uk::UK,
    }
}
