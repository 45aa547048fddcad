//! `/{lang}/vin/{VIN}`: a vehicle and every lot it has had.
//!
//! Status codes: 200 found; 404 for an unknown or syntactically invalid VIN; 410 for a VIN
//! removed on request (nothing else about it is shown); 503 when the database fails. A VIN in
//! another case (or with spaces) is redirected (301) to its canonical upper-case URL.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use vinops::catalog::{GalleryPhoto, LotCard, VinPage, VinPageData, VinVehicle};
use vinops::vin::Vin;

use super::hub_parts::{Breadcrumbs, trail_to_year};
use super::vin_lots::LotHistory;
use super::vin_removal::RemovalForm;
use super::vin_timeline::AuctionTimeline;
use crate::api::{Loaded, load_vin};
use crate::components::{Layout, LotCardView, current_lang};
use crate::i18n::Lang;
use crate::islands::{CopyVin, GalleryItem, GalleryLabels, PhotoGallery};
use crate::media::media_url;
use crate::pages::NotFound;
use crate::respond;
use crate::seo_meta::{error_meta, vin_meta};
use crate::taxonomy::Taxon;

#[component]
pub fn VinRoute() -> impl IntoView {
    let Some(lang) = current_lang() else {
        return view! { <NotFound/> }.into_any();
    };
    let raw = use_params_map().with_untracked(|p| p.get("vin").unwrap_or_default());
    let Ok(vin) = Vin::parse(&raw) else {
        return view! { <NotFound/> }.into_any();
    };
    if vin.as_str() != raw {
        respond::redirect(301, &format!("/{}/vin/{}", lang.code(), vin.as_str()));
        return ().into_any();
    }
    let vin = vin.into_string();
    let data = Resource::new_blocking(move || vin.clone(), load_vin);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Loaded::Ok(VinPage::Found(d))) => view! { <VinView lang data=*d/> }.into_any(),
                    Ok(Loaded::Ok(VinPage::Suppressed)) => {
                        respond::status(410);
                        message(lang, lang.t().vin_removed_title, lang.t().vin_removed_body)
                    }
                    Ok(Loaded::Ok(VinPage::NotFound) | Loaded::BadRequest) => {
                        respond::status(404);
                        message(lang, lang.t().vin_not_found_title, lang.t().vin_not_found_body)
                    }
                    Ok(Loaded::Unavailable) | Err(_) => {
                        respond::status(503);
                        message(lang, lang.t().vin_not_found_title, lang.t().vin_unavailable)
                    }
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// A page with a heading and one paragraph (not found, removed, unavailable).
fn message(lang: Lang, title: &'static str, body: &'static str) -> AnyView {
    view! {
        <Layout meta=error_meta(lang, title, body)>
            <h1 class="text-3xl font-black">{title}</h1>
            <p class="mt-4 text-fg-muted" data-testid="vin-message">{body}</p>
            <p class="mt-6"><a class="text-brand underline" href=format!("/{}", lang.code())>{lang.t().back_home}</a></p>
        </Layout>
    }
    .into_any()
}

