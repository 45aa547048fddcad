//! Ukrainian strings of the removal-requests admin page.

use super::RemovalsText;

pub(super) const UK: RemovalsText = RemovalsText {
    title: "Запити на видалення",
    pending: "Очікують рішення",
    shown_of: "показано з",
    oldest_first: "спочатку старі",
    none_pending: "Запитів, що очікують рішення, немає.",
    handled: "Нещодавно розглянуті",
    none_handled: "Розглянутих запитів поки немає.",
    received: "Отримано",
    handled_at: "Розглянуто",
    vin: "VIN",
    message: "Повідомлення",
    contact: "Контакт",
    no_contact: "не вказано",
    page_lang: "Мова сторінки",
    decision: "Рішення",
    already_suppressed: "уже видалено із сайту",
    apply: "Прийняти: видалити VIN",
    apply_note: "Видаляє сторінки та фотографії VIN і закриває всі його запити, що очікують рішення.",
    reject: "Відхилити",
    reject_reason: "Причина відмови (зберігається в запиті)",
    by: "ким",
    applied: "прийнято",
    rejected: "відхилено",
    private_note: "Лише для операторів: контакти видно тут і ніде на публічному сайті.",
    notice_applied: "Прийнято: VIN видалено із сайту.",
    notice_rejected: "Відхилено; причину збережено.",
    notice_already: "Цей запит уже розглянуто.",
    notice_not_found: "Такого запиту немає.",
};
