//! The demo's files: profile photos, a few photos and documents, made at seed time (the photos are
//! drawn, the documents written out) and uploaded by the people who attach them, as
//! anyone would through the web page.

use anyhow::Context;
use hearth_app::App;
use hearth_app::domain::upload::Purpose;
use hearth_app::domain::{Actor, UploadId};
use hearth_app::files::images::demo_jpeg;
use hearth_app::uploads::{self, Incoming};

/// One file and what it is made of.
pub struct File {
    pub name: &'static str,
    /// What a photo shows, for people who cannot see it.
    pub alt_text: Option<&'static str>,
    pub content: Content,
}

pub enum Content {
    /// A drawn photo of the demo's usual size, from its seed.
    Photo(u64),
    /// A one-page PDF: a title, then lines of text.
    Pdf(&'static str, &'static [&'static str]),
    /// CSV text, as written.
    Csv(&'static str),
}

/// The photos' size: a 3:2 picture as a phone shares it.
const PHOTO: (u32, u32) = (1600, 1067);

const fn photo(name: &'static str, seed: u64, alt_text: &'static str) -> File {
    File {
        name,
        alt_text: Some(alt_text),
        content: Content::Photo(seed),
    }
}

/// Files attached to threads, by the thread's key; the thread's author uploads them.
pub const ON_THREADS: &[(&str, &[File])] = &[
    (
        "ceo-column-aurora",
        &[photo(
            "alvalade-classroom.jpg",
            41,
            "A classroom at the Alvalade school under Aurora 2 panels, its blinds open",
        )],
    ),
    (
        "booth",
        &[
            photo(
                "booth-1.jpg",
                11,
                "The LightFair booth in the warehouse: four Aurora 2 panels on a white wall",
            ),
            photo(
                "booth-2.jpg",
                12,
                "The live Pulse dashboard on a large screen beside the panels",
            ),
            photo(
                "booth-3.jpg",
                13,
                "The classroom corner of the booth, half in old light and half in new",
            ),
        ],
    ),
    (
        "blue-hour",
        &[photo(
            "oberbaumbruecke.jpg",
            21,
            "The Oberbaumbrücke at blue hour, its lamps lit, on colour film",
        )],
    ),
    (
        "pastel",
        &[photo(
            "pastel.jpg",
            31,
            "Pastel, a grey kitten, asleep on a laptop keyboard",
        )],
    ),
    (
        "may-update",
        &[File {
            name: "Revenue by region, year to date.csv",
            alt_text: None,
            content: Content::Csv(
                "Region,Revenue (EUR k),Plan (EUR k),Against plan\n\
                 DACH,4120,3600,+14.4%\n\
                 Iberia,2870,2480,+15.7%\n\
                 Nordics,1340,1300,+3.1%\n\
                 North America,2210,2030,+8.9%\n\
                 Total,10540,9410,+12.0%\n",
            ),
        }],
    ),
];

/// Files attached to replies, by the thread's key and the reply's index; the reply's
/// author uploads them.
pub const ON_REPLIES: &[(&str, usize, &[File])] = &[(
    "expenses",
    1,
    &[File {
        name: "Travel policy 2026.pdf",
        alt_text: None,
        content: Content::Pdf(
            "Kestrel Lighting - Travel and expenses policy 2026",
            &[
                "1. Book travel through the travel desk at least two weeks ahead.",
                "2. Hotels: up to EUR 180 a night in Europe, CAD 230 in Canada,",
                "   USD 250 in the United States. Above that, get your manager's",
                "   approval in writing first.",
                "3. Trains under six hours, economy flights over six hours.",
                "4. Meals: up to EUR 60 a day, alcohol excluded.",
                "5. Submit receipts within 30 days in the expenses tool.",
                "",
                "Questions: finance@example.com",
            ],
        ),
    }],
)];

/// A file attached to one chat message, found by the message's text.
pub const ON_MESSAGE: (&str, &[File]) = (
    "Thanks again for this morning. I sent the numbers to Finance.",
    &[File {
        name: "LightFair booth budget.csv",
        alt_text: None,
        content: Content::Csv(
            "Item,Cost (EUR)\n\
             Space (36 m²),14400\n\
             Build and transport,9800\n\
             Aurora 2 panels (4 demo units),3200\n\
             Screens and Pulse dashboard,2100\n\
             Travel and hotel (5 people),7500\n\
             Total,37000\n",
        ),
    }],
);

/// The files attached to a thread, to its reply `reply` (`Some`), or nothing.
pub fn for_post(thread: &str, reply: Option<usize>) -> &'static [File] {
    let found = match reply {
        None => ON_THREADS
            .iter()
            .find(|(key, _)| *key == thread)
            .map(|(_, files)| *files),
        Some(r) => ON_REPLIES
            .iter()
            .find(|(key, n, _)| *key == thread && *n == r)
            .map(|(_, _, files)| *files),
    };
    found.unwrap_or(&[])
}

/// The files attached to the chat message with this text.
pub fn for_message(text: &str) -> &'static [File] {
    if text == ON_MESSAGE.0 {
        ON_MESSAGE.1
    } else {
        &[]
    }
}

/// Uploads `files` as `actor`, through the same use case as the upload form.
pub async fn upload(app: &App, actor: &Actor, files: &[File]) -> anyhow::Result<Vec<UploadId>> {
    let mut ids = Vec::with_capacity(files.len());
    for file in files {
        let bytes = match &file.content {
            Content::Photo(seed) => demo_jpeg(*seed, PHOTO.0, PHOTO.1),
            Content::Pdf(title, lines) => pdf(title, lines),
            Content::Csv(text) => text.as_bytes().to_vec(),
        };
        let incoming = Incoming {
            name: file.name.to_owned(),
            purpose: Purpose::Attachment,
            alt_text: file.alt_text.map(str::to_owned),
        };
        let body = futures_util::stream::iter([Ok::<_, std::io::Error>(bytes)]);
        let upload = uploads::receive(app, actor, incoming, body)
            .await
            .with_context(|| format!("uploading {:?}", file.name))?;
        ids.push(upload.id);
    }
    Ok(ids)
}

/// The side of a demo profile photo: square, as a phone's camera crops one.
const PROFILE_PHOTO_SIDE: u32 = 512;

/// Draws a profile photo from `seed` and sets it as `actor`'s own, through the same
/// use cases as the settings page.
pub async fn set_profile_photo(app: &App, actor: &Actor, seed: u64) -> anyhow::Result<UploadId> {
    let bytes = demo_jpeg(seed, PROFILE_PHOTO_SIDE, PROFILE_PHOTO_SIDE);
    let incoming = Incoming {
        name: "photo.jpg".to_owned(),
        purpose: Purpose::Avatar,
        alt_text: None,
    };
    let body = futures_util::stream::iter([Ok::<_, std::io::Error>(bytes)]);
    let upload = uploads::receive(app, actor, incoming, body).await?;
    uploads::set_photo(app, actor, Some(upload.id)).await?;
    Ok(upload.id)
}

/// A valid one-page A4 PDF with a title and lines of text in Helvetica. The text
/// must be ASCII: the standard fonts' encoding is not Unicode.
pub fn pdf(title: &str, lines: &[&str]) -> Vec<u8> {
    let escape = |text: &str| {
        text.replace('\\', "\\\\")
            .replace('(', "\\(")
            .replace(')', "\\)")
    };
    let mut page = format!(
        "BT /F1 16 Tf 72 770 Td ({}) Tj /F1 11 Tf 16 TL 0 -12 Td",
        escape(title)
    );
    for line in lines {
        page.push_str(&format!(" T* ({}) Tj", escape(line)));
    }
    page.push_str(" ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
         /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
            .to_owned(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{page}\nendstream", page.len()),
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::with_capacity(objects.len());
    for (n, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{object}\nendobj\n", n + 1));
    }
    let xref = out.len();
    out.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for offset in offsets {
        out.push_str(&format!("{offset:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pdf_points_at_each_of_its_objects() {
        let pdf = String::from_utf8(pdf("A (title)", &["one", "two \\ three"])).unwrap();
        assert!(pdf.starts_with("%PDF-1.4\n") && pdf.ends_with("%%EOF\n"));
        assert!(pdf.contains("(A \\(title\\)) Tj"));
        let (_, after) = pdf.split_once("startxref\n").unwrap();
        let xref: usize = after.lines().next().unwrap().parse().unwrap();
        assert!(pdf[xref..].starts_with("xref\n0 6\n"));
        for (n, entry) in pdf[xref..].lines().skip(3).take(5).enumerate() {
            assert_eq!(entry.len(), 19, "an entry is 20 bytes with its newline");
            let offset: usize = entry[..10].parse().unwrap();
            assert!(pdf[offset..].starts_with(&format!("{} 0 obj\n", n + 1)));
        }
        let stream = pdf.split_once("stream\n").unwrap().1;
        let length: usize = pdf
            .split_once("/Length ")
            .unwrap()
            .1
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(stream[length..].starts_with("\nendstream"));
    }

    #[test]
    fn the_pdf_is_ascii_so_its_font_can_show_it() {
        for (_, _, files) in ON_REPLIES {
            for file in *files {
                if let Content::Pdf(title, lines) = file.content {
                    assert!(title.is_ascii() && lines.iter().all(|l| l.is_ascii()));
                }
            }
        }
    }

    #[test]
    fn files_name_threads_and_a_message_that_exist() {
        let threads = super::super::conversations::THREADS;
        for (key, _) in ON_THREADS {
            assert!(threads.iter().any(|t| t.key == *key), "no thread {key}");
        }
        for (key, reply, _) in ON_REPLIES {
            let thread = threads.iter().find(|t| t.key == *key).unwrap();
            assert!(*reply < thread.replies.len(), "{key} has no reply {reply}");
        }
        let sent = super::super::chats::CHATS
            .iter()
            .flat_map(|c| c.messages.iter())
            .filter(|(_, _, text)| *text == ON_MESSAGE.0)
            .count();
        assert_eq!(sent, 1);
    }
}
