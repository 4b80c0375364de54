//! The chat pages through plain HTTP, as a browser without JavaScript uses them:
//! conversations started from a profile, messages sent by form, unread counts, groups,
//! and nothing at all for people outside a conversation.

use crate::support::{Server, api_sign_in, browser, page, submit};
use hearth_app::domain::Role;
use hearth_testkit::{TestDb, both_backends};

both_backends!(
    messaging_from_a_profile_opens_one_direct_conversation_for_the_pair,
    a_sent_message_reaches_the_other_member_and_is_unread_until_opened,
    someone_outside_a_conversation_gets_not_found_from_every_page_and_form,
    groups_are_created_renamed_joined_and_left_through_forms,
    authors_edit_and_delete_their_messages_and_nobody_else_does,
    a_network_admin_is_offered_delete_but_not_edit_on_others_messages,
    chat_forms_without_the_csrf_token_are_refused_and_change_nothing,
    message_text_and_titles_are_escaped_and_sanitized,
);

struct Person {
    id: String,
    client: reqwest::Client,
    csrf: String,
}

/// Someone signed in, with a name and handle of their own (saved in settings).
async fn person(server: &Server, handle: &str, name: &str, role: Role) -> Person {
    let email = format!("{handle}@acme.test");
    let user = server.user(&email, role).await;
    let client = browser();
    let csrf = api_sign_in(server, &client, &email).await;
    let person = Person {
        id: user.id.to_string(),
        client,
        csrf,
    };
    let (status, _) = person
        .submit(
            server,
            "/settings/profile",
            &[
                ("display_name", name),
                ("handle", handle),
                ("job_title", ""),
                ("department", ""),
                ("location", ""),
                ("time_zone", "UTC"),
                ("about", ""),
            ],
        )
        .await;
    assert_eq!(status, 303, "{handle}'s profile is saved");
    person
}

impl Person {
    /// Sends a page form with this person's CSRF token; answers the status and the
    /// redirect target.
    async fn submit(&self, server: &Server, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
        let mut form: Vec<(&str, &str)> = vec![("csrf", self.csrf.as_str())];
        form.extend_from_slice(fields);
        let (status, location, _) = submit(server, &self.client, path, &form).await;
        (status, location)
    }

    async fn page(&self, server: &Server, path: &str) -> (u16, String) {
        page(server, &self.client, path).await
    }

    /// A page that must render.
    async fn html(&self, server: &Server, path: &str) -> String {
        let (status, html) = self.page(server, path).await;
        assert_eq!(status, 200, "{path}: {html}");
        html
    }

    /// Opens (or starts) the direct conversation with `other`; answers its path.
    async fn message(&self, server: &Server, other: &Person) -> String {
        let (status, location) = self
            .submit(server, &format!("/chat/with/{}", other.id), &[])
            .await;
        assert_eq!(status, 303);
        assert!(location.starts_with("/chat/"), "{location}");
        location
    }

    /// Sends a message by the composer's form; answers the new message's id.
    async fn send(&self, server: &Server, chat: &str, body: &str) -> String {
        let (status, location) = self
            .submit(server, &format!("{chat}/messages"), &[("body", body)])
            .await;
        assert_eq!(status, 303, "{location}");
        let (path, message) = location.split_once("#message-").expect("a message anchor");
        assert_eq!(path, chat);
        message.to_owned()
    }
}

/// The conversation's entry in a page's list, from its link to the end of its item.
fn entry<'a>(list: &'a str, chat: &str) -> &'a str {
    let start = list
        .find(&format!("href=\"{chat}\""))
        .unwrap_or_else(|| panic!("{chat} is not listed: {list}"));
    let end = list[start..]
        .find("</li>")
        .map_or(list.len(), |e| start + e);
    &list[start..end]
}

