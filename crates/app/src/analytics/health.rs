//! The weekly "network health" e-mail: the week's key figures against the week
//! before, and the questions left unanswered, for the admins who ask for it. It goes
//! out through the outbox with the weekly digest, once per admin and week.

use super::calendar::{day_of, iso, start_of, week_of};
use super::{Dashboard, PeriodChoice, Unanswered};
use crate::{App, AppError, languages, links, mail};
use hearth_domain::{Actor, Millis, NetworkId, UserId, policy};
use hearth_i18n::{Tr, t};
use hearth_store::analytics as store;
use maud::{Markup, html};

/// The scope of the e-mail's one-click unsubscribe, and its idempotency keys' prefix.
pub const SCOPE: &str = "network-health";

/// The unanswered questions an e-mail links.
const QUESTIONS_LISTED: usize = 5;

/// Whether the acting admin gets the weekly e-mail.
pub async fn wanted(app: &App, actor: &Actor) -> Result<bool, AppError> {
    policy::may_view_network_analytics(actor)?;
    let Actor::User(user) = actor else {
        return Ok(false);
    };
    let mut db = app.store().conn().await?;
    Ok(store::health_subscribed(&mut db, user.id).await?)
}

/// Starts or stops the weekly e-mail for the acting admin; answers the new state.
pub async fn set_wanted(app: &App, actor: &Actor, on: bool) -> Result<bool, AppError> {
    policy::may_view_network_analytics(actor)?;
    let Actor::User(user) = actor else {
        return Err(AppError::Forbidden(
            "the weekly e-mail goes to a person; sign in as one",
        ));
    };
    let mut tx = app.store().begin().await?;
    store::set_health_subscription(&mut tx, user.id, user.network_id, on, app.now()).await?;
    tx.commit().await?;
    Ok(on)
}

/// Whether an e-mail about to go out should still go: its recipient still runs the
/// network and still wants it.
pub(crate) async fn still_wanted(
    db: &mut hearth_store::Conn,
    user: &hearth_domain::User,
) -> Result<bool, AppError> {
    Ok(
        policy::may_view_network_analytics(&Actor::User(user.clone())).is_ok()
            && store::health_subscribed(db, user.id).await?,
    )
}

/// Enqueues the week's e-mail for every admin who asked for it, in their language;
/// answers how many were enqueued. A second run the same day enqueues nothing more.
pub async fn send(app: &App, now: Millis) -> Result<usize, AppError> {
    let networks = {
        let mut db = app.store().conn().await?;
        store::networks(&mut db).await?
    };
    let mut enqueued = 0;
    let mut failed = None;
    for (network, _, _) in networks {
        // One network's failure leaves the others' e-mails to go.
        match send_in(app, network, now).await {
            Ok(count) => enqueued += count,
            Err(err) => {
                tracing::warn!(network.id = %network, error = %err, "could not send a network's health e-mails");
                failed = Some(err);
            }
        }
    }
    if enqueued > 0 {
        tracing::info!(emails = enqueued, "network health e-mails enqueued");
    }
    match failed {
        Some(err) if enqueued == 0 => Err(err),
        _ => Ok(enqueued),
    }
}

async fn send_in(app: &App, network: NetworkId, now: Millis) -> Result<usize, AppError> {
    let mut enqueued = 0;
    {
        let mut db = app.store().conn().await?;
        let subscribers = store::health_subscribers(&mut db, network).await?;
        if subscribers.is_empty() {
            return Ok(0);
        }
        let dashboard =
            super::network_figures(&mut db, network, &PeriodChoice::Last(7), now).await?;
        drop(db);
        let mut tx = app.store().begin().await?;
        for person in &subscribers {
            let tr = languages::for_mail(person.language.as_deref(), &person.default_language);
            let recipient = UserId(person.id);
            let unsubscribe = mail::unsubscribe_path(&mut tx, app, recipient, SCOPE).await?;
            let (subject, text, html) =
                render(app, tr, &person.display_name, &dashboard, &unsubscribe);
            // One a week, whichever day and node sends it.
            let key = format!("{SCOPE}:{}:{}", person.id, iso(week_of(day_of(now))));
            let outgoing = mail::Outgoing {
                network: NetworkId(person.network_id),
                recipient,
                to_address: None,
                kind: SCOPE,
                notification_id: None,
                idempotency_key: &key,
                subject: &subject,
                body_text: &text,
                body_html: &html,
                send_after: now,
            };
            if mail::enqueue(&mut tx, app, &outgoing).await? {
                enqueued += 1;
            }
        }
        tx.commit().await?;
    }
    Ok(enqueued)
}

