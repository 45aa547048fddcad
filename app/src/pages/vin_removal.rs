//! The VIN page's "remove this vehicle" form: a plain POST form (works without JavaScript) to
//! `/{lang}/vin/{VIN}/removal`, handled by the server (`server/src/http/seo/removal.rs`), which
//! answers with a redirect back here carrying `?removal=sent`, shown as the confirmation.
//!
//! The form carries a signed token (VIN + issue time, HMAC by the server) instead of a cookie, so
//! the page stays cookie-free and cacheable; the server also checks `Origin`/`Sec-Fetch-Site`.
//! The `website` field is a honeypot: invisible to people (off-screen, out of the tab order,
//! hidden from assistive technology), filled in by form-spamming bots.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::i18n::Lang;

/// Issues the form's token for a VIN. Provided by the server in the Leptos context; without it
/// (a build that does not provide one) the form renders with an empty token, which the server
/// refuses.
#[cfg(feature = "ssr")]
#[derive(Clone)]
pub struct RemovalTokenIssuer(pub std::sync::Arc<dyn Fn(&str) -> String + Send + Sync>);

fn token(vin: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<RemovalTokenIssuer>()
            .map(|issuer| (issuer.0)(vin))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = vin;
        String::new()
    }
}

#[component]
pub fn RemovalForm(lang: Lang, vin: String) -> impl IntoView {
    let t = lang.t();
    let sent = use_query_map().with_untracked(|q| q.get("removal").as_deref() == Some("sent"));
    let body = if sent {
        view! {
            <div role="status" data-testid="removal-sent">
                <h2 id="removal" class="text-xl font-bold">{t.removal_sent_title}</h2>
                <p class="mt-2 text-fg-muted">{t.removal_sent_body}</p>
            </div>
        }
        .into_any()
    } else {
        let action = format!("/{}/vin/{}/removal", lang.code(), vin);
        view! {
            <h2 id="removal" class="text-xl font-bold">{t.removal_title}</h2>
            <p class="mt-2 text-sm text-fg-muted">{t.removal_lead}</p>
            <form method="post" action=action class="mt-3 flex max-w-2xl flex-col gap-2" data-testid="removal-form">
                <input type="hidden" name="token" value=token(&vin)/>
                <div style="position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden" aria-hidden="true">
                    <label for="removal-website">"Website"</label>
                    <input id="removal-website" name="website" type="text" value="" tabindex="-1" autocomplete="off"/>
                </div>
                <label for="removal-reason" class="font-semibold">{t.removal_reason}</label>
                <textarea id="removal-reason" name="reason" required maxlength="2000" rows="3"
                    class="rounded-xl border border-muted bg-canvas px-3 py-2"></textarea>
                <label for="removal-contact" class="font-semibold">{t.removal_contact}</label>
                <input id="removal-contact" name="contact" type="text" maxlength="200" autocomplete="email"
                    class="rounded-full border border-muted bg-canvas px-4 py-2"/>
                <div>
                    <button type="submit" class="rounded-full border border-muted px-5 py-2 font-semibold hover:bg-surface">
                        {t.removal_submit}
                    </button>
                </div>
            </form>
        }
        .into_any()
    };
    view! {
        <section class="mt-10 rounded-2xl border border-muted bg-surface p-4" aria-labelledby="removal">
            {body}
        </section>
    }
}