async fn messaging_from_a_profile_opens_one_direct_conversation_for_the_pair(db: TestDb) {
    let server = Server::start(db).await;
    let ana = person(&server, "ana", "Ana Lima", Role::Member).await;
    let bea = person(&server, "bea", "Bea Costa", Role::Member).await;

    let profile = ana.html(&server, "/people/bea").await;
    assert!(
        profile.contains("action=\"/chat/with/bea\""),
        "the profile offers a Message button"
    );
    assert!(profile.contains(">Message<"));
    let own = ana.html(&server, "/people/ana").await;
    assert!(
        !own.contains("/chat/with/"),
        "nobody is offered to message themselves"
    );

    let (status, chat) = ana.submit(&server, "/chat/with/bea", &[]).await;
    assert_eq!(status, 303);
    assert!(chat.starts_with("/chat/"), "{chat}");
    assert_eq!(
        ana.message(&server, &bea).await,
        chat,
        "twice is the same one"
    );
    assert_eq!(bea.message(&server, &ana).await, chat, "from either side");

    let page = ana.html(&server, &chat).await;
    assert!(page.contains("<h1 id=\"chat-title\">Bea Costa"), "{page}");
    assert!(page.contains("No messages yet"));
    assert!(
        page.contains("aria-current=\"page\">Chat<"),
        "the header marks Chat"
    );
    let list = ana.html(&server, "/chat").await;
    assert_eq!(
        list.matches("<li class=\"conversation").count(),
        1,
        "{list}"
    );
    assert!(entry(&list, &chat).contains("No messages yet"));

    let (status, _) = ana.submit(&server, "/chat/with/ana", &[]).await;
    assert_eq!(status, 403, "not with oneself");
    let (status, _) = ana.submit(&server, "/chat/with/nobody", &[]).await;
    assert_eq!(status, 404);
    server.stop().await;
}

async fn a_sent_message_reaches_the_other_member_and_is_unread_until_opened(db: TestDb) {
    let server = Server::start(db).await;
    let ana = person(&server, "ana", "Ana Lima", Role::Member).await;
    let bea = person(&server, "bea", "Bea Costa", Role::Member).await;
    let chat = ana.message(&server, &bea).await;

    let first = ana.send(&server, &chat, "Lunch at *noon*?").await;
    ana.send(&server, &chat, "The usual place").await;
    ana.send(&server, &chat, "My treat").await;

    let list = bea.html(&server, "/chat").await;
    let item = entry(&list, &chat);
    assert!(item.contains("3 unread"), "{item}");
    assert!(item.contains("My treat"), "the newest message is previewed");
    assert!(item.contains("<time"), "with its time");
    let own = ana.html(&server, "/chat").await;
    assert!(
        !entry(&own, &chat).contains("unread"),
        "one's own messages are not unread"
    );
    assert!(entry(&own, &chat).contains("You: "));

    let page = bea.html(&server, &chat).await;
    assert!(page.contains("Lunch at <em>noon</em>?"), "{page}");
    assert!(page.contains(&format!("id=\"message-{first}\"")));
    assert!(page.contains(">Ana Lima<"), "the author is named");
    assert!(
        page.contains("class=\"new-divider\""),
        "the first unread is marked"
    );
    let oldest = page.find("Lunch at").unwrap();
    let newest = page.find("My treat").unwrap();
    assert!(oldest < newest, "the newest message is at the bottom");
    assert!(page.contains("aria-label=\"Messages\""));
    assert!(page.contains("<label for=\"chat-body\""));

    let list = bea.html(&server, "/chat").await;
    assert!(
        !entry(&list, &chat).contains("unread"),
        "opening the conversation reads it: {list}"
    );
    let again = bea.html(&server, &chat).await;
    assert!(
        !again.contains("new-divider"),
        "nothing is new the second time"
    );
    server.stop().await;
}

