//! The operators' removal-requests page (`/admin/removals` on the operator listener): a document
//! of its own like the health dashboard (no script, inline CSS), in English or Russian. Each
//! pending request shows its VIN, date, message and the requester's contact, with two plain
//! forms — apply (remove the VIN) and reject (with a reason, which is kept) — that work without
//! JavaScript; below, the requests handled lately with who handled them and why.
//!
//! The server turns its rows into [`RemovalsView`] (plain data) and renders
//! [`RemovalsDocument`]; every value is escaped by the renderer.

mod text;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::i18n::Lang;
pub use text::RemovalsText;

/// One request.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestRow {
    pub id: i64,
    pub vin: String,
    /// The public page of the VIN (on the site's own origin).
    pub vin_url: String,
    pub lang: String,
    pub message: String,
    pub contact: Option<String>,
    /// `pending`, `applied` or `rejected`.
    pub status: String,
    pub requested_at: DateTime<Utc>,
    pub handled_at: Option<DateTime<Utc>>,
    pub handled_by: Option<String>,
    pub rejection_reason: Option<String>,
    pub suppressed: bool,
}

/// What the last decision did, shown once above the lists (after the redirect).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    Applied,
    Rejected,
    AlreadyHandled,
    NotFound,
}

impl Notice {
    /// The value in the page's `done` parameter.
    pub const fn code(self) -> &'static str {
        match self {
            Notice::Applied => "applied",
            Notice::Rejected => "rejected",
            Notice::AlreadyHandled => "already",
            Notice::NotFound => "not_found",
        }
    }

    pub fn from_code(code: &str) -> Option<Notice> {
        [
            Notice::Applied,
            Notice::Rejected,
            Notice::AlreadyHandled,
            Notice::NotFound,
        ]
        .into_iter()
        .find(|n| n.code() == code)
    }
}

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct RemovalsView {
    pub pending_total: i64,
    pub pending: Vec<RequestRow>,
    pub handled: Vec<RequestRow>,
    /// The forms' anti-forgery value.
    pub csrf: String,
    /// The last decision and the request it was about.
    pub notice: Option<(Notice, i64)>,
}

const STYLE: &str = r#"
:root{--bg:#f6f7f9;--card:#fff;--fg:#1b1f24;--muted:#5b6470;--line:#d9dde3;--ok:#1a7f37;--bad:#cf222e;--accent:#3b6fd8}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--card:#161b22;--fg:#e6edf3;--muted:#9da7b3;--line:#30363d;--ok:#3fb950;--bad:#f85149;--accent:#58a6ff}}
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--fg)}
main{max-width:1100px;margin:0 auto;padding:24px 16px 48px}a{color:var(--accent)}
header{display:flex;flex-wrap:wrap;align-items:baseline;gap:8px 16px}h1{font-size:22px;margin:0}h2{font-size:17px;margin:28px 0 10px}
.muted{color:var(--muted);font-size:13px}.notice{border-left:4px solid var(--ok);background:var(--card);padding:8px 12px;margin:16px 0}
.req{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px;margin:0 0 12px}
.req h3{font-size:15px;margin:0 0 6px;font-family:ui-monospace,monospace}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:0 0 10px}dt{color:var(--muted);font-size:13px}dd{margin:0;overflow-wrap:anywhere}
.msg{white-space:pre-wrap}.tag{font-size:12px;padding:1px 8px;border-radius:999px;border:1px solid var(--line);margin-left:8px}
.decide{display:grid;gap:10px;grid-template-columns:repeat(auto-fill,minmax(min(100%,320px),1fr))}
form{margin:0}textarea{width:100%;min-height:3.5em;font:inherit;background:var(--bg);color:var(--fg);border:1px solid var(--line);border-radius:6px;padding:6px}
button{font:inherit;font-weight:700;padding:6px 14px;border-radius:6px;border:1px solid var(--line);cursor:pointer;background:var(--card);color:var(--fg)}
button.apply{background:var(--bad);border-color:var(--bad);color:#fff}
table{width:100%;border-collapse:collapse;background:var(--card)}th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line);font-size:14px;overflow-wrap:anywhere}
th{color:var(--muted);font-weight:700}.applied{color:var(--ok)}.rejected{color:var(--bad)}
"#;

