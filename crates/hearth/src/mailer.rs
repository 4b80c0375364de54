//! The SMTP side of e-mail: a [`Transport`] built with lettre from the `[smtp]` table,
//! and the worker loop that drains the outbox on every node.

use crate::config::{SmtpConfig, SmtpSecurity};
use anyhow::Context;
use hearth_app::App;
use hearth_app::mail::{self, Email, SendError, Transport};
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::PoolConfig;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// How long one SMTP conversation may take before the try counts as failed: what
/// `Transport::longest_conversation` answers by default, which claims are renewed by.
const SMTP_TIMEOUT: Duration = mail::LONGEST_CONVERSATION;
/// How often an idle worker looks for due e-mail.
const IDLE_POLL: Duration = Duration::from_secs(1);

/// Sends e-mail to the configured SMTP server.
#[derive(Clone)]
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpMailer {
    /// A mailer keeping up to `conversations` connections open between e-mails, one
    /// for each conversation the worker holds at once (`mail_concurrency`).
    pub fn new(config: &SmtpConfig, conversations: u32) -> anyhow::Result<Self> {
        let host = config.host.trim();
        let builder = match config.security {
            SmtpSecurity::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)
                .with_context(|| format!("cannot use {host} for SMTP with STARTTLS"))?,
            SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host)
                .with_context(|| format!("cannot use {host} for SMTP over TLS"))?,
            SmtpSecurity::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
        };
        let mut builder = builder
            .port(config.port)
            .timeout(Some(SMTP_TIMEOUT))
            .pool_config(PoolConfig::new().max_size(conversations.max(1)));
        if !config.username.is_empty() {
            builder = builder.credentials(Credentials::new(
                config.username.clone(),
                config.password.clone(),
            ));
        }
        let from: Mailbox = config
            .from
            .parse()
            .with_context(|| format!("smtp.from is not an e-mail address: {:?}", config.from))?;
        Ok(Self {
            transport: builder.build(),
            from,
        })
    }

    fn message(&self, email: &Email) -> Result<Message, SendError> {
        let permanent = |message: String| SendError {
            message,
            permanent: true,
        };
        let address = email
            .to
            .parse()
            .map_err(|err| permanent(format!("bad recipient address {:?}: {err}", email.to)))?;
        let to = Mailbox::new(Some(email.to_name.clone()), address);
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(email.subject.clone())
            .message_id(Some(email.message_id.clone()));
        if let Some(unsubscribe) = &email.list_unsubscribe {
            builder = builder
                .header(ListUnsubscribe(format!("<{unsubscribe}>")))
                .header(ListUnsubscribePost);
        }
        builder
            .multipart(MultiPart::alternative_plain_html(
                email.body_text.clone(),
                email.body_html.clone(),
            ))
            .map_err(|err| permanent(format!("cannot build the message: {err}")))
    }
}

impl Transport for SmtpMailer {
    async fn send(&self, email: &Email) -> Result<(), SendError> {
        let message = self.message(email)?;
        // lettre's own timeout covers connecting only; a relay that never answers the
        // message must not hold the e-mail past its claim, nor its batch forever.
        match tokio::time::timeout(SMTP_TIMEOUT, self.transport.send(message)).await {
            Ok(sent) => sent.map(|_| ()).map_err(|err| SendError {
                message: err.to_string(),
                permanent: err.is_permanent(),
            }),
            Err(_) => Err(SendError {
                message: format!(
                    "the SMTP server did not answer within {} s",
                    SMTP_TIMEOUT.as_secs()
                ),
                permanent: false,
            }),
        }
    }
}

/// `List-Unsubscribe: <https://…>` (RFC 2369).
#[derive(Debug, Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(raw: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(raw.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): the link may be
/// followed with a POST and no further step.
#[derive(Debug, Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_raw: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

/// Drains the outbox for as long as the server runs: a full batch is followed at
/// once by the next, an idle worker looks again a second later.
pub async fn deliver_periodically(app: App, transport: impl Transport) {
    loop {
        match mail::deliver_due(&app, &transport).await {
            Ok(delivery) if delivery.claimed() as i64 >= mail::BATCH => continue,
            Ok(_) => tokio::time::sleep(IDLE_POLL).await,
            Err(err) => {
                tracing::warn!(error = %err, "could not deliver due e-mail");
                tokio::time::sleep(IDLE_POLL * 5).await;
            }
        }
    }
}