async fn someone_outside_a_conversation_gets_not_found_from_every_page_and_form(db: TestDb) {
    let server = Server::start(db).await;
    let ana = person(&server, "ana", "Ana Lima", Role::Member).await;
    let bea = person(&server, "bea", "Bea Costa", Role::Member).await;
    // A network admin is an outsider too.
    let carl = person(&server, "carl", "Carl Dias", Role::Admin).await;
    let (_, chat) = ana
        .submit(
            &server,
            "/chat",
            &[("title", "Secret plans"), ("member", &bea.id)],
        )
        .await;
    let message = ana.send(&server, &chat, "Only for us").await;

    for path in [
        chat.clone(),
        format!("{chat}/members"),
        format!("{chat}/messages/{message}/edit"),
    ] {
        let (status, html) = carl.page(&server, &path).await;
        assert_eq!(status, 404, "{path}");
        assert!(!html.contains("Only for us") && !html.contains("Secret plans"));
    }
    let me = carl.id.clone();
    for (path, fields) in [
        (format!("{chat}/messages"), vec![("body", "let me in")]),
        (format!("{chat}/rename"), vec![("title", "Mine now")]),
        (format!("{chat}/members"), vec![("member", me.as_str())]),
        (format!("{chat}/members/{}/remove", bea.id), vec![]),
        (format!("{chat}/leave"), vec![]),
        (format!("{chat}/mute"), vec![]),
        (format!("{chat}/unmute"), vec![]),
        (
            format!("{chat}/messages/{message}/edit"),
            vec![("body", "changed")],
        ),
        (format!("{chat}/messages/{message}/delete"), vec![]),
    ] {
        let (status, _) = carl.submit(&server, &path, &fields).await;
        assert_eq!(status, 404, "{path}");
    }
    let list = carl.html(&server, "/chat").await;
    assert!(!list.contains(&chat) && !list.contains("Secret plans"));
    assert!(list.contains("No conversations yet"));

    let page = bea.html(&server, &chat).await;
    assert!(
        page.contains("<h1 id=\"chat-title\">Secret plans"),
        "unchanged"
    );
    assert!(page.contains("Only for us"));
    assert!(!page.contains("let me in") && !page.contains("Carl Dias"));

    let (status, _) = carl.page(&server, "/chat/999999999").await;
    assert_eq!(status, 404);
    let (status, _) = carl.page(&server, "/chat/abc").await;
    assert_eq!(status, 404);
    server.stop().await;
}

async fn groups_are_created_renamed_joined_and_left_through_forms(db: TestDb) {
    let server = Server::start(db).await;
    let ana = person(&server, "ana", "Ana Lima", Role::Member).await;
    let bea = person(&server, "bea", "Bea Costa", Role::Member).await;
    let carl = person(&server, "carl", "Carl Dias", Role::Member).await;

    let list = ana.html(&server, "/chat").await;
    assert!(list.contains("No conversations yet"));
    assert!(list.contains("New group"));
    assert!(
        list.contains(&format!("name=\"member\" value=\"{}\"", bea.id)),
        "colleagues can be picked"
    );
    assert!(
        !list.contains(&format!("name=\"member\" value=\"{}\"", ana.id)),
        "but not oneself"
    );

    let (status, chat) = ana
        .submit(
            &server,
            "/chat",
            &[("title", "Launch team"), ("member", &bea.id)],
        )
        .await;
    assert_eq!(status, 303);
    let page = bea.html(&server, &chat).await;
    assert!(page.contains("<h1 id=\"chat-title\">Launch team"));
    assert!(page.contains("2 people"));
    assert!(entry(&bea.html(&server, "/chat").await, &chat).contains("Launch team"));

    let (status, _) = bea
        .submit(
            &server,
            &format!("{chat}/rename"),
            &[("title", "Launch crew")],
        )
        .await;
    assert_eq!(status, 303, "any member renames");
    assert!(ana.html(&server, &chat).await.contains("Launch crew"));
    let (status, _) = bea
        .submit(&server, &format!("{chat}/rename"), &[("title", "  ")])
        .await;
    assert_eq!(status, 422, "a title is needed");

    let (status, _) = carl.page(&server, &chat).await;
    assert_eq!(status, 404);
    let members = bea.html(&server, &format!("{chat}/members")).await;
    assert!(members.contains(&format!("name=\"member\" value=\"{}\"", carl.id)));
    let (status, location) = bea
        .submit(&server, &format!("{chat}/members"), &[("member", &carl.id)])
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, format!("{chat}/members").as_str())
    );
    assert!(carl.html(&server, &chat).await.contains("3 people"));
    let (status, _) = bea.submit(&server, &format!("{chat}/members"), &[]).await;
    assert_eq!(status, 422, "adding nobody is refused");

    let (status, _) = bea
        .submit(&server, &format!("{chat}/members/{}/remove", carl.id), &[])
        .await;
    assert_eq!(status, 403, "only the creator removes others");
    let members = ana.html(&server, &format!("{chat}/members")).await;
    assert!(members.contains(&format!("{chat}/members/{}/remove", carl.id)));
    let (status, location) = carl.submit(&server, &format!("{chat}/leave"), &[]).await;
    assert_eq!((status, location.as_str()), (303, "/chat"));
    let (status, _) = carl.page(&server, &chat).await;
    assert_eq!(status, 404, "gone after leaving");
    let (status, _) = ana
        .submit(&server, &format!("{chat}/members/{}/remove", bea.id), &[])
        .await;
    assert_eq!(status, 303);
    let (status, _) = bea.page(&server, &chat).await;
    assert_eq!(status, 404, "gone after being removed");
    assert!(ana.html(&server, &chat).await.contains("1 person: "));

    let direct = ana.message(&server, &carl).await;
    let (status, _) = ana
        .submit(&server, &format!("{direct}/rename"), &[("title", "Nope")])
        .await;
    assert_eq!(
        status, 403,
        "a direct conversation keeps its two people and no title"
    );
    let (status, _) = ana.submit(&server, &format!("{direct}/leave"), &[]).await;
    assert_eq!(status, 403);
    server.stop().await;
}