/// "2017 HYUNDAI SONATA SE" from what is known, else "VIN …".
fn heading(v: &VinVehicle) -> String {
    let year = v.year.map(|y| y.to_string());
    let parts: Vec<&str> = [
        year.as_deref(),
        v.make.as_deref(),
        v.model.as_deref(),
        v.trim.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect();
    if parts.is_empty() {
        format!("VIN {}", v.vin)
    } else {
        parts.join(" ")
    }
}

/// The photo gallery island, or a placeholder while the lot has no stored photos.
fn gallery(lang: Lang, subject: &str, photos: Vec<GalleryPhoto>) -> AnyView {
    let t = lang.t();
    if photos.is_empty() {
        return view! {
            <div class="flex aspect-video items-center justify-center rounded-2xl border border-muted bg-surface text-fg-subtle" data-testid="gallery">
                {t.gallery_placeholder}
            </div>
        }
        .into_any();
    }
    let items = photos
        .iter()
        .map(|p| GalleryItem {
            full: media_url(&p.full_key),
            thumb: media_url(p.thumb_key.as_deref().unwrap_or(&p.full_key)),
        })
        .collect();
    let labels = GalleryLabels {
        subject: subject.to_owned(),
        photo_n_of: t.photo_n_of.to_owned(),
        dialog: t.lightbox_label.to_owned(),
        close: t.lightbox_close.to_owned(),
        prev: t.lightbox_prev.to_owned(),
        next: t.lightbox_next.to_owned(),
    };
    view! { <PhotoGallery photos=items labels/> }.into_any()
}

#[component]
fn VinView(lang: Lang, data: VinPageData) -> impl IntoView {
    let t = lang.t();
    let title = heading(&data.vehicle);
    let meta = vin_meta(lang, &data, &title);
    let VinPageData {
        vehicle: v,
        lots,
        photos,
        similar,
    } = data;
    let gallery_view = gallery(lang, &title, photos);
    let cylinders = v.cylinders.map(|c| c.to_string());
    let named = |kind: Taxon, raw: &Option<String>| {
        raw.as_deref().map(|r| lang.taxon(kind, r).into_owned())
    };
    let specs: Vec<(&'static str, Option<String>)> = vec![
        (t.spec_year, v.year.map(|y| y.to_string())),
        (t.spec_make, v.make.clone()),
        (t.spec_model, v.model.clone()),
        (t.spec_trim, v.trim.clone()),
        (t.spec_body, named(Taxon::BodyStyle, &v.body_style)),
        (t.spec_engine, named(Taxon::Engine, &v.engine)),
        (
            t.spec_transmission,
            named(Taxon::Transmission, &v.transmission),
        ),
        (t.spec_drive, named(Taxon::Drive, &v.drive)),
        (t.spec_fuel, named(Taxon::Fuel, &v.fuel_type)),
        (t.spec_color, named(Taxon::Color, &v.color)),
        (t.spec_cylinders, cylinders),
    ];
    let trail = trail_to_year(lang, v.make.as_deref(), v.model.as_deref(), v.year);
    let subject = [v.make.as_deref(), v.model.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    view! {
        <Layout meta>
            <Breadcrumbs lang links=trail here=v.vin.clone()/>
            <div class="mt-2 flex flex-wrap items-center justify-between gap-4">
                <h1 class="text-3xl font-black tracking-tight">{title}</h1>
                <CopyVin vin=v.vin.clone() label=t.copy_vin.to_owned() copied_label=t.copied.to_owned()/>
            </div>
            <p class="mt-2 text-fg-muted">{t.vin_lead}</p>
            <div class="mt-6 grid gap-6 lg:grid-cols-12">
                <section class="lg:col-span-7" aria-label=t.gallery_title>
                    {gallery_view}
                </section>
                <section class="rounded-2xl border border-muted bg-surface p-4 lg:col-span-5" aria-labelledby="specs">
                    <h2 id="specs" class="text-xl font-bold">{t.specs_title}</h2>
                    <dl class="mt-3 grid grid-cols-2 gap-x-3 gap-y-1 text-sm" data-testid="specs">
                        {specs.into_iter().filter_map(|(k, val)| val.filter(|s| !s.is_empty()).map(|val| view! {
                            <dt class="text-fg-muted">{k}</dt><dd>{val}</dd>
                        })).collect_view()}
                    </dl>
                </section>
            </div>
            <AuctionTimeline lang lots=lots.clone()/>
            <LotHistory lang lots/>
            <SimilarLots lang subject=subject similar/>
            <RemovalForm lang vin=v.vin.clone()/>
        </Layout>
    }
}

/// Other VINs of the same make and model, a year either side, auctioned lately; nothing when
/// there are none.
#[component]
fn SimilarLots(lang: Lang, subject: String, similar: Vec<LotCard>) -> impl IntoView {
    let t = lang.t().price;
    (!similar.is_empty()).then(|| {
        view! {
            <section class="mt-8" aria-labelledby="similar">
                <h2 id="similar" class="text-2xl font-bold">{t.similar_title}</h2>
                <p class="mt-2 text-fg-muted">{(t.similar_lead)(&subject)}</p>
                <ul class="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="similar">
                    {similar.into_iter().map(|card| view! { <LotCardView card lang/> }).collect_view()}
                </ul>
            </section>
        }
    })
}
