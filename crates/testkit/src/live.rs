//! A test client for the live stream: open it, read its JSON frames, see how it ends.

use futures_util::StreamExt;
use serde_json::Value;
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::header;

pub type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Opens `<base>/api/hearth/v1/stream` (base: `http://…`) with an API token, from
/// `after` when given; answers the socket and the frames sent before `ready`.
pub async fn open_stream(
    base: &str,
    token: &str,
    after: Option<&str>,
) -> Result<(Socket, Vec<Value>), tokio_tungstenite::tungstenite::Error> {
    let base = base.replacen("http://", "ws://", 1);
    let url = match after {
        Some(after) => format!("{base}/api/hearth/v1/stream?after={after}"),
        None => format!("{base}/api/hearth/v1/stream"),
    };
    let mut request = url.into_client_request()?;
    let bearer = format!("Bearer {token}")
        .parse()
        .map_err(tokio_tungstenite::tungstenite::http::Error::from)?;
    request.headers_mut().insert(header::AUTHORIZATION, bearer);
    let (mut socket, _) = tokio_tungstenite::connect_async(request).await?;
    let mut before_ready = Vec::new();
    loop {
        let frame = next_frame(&mut socket).await;
        if frame["type"] == "ready" {
            return Ok((socket, before_ready));
        }
        before_ready.push(frame);
    }
}

/// The next JSON frame, skipping pings; panics after ten quiet seconds, so a test
/// waiting for what never comes fails instead of hanging.
pub async fn next_frame(socket: &mut Socket) -> Value {
    loop {
        let message = tokio::time::timeout(Duration::from_secs(10), socket.next())
            .await
            .unwrap_or_else(|_| panic!("no frame within ten seconds"));
        match message {
            Some(Ok(Message::Text(text))) => {
                return serde_json::from_str(&text)
                    .unwrap_or_else(|err| panic!("a frame that is not JSON ({err}): {text}"));
            }
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
            other => panic!("expected a frame, got {other:?}"),
        }
    }
}

/// The close code the server ends the stream with (0 when it just went away).
pub async fn close_code(socket: &mut Socket) -> u16 {
    loop {
        let message = tokio::time::timeout(Duration::from_secs(10), socket.next())
            .await
            .unwrap_or_else(|_| panic!("the stream stayed open for ten seconds"));
        match message {
            Some(Ok(Message::Close(Some(frame)))) => return frame.code.into(),
            Some(Ok(Message::Close(None))) | None | Some(Err(_)) => return 0,
            Some(Ok(_)) => continue,
        }
    }
}