async fn authors_edit_and_delete_their_messages_and_nobody_else_does(db: TestDb) {
    let server = Server::start(db).await;
    let ana = person(&server, "ana", "Ana Lima", Role::Member).await;
    let bea = person(&server, "bea", "Bea Costa", Role::Member).await;
    let chat = ana.message(&server, &bea).await;
    let message = ana.send(&server, &chat, "Meet at 10").await;
    let edit = format!("{chat}/messages/{message}/edit");

    let page = ana.html(&server, &chat).await;
    assert!(
        page.contains(&format!("href=\"{edit}\"")),
        "the author may edit"
    );
    let theirs = bea.html(&server, &chat).await;
    assert!(!theirs.contains(&edit), "the other may not");
    let (status, _) = bea.page(&server, &edit).await;
    assert_eq!(status, 403);
    let (status, _) = bea.submit(&server, &edit, &[("body", "Meet never")]).await;
    assert_eq!(status, 403);
    let (status, _) = bea
        .submit(&server, &format!("{chat}/messages/{message}/delete"), &[])
        .await;
    assert_eq!(status, 403);

    let form = ana.html(&server, &edit).await;
    assert!(form.contains(">Meet at 10</textarea>"), "{form}");
    let (status, location) = ana.submit(&server, &edit, &[("body", "Meet at 11")]).await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("{chat}#message-{message}"));
    let page = bea.html(&server, &chat).await;
    assert!(page.contains("Meet at 11") && !page.contains("Meet at 10"));
    assert!(page.contains("class=\"edited\""));

    let (status, _) = ana
        .submit(&server, &format!("{chat}/messages/{message}/delete"), &[])
        .await;
    assert_eq!(status, 303);
    let page = bea.html(&server, &chat).await;
    assert!(page.contains("This message was deleted."));
    assert!(!page.contains("Meet at 11"));
    let (status, _) = ana.page(&server, &edit).await;
    assert_eq!(status, 404, "a deleted message is not edited");

    let (status, _) = bea.submit(&server, &format!("{chat}/mute"), &[]).await;
    assert_eq!(status, 303);
    let page = bea.html(&server, &chat).await;
    assert!(page.contains(">Unmute<") && page.contains(">Muted<"));
    assert!(entry(&bea.html(&server, "/chat").await, &chat).contains(">Muted<"));
    assert!(
        !ana.html(&server, &chat).await.contains(">Muted<"),
        "for her alone"
    );
    bea.submit(&server, &format!("{chat}/unmute"), &[]).await;
    assert!(bea.html(&server, &chat).await.contains(">Mute<"));
    server.stop().await;
}