/// A figure and how it moved: "412 (up 12 %)".
fn moved(tr: Tr, now: i64, before: i64) -> String {
    let change = super::change_phrase(tr, now, before);
    t!(tr, "health-figure", figure = now, change = change)
}

/// The subject, plain text and HTML of one admin's e-mail.
pub fn render(
    app: &App,
    tr: Tr,
    name: &str,
    dashboard: &Dashboard,
    unsubscribe_path: &str,
) -> (String, String, String) {
    let day = |d: i64| tr.in_zone("UTC").date(start_of(d));
    let totals = &dashboard.totals;
    let before = &dashboard.totals_before;
    #[expect(clippy::cast_possible_truncation, reason = "people on a day")]
    let active = |v: f64| v.round() as i64;
    let subject = t!(
        tr,
        "health-subject",
        first = day(dashboard.period.first_day),
        active = active(totals.active_per_day)
    );
    let rows = [
        (
            t!(tr, "analytics-active-per-day"),
            moved(
                tr,
                active(totals.active_per_day),
                active(before.active_per_day),
            ),
        ),
        (
            t!(tr, "analytics-posts"),
            moved(tr, totals.posts, before.posts),
        ),
        (
            t!(tr, "analytics-replies"),
            moved(tr, totals.replies, before.replies),
        ),
        (
            t!(tr, "analytics-reactions"),
            moved(tr, totals.reactions, before.reactions),
        ),
        (
            t!(tr, "analytics-messages"),
            moved(tr, totals.messages, before.messages),
        ),
    ];
    let dashboard_link = links::absolute(app, "/admin/analytics?days=7");
    let unsubscribe = links::absolute(app, unsubscribe_path);
    let questions: Vec<(&Unanswered, String)> = dashboard
        .questions
        .unanswered
        .iter()
        .take(QUESTIONS_LISTED)
        .map(|q| (q, links::absolute(app, &links::post(q.post))))
        .collect();
    let period = t!(
        tr,
        "health-period",
        first = day(dashboard.period.first_day),
        last = day(dashboard.period.last_day())
    );
    let unanswered = t!(
        tr,
        "analytics-unanswered",
        count = dashboard.questions.unanswered_count
    );

    let mut text = format!("{}\n\n{period}\n\n", t!(tr, "health-greeting", name = name));
    for (label, figure) in &rows {
        text.push_str(&format!("- {label}: {figure}\n"));
    }
    text.push_str(&format!("\n{unanswered}\n"));
    for (question, link) in &questions {
        text.push_str(&format!("- {}\n  {link}\n", question.excerpt));
    }
    text.push_str(&format!(
        "\n{}\n{dashboard_link}\n\n--\n{}\n",
        t!(tr, "health-whole-dashboard"),
        t!(tr, "health-text-stop", link = unsubscribe.as_str())
    ));

    let card: Markup = html! {
        p style="margin:0 0 16px;" { (t!(tr, "health-greeting", name = name)) }
        p style="margin:0 0 16px;color:#57606a;" { (period) }
        table style="border-collapse:collapse;margin:0 0 16px;" {
            @for (label, figure) in &rows {
                tr {
                    th scope="row" style="text-align:left;padding:4px 16px 4px 0;font-weight:normal;" { (label) }
                    td style="padding:4px 0;font-weight:bold;" { (figure) }
                }
            }
        }
        h2 style="font-size:16px;margin:16px 0 8px;" { (unanswered) }
        @if !questions.is_empty() {
            ul style="padding-left:20px;" {
                @for (question, link) in &questions {
                    li style="margin:0 0 8px;" { a href=(link) style="color:#b5452a;" { (question.excerpt) } }
                }
            }
        }
        p style="margin:16px 0 0;" {
            a href=(dashboard_link) style="color:#b5452a;" { (t!(tr, "health-whole-dashboard")) }
        }
        p style="margin:24px 0 0;font-size:12px;color:#57606a;" {
            (t!(tr, "health-html-why")) " "
            a href=(unsubscribe) style="color:#57606a;" { (t!(tr, "health-html-stop")) }
        }
    };
    let html = mail::frame(&subject, card, html! {}).into_string();
    (subject, text, html)
}