fn when(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// A pending request with its two forms.
fn pending_card(r: RequestRow, csrf: &str, lang: Lang, t: &'static RemovalsText) -> impl IntoView {
    let apply = format!("/admin/removals/{}/apply", r.id);
    let reject = format!("/admin/removals/{}/reject", r.id);
    let reason_id = format!("reject-reason-{}", r.id);
    view! {
        <section class="req" id=format!("request-{}", r.id) data-request=r.id>
            <h3>
                <a href=r.vin_url>{r.vin}</a>
                {r.suppressed.then(|| view! { <span class="tag">{t.already_suppressed}</span> })}
            </h3>
            <dl>
                <dt>{t.received}</dt><dd>{when(r.requested_at)}</dd>
                <dt>{t.page_lang}</dt><dd>{r.lang}</dd>
                <dt>{t.contact}</dt>
                <dd class="contact">{r.contact.unwrap_or_else(|| t.no_contact.to_owned())}</dd>
                <dt>{t.message}</dt><dd class="msg">{r.message}</dd>
            </dl>
            <div class="decide">
                <form method="post" action=apply>
                    <input type="hidden" name="csrf" value=csrf.to_owned()/>
                    <input type="hidden" name="lang" value=lang.code()/>
                    <p class="muted">{t.apply_note}</p>
                    <button type="submit" class="apply">{t.apply}</button>
                </form>
                <form method="post" action=reject>
                    <input type="hidden" name="csrf" value=csrf.to_owned()/>
                    <input type="hidden" name="lang" value=lang.code()/>
                    <label class="muted" for=reason_id.clone()>{t.reject_reason}</label>
                    <textarea id=reason_id name="reason" required maxlength="2000"></textarea>
                    <button type="submit">{t.reject}</button>
                </form>
            </div>
        </section>
    }
}

/// A handled request as a table row.
fn handled_row(r: RequestRow, t: &'static RemovalsText) -> impl IntoView {
    let status = match r.status.as_str() {
        "applied" => t.applied,
        "rejected" => t.rejected,
        _ => "",
    };
    let class = r.status.clone();
    let by = r
        .handled_by
        .map(|who| format!(" {} {who}", t.by))
        .unwrap_or_default();
    view! {
        <tr data-request=r.id data-status=r.status>
            <td>{r.id}</td>
            <td><a href=r.vin_url>{r.vin}</a></td>
            <td class=class>{status}</td>
            <td>{r.handled_at.map(when)}{by}</td>
            <td class="msg">{r.rejection_reason}</td>
            <td class="msg">{r.message}</td>
            <td class="contact">{r.contact}</td>
        </tr>
    }
}

/// The whole document.
#[component]
pub fn RemovalsDocument(view: RemovalsView, lang: Lang) -> impl IntoView {
    let t = text::for_lang(lang);
    let RemovalsView {
        pending_total,
        pending,
        handled,
        csrf,
        notice,
    } = view;
    let shown = pending.len();
    let notice = notice.map(|(n, id)| {
        let said = match n {
            Notice::Applied => t.notice_applied,
            Notice::Rejected => t.notice_rejected,
            Notice::AlreadyHandled => t.notice_already,
            Notice::NotFound => t.notice_not_found,
        };
        view! { <p class="notice" role="status" data-notice=n.code()>{format!("#{id}: {said}")}</p> }
    });
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width,initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <meta name="robots" content="noindex"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <title>{format!("{} ({pending_total})", t.title)}</title>
                <style>{STYLE}</style>
            </head>
            <body>
                <main>
                    <header>
                        <h1>{t.title}</h1>
                        <span class="muted">{t.private_note}</span>
                        {lang.others().map(|other| view! {
                            <a href=format!("?lang={}", other.code()) hreflang=other.code()
                                lang=other.code()>{other.native_name()}</a>
                        }).collect_view()}
                    </header>
                    {notice}
                    <h2>
                        {format!("{} ({pending_total})", t.pending)}
                        {(shown as i64 != pending_total).then(|| view! {
                            <span class="muted">
                                {format!(" {shown} {} {pending_total}, {}", t.shown_of, t.oldest_first)}
                            </span>
                        })}
                    </h2>
                    <div id="pending">
                        {if pending.is_empty() {
                            view! { <p class="muted">{t.none_pending}</p> }.into_any()
                        } else {
                            pending.into_iter()
                                .map(|r| pending_card(r, &csrf, lang, t))
                                .collect_view()
                                .into_any()
                        }}
                    </div>
                    <h2>{t.handled}</h2>
                    {if handled.is_empty() {
                        view! { <p class="muted">{t.none_handled}</p> }.into_any()
                    } else {
                        view! {
                            <table id="handled">
                                <thead><tr>
                                    <th>"#"</th><th>{t.vin}</th><th>{t.decision}</th><th>{t.handled_at}</th>
                                    <th>{t.reject_reason}</th><th>{t.message}</th><th>{t.contact}</th>
                                </tr></thead>
                                <tbody>{handled.into_iter().map(|r| handled_row(r, t)).collect_view()}</tbody>
                            </table>
                        }.into_any()
                    }}
                </main>
            </body>
        </html>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notice_codes_round_trip() {
        for n in [
            Notice::Applied,
            Notice::Rejected,
            Notice::AlreadyHandled,
            Notice::NotFound,
        ] {
            assert_eq!(Notice::from_code(n.code()), Some(n));
        }
        assert_eq!(Notice::from_code("x"), None);
    }
}