async fn chat_forms_without_the_csrf_token_are_refused_and_change_nothing(db: TestDb) {
    let server = Server::start(db).await;
    let ana = person(&server, "ana", "Ana Lima", Role::Member).await;
    let bea = person(&server, "bea", "Bea Costa", Role::Member).await;
    let chat = ana.message(&server, &bea).await;
    let message = ana.send(&server, &chat, "Original words").await;
    let forged = Person {
        id: ana.id.clone(),
        client: ana.client.clone(),
        csrf: "forged".to_owned(),
    };
    for (path, fields) in [
        (
            "/chat".to_owned(),
            vec![("title", "Forged group"), ("member", bea.id.as_str())],
        ),
        (format!("/chat/with/{}", bea.id), vec![]),
        (format!("{chat}/messages"), vec![("body", "forged message")]),
        (format!("{chat}/mute"), vec![]),
        (
            format!("{chat}/messages/{message}/edit"),
            vec![("body", "forged edit")],
        ),
        (format!("{chat}/messages/{message}/delete"), vec![]),
    ] {
        let (status, _) = forged.submit(&server, &path, &fields).await;
        assert_eq!(status, 403, "{path}");
    }
    let (status, _, _) = submit(
        &server,
        &ana.client,
        &format!("{chat}/messages"),
        &[("body", "no token at all")],
    )
    .await;
    assert_eq!(status, 403);

    let list = ana.html(&server, "/chat").await;
    assert!(!list.contains("Forged group"));
    assert_eq!(list.matches("<li class=\"conversation").count(), 1);
    assert!(!entry(&list, &chat).contains("Muted"));
    let page = bea.html(&server, &chat).await;
    assert!(page.contains("Original words"));
    assert!(!page.contains("forged") && !page.contains("no token at all"));
    server.stop().await;
}

async fn message_text_and_titles_are_escaped_and_sanitized(db: TestDb) {
    let server = Server::start(db).await;
    let ana = person(&server, "ana", "Ana Lima", Role::Member).await;
    let bea = person(&server, "bea", "Bea Costa", Role::Member).await;
    let chat = ana.message(&server, &bea).await;
    ana.send(
        &server,
        &chat,
        "**bold** <script>alert(1)</script> <img src=x onerror=alert(2)> @bea",
    )
    .await;
    let (status, group) = ana
        .submit(
            &server,
            "/chat",
            &[("title", "<b>Bold</b> club"), ("member", &bea.id)],
        )
        .await;
    assert_eq!(status, 303);
    ana.send(&server, &group, "<i>x</i> & y").await;

    let page = bea.html(&server, &chat).await;
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(!page.contains("<img src=x"));
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "shown as text"
    );
    assert!(page.contains("<strong>bold</strong>"));
    assert!(
        page.contains("href=\"/people/bea\""),
        "mentions link colleagues"
    );

    let list = bea.html(&server, "/chat").await;
    assert!(list.contains("&lt;b&gt;Bold&lt;/b&gt; club"), "{list}");
    assert!(!list.contains("<b>Bold</b>"));
    assert!(
        list.contains("&lt;i&gt;x&lt;/i&gt; &amp; y"),
        "previews are text"
    );
    assert!(!list.contains("<script>alert"));
    let page = bea.html(&server, &group).await;
    assert!(page.contains("&lt;b&gt;Bold&lt;/b&gt; club"));
    assert!(!page.contains("<b>Bold</b>"));
    server.stop().await;
}

async fn a_network_admin_is_offered_delete_but_not_edit_on_others_messages(db: TestDb) {
    let server = Server::start(db).await;
    let ana = person(&server, "ana", "Ana Lima", Role::Member).await;
    let root = person(&server, "root", "Rita Admin", Role::Admin).await;
    let chat = ana.message(&server, &root).await;
    let message = ana.send(&server, &chat, "Please remove this").await;
    let delete = format!("{chat}/messages/{message}/delete");
    let edit = format!("{chat}/messages/{message}/edit");

    let page = root.html(&server, &chat).await;
    assert!(
        page.contains(&format!("action=\"{delete}\"")),
        "the admin may delete"
    );
    assert!(
        !page.contains(&edit),
        "but not put words in the author's mouth"
    );
    let (status, _) = root.submit(&server, &delete, &[]).await;
    assert_eq!(status, 303);
    assert!(
        ana.html(&server, &chat)
            .await
            .contains("This message was deleted.")
    );
    server.stop().await;
}
