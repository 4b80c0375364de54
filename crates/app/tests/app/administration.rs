//! Every administrative and moderation act, across the board: each writes exactly
//! one audit entry of its own action, and each is allowed to exactly the roles the
//! authorization matrix below names.

use hearth_app::audit::AuditFilter;
use hearth_app::audit::{self, Acting};
use hearth_app::communities::{self, NewCommunity};
use hearth_app::domain::{
    Actor, AuditAction, CommunityId, DisplayName, Email, PostId, Role, User, UserId,
};
use hearth_app::export::{self, AuditFormat, Whom};
use hearth_app::lifecycle::{self, DeletedContent};
use hearth_app::moderation::{self, Subject};
use hearth_app::posts::{self, NewPost};
use hearth_app::{
    AppError, accounts, invitations, languages, oidc, retention, scim, tokens, usage_policy,
};
use hearth_testkit::{TestApp, TestDb, both_backends};
use std::sync::atomic::{AtomicUsize, Ordering};

both_backends!(
    every_audited_action_writes_exactly_one_entry_of_its_kind,
    the_authorization_matrix_holds_for_every_operation_and_role,
    single_sign_on_cannot_be_required_without_a_provider,
);

/// A network with an admin, a member who manages a community, and a post in it.
struct World {
    t: TestApp,
    admin: User,
    manager: User,
    community: CommunityId,
    made: AtomicUsize,
    /// How many audit entries there were when the act under test began.
    mark: AtomicUsize,
}

impl World {
    async fn new(db: TestDb) -> Self {
        let t = TestApp::new(db).await;
        let admin = t.admin().await;
        let manager = t.member("manager@acme.test").await;
        let community = communities::create(
            &t.app,
            &Actor::User(manager.clone()),
            &NewCommunity {
                name: "Warehouse".to_owned(),
                description: String::new(),
                visibility: "public".to_owned(),
                category: "work".to_owned(),
            },
        )
        .await
        .unwrap()
        .id;
        Self {
            t,
            admin,
            manager,
            community,
            made: AtomicUsize::new(0),
            mark: AtomicUsize::new(0),
        }
    }

    /// A fresh member, so each act has a target nothing else touched.
    async fn person(&self) -> User {
        let n = self.made.fetch_add(1, Ordering::Relaxed);
        self.t.member(&format!("person{n}@acme.test")).await
    }

    /// A fresh post by a fresh member in the managed community.
    async fn post(&self) -> PostId {
        let author = self.person().await;
        communities::join(&self.t.app, &Actor::User(author.clone()), self.community)
            .await
            .unwrap();
        posts::create(
            &self.t.app,
            &Actor::User(author),
            &NewPost {
                community_id: Some(self.community),
                body: "Forklift schedule for next week".to_owned(),
                ..NewPost::default()
            },
        )
        .await
        .unwrap()
        .id
    }

    fn admin_actor(&self) -> Actor {
        Actor::User(self.admin.clone())
    }

    async fn entries(&self) -> Vec<String> {
        audit::list(
            &self.t.app,
            &Actor::Operator,
            &AuditFilter::default(),
            None,
            500,
        )
        .await
        .unwrap()
        .into_iter()
        .map(|entry| entry.action)
        .collect()
    }

    /// Performs `action` (after whatever set-up it needs) as an admin, or as the
    /// operator for what only the operator does.
    async fn perform(&self, action: AuditAction) -> Result<(), AppError> {
        let app = &self.t.app;
        let admin = self.admin_actor();
        let by = Acting::new(&admin, "192.0.2.1");
        let operator = Acting::operator();
        match action {
            AuditAction::UserCreated => {
                accounts::create_user_from(
                    app,
                    by,
                    accounts::NewAccount {
                        email: "created@acme.test",
                        name: "Created",
                        password: None,
                        role: Role::Member,
                        company_if_new: None,
                    },
                )
                .await?;
            }
            AuditAction::UserInvited => {
                invitations::invite(app, by, "invited@acme.test", Role::Member).await?;
            }
            AuditAction::InvitationRevoked => {
                let invited =
                    invitations::invite(app, operator, "revoked@acme.test", Role::Member).await?;
                self.settle().await;
                invitations::revoke(app, by, invited.invitation.id).await?;
            }
            AuditAction::UserDeactivated => {
                let target = self.person().await.id;
                self.settle().await;
                lifecycle::deactivate(app, by, target, "left").await?;
            }
            AuditAction::UserSuspended => {
                let target = self.person().await.id;
                self.settle().await;
                lifecycle::suspend(app, by, target, self.t.clock.now() + 86_400_000, "").await?;
            }
            AuditAction::UserReactivated => {
                let target = self.person().await.id;
                lifecycle::deactivate(app, operator, target, "").await?;
                self.settle().await;
                lifecycle::reactivate(app, by, target, "").await?;
            }
            AuditAction::UserDeleted => {
                let target = self.person().await.id;
                self.settle().await;
                lifecycle::delete(app, by, target, DeletedContent::Keep, "").await?;
            }
            AuditAction::RoleChanged => {
                let target = self.person().await.id;
                self.settle().await;
                lifecycle::change_role(app, by, target, Role::Compliance, "").await?;
            }
            AuditAction::TokenIssued => {
                let target = self.person().await.id;
                self.settle().await;
                tokens::create(app, &Actor::Operator, target, "script", Default::default()).await?;
            }
            AuditAction::ReportDismissed => {
                let post = self.post().await;
                let reporter = Actor::User(self.person().await);
                let report = moderation::report_post(app, &reporter, post, "spam?").await?;
                self.settle().await;
                moderation::dismiss(app, by, report.id, "fine").await?;
            }
            AuditAction::ContentHidden => self.moderated(&[], "hide").await?,
            AuditAction::ContentRemoved => self.moderated(&[], "remove").await?,
            AuditAction::ContentRestored => self.moderated(&["hide"], "restore").await?,
            AuditAction::ThreadLocked => self.moderated(&[], "lock").await?,
            AuditAction::ThreadUnlocked => self.moderated(&["lock"], "unlock").await?,
            AuditAction::PostPinned => self.moderated(&[], "pin").await?,
            AuditAction::PostUnpinned => self.moderated(&["pin"], "unpin").await?,
            AuditAction::WatchTermAdded => {
                moderation::add_watch_term(app, by, "confidential", "flag").await?;
            }
            AuditAction::WatchTermRemoved => {
                let term = moderation::add_watch_term(app, by, "leak", "hold").await?;
                self.settle().await;
                moderation::remove_watch_term(app, by, term.id).await?;
            }
            AuditAction::UsagePolicyPublished => {
                usage_policy::publish(app, by, "Be kind to each other.").await?;
            }
            AuditAction::RetentionSet => {
                retention::set(app, by, Some(365)).await?;
            }
            AuditAction::DefaultLanguageSet => {
                languages::set_default(app, by, "de").await?;
            }
            AuditAction::RetentionApplied => {
                retention::set(app, operator, Some(365)).await?;
                self.settle().await;
                retention::apply(app, by).await?;
            }
            AuditAction::NetworkExported => {
                export::network(app, by).await?;
            }
            AuditAction::UserExported => {
                let target = self.person().await.id;
                self.settle().await;
                export::user(app, by, &Whom::Id(target)).await?;
            }
            AuditAction::AuditExported => {
                export::audit_log(app, by, AuditFilter::default(), AuditFormat::Csv).await?;
            }
            AuditAction::SsoRequirementChanged => {
                oidc::set_sso_required(app, by, true, true).await?;
            }
            AuditAction::SsoProfileSourceChanged => {
                oidc::set_profile_from_provider(app, by, true).await?;
            }
            AuditAction::SsoLinkRefused => {
                // Hearth refuses, not an admin: a second subject of the issuer for an
                // account that already has one.
                let person = self.person().await;
                let identity = |subject: &str| oidc::VerifiedIdentity {
                    issuer: "https://id.acme.test".to_owned(),
                    subject: subject.to_owned(),
                    email: Some(person.email.clone()),
                    email_verified: true,
                    ..oidc::VerifiedIdentity::default()
                };
                let client = hearth_app::sessions::ClientInfo {
                    address: "192.0.2.4".to_owned(),
                    user_agent: "test".to_owned(),
                };
                oidc::sign_in(app, &identity("first"), &client).await?;
                self.settle().await;
                let refused = oidc::sign_in(app, &identity("second"), &client).await;
                assert!(
                    matches!(refused, Err(AppError::Conflict { .. })),
                    "{refused:?}"
                );
            }
            AuditAction::ScimTokenCreated => {
                scim::tokens::create(app, by, "Okta").await?;
            }
            AuditAction::ScimTokenRevoked => {
                let created = scim::tokens::create(app, operator, "Entra ID").await?;
                self.settle().await;
                scim::tokens::revoke(app, by, created.token.id).await?;
            }
            AuditAction::UserProvisioned => {
                let client = self.scim_client().await;
                let person = self.person().await;
                self.settle().await;
                let change = |user: &scim::users::ScimUser| {
                    Ok::<_, scim::ScimError>(scim::users::UserInput {
                        user_name: user.user_name.clone(),
                        email: user.email.as_deref().map(|e| Email::parse(e).unwrap()),
                        display_name: DisplayName::parse(&user.display_name).unwrap(),
                        external_id: user.external_id.clone(),
                        title: "Shift lead".to_owned(),
                        department: user.department.clone(),
                        employee_number: user.employee_number.clone(),
                        manager: user.manager,
                        active: None,
                        photo: scim::users::PhotoInput::Unchanged,
                    })
                };
                scim::users::replace(app, &client, person.id, None, change)
                    .await
                    .unwrap_or_else(|err| panic!("{err:?}"));
            }
            AuditAction::GroupProvisioned => {
                let client = self.scim_client().await;
                self.settle().await;
                self.scim_group(&client, "Night shift").await;
            }
            AuditAction::GroupArchived => {
                let client = self.scim_client().await;
                let group = self.scim_group(&client, "Day shift").await;
                self.settle().await;
                scim::groups::archive(app, &client, group, None)
                    .await
                    .unwrap_or_else(|err| panic!("{err:?}"));
            }
            AuditAction::PollClosed => {
                let author = self.person().await;
                communities::join(app, &Actor::User(author.clone()), self.community)
                    .await
                    .unwrap();
                let poll = hearth_app::polls::NewPoll {
                    options: vec!["Pizza".to_owned(), "Salad".to_owned()],
                    ..Default::default()
                };
                let post = posts::create(
                    app,
                    &Actor::User(author),
                    &NewPost {
                        community_id: Some(self.community),
                        body: "Lunch on Friday?".to_owned(),
                        poll: Some(poll),
                        ..NewPost::default()
                    },
                )
                .await
                .unwrap();
                self.settle().await;
                hearth_app::polls::close(app, by, post.id).await?;
            }
            AuditAction::PollVotesSet => {
                hearth_app::polls::set_allowed_votes(app, by, "named").await?;
            }
            AuditAction::PraiseManagersSet => {
                hearth_app::praise::set_tells_managers(app, by, true).await?;
            }
            AuditAction::ArticleAuthorsSet => {
                hearth_app::articles::set_settings(app, by, "chosen_authors", &[]).await?;
            }
            AuditAction::EmbeddingSet => {
                let settings = hearth_app::embedding::NewSettings {
                    frame_origins: "https://intranet.example.com".to_owned(),
                    page_comments_community: None,
                };
                hearth_app::embedding::save_settings(app, by, &settings).await?;
            }
            AuditAction::ExternalNetworkCreated => {
                hearth_app::external_networks::create(app, by, &suppliers(&self.made)).await?;
            }
            AuditAction::ExternalNetworkMemberAdded => {
                let network = hearth_app::external_networks::create(
                    &self.t.app,
                    Acting::new(&admin, "192.0.2.2"),
                    &suppliers(&self.made),
                )
                .await
                .unwrap();
                let colleague = self.person().await;
                self.settle().await;
                hearth_app::external_networks::add_employee(
                    app,
                    by,
                    network.network.id,
                    colleague.id,
                )
                .await?;
            }
            AuditAction::ExternalNetworksByMembersSet => {
                hearth_app::external_networks::set_members_may_create(app, by, true).await?;
            }
            AuditAction::GuestInvited => {
                let network = self.external_network().await;
                hearth_app::guests::invite(app, by, network, "guest@supplier.example").await?;
            }
            AuditAction::GuestAccessExtended => {
                let (network, guest) = self.guest().await;
                hearth_app::guests::extend(app, by, network, guest, Some(30)).await?;
            }
            AuditAction::GuestAccessEnded => {
                let (network, guest) = self.guest().await;
                hearth_app::guests::end_access(app, by, network, guest, "contract over").await?;
            }
            AuditAction::GuestSponsorSet => {
                let (network, guest) = self.guest().await;
                let sponsor = self.person().await;
                self.settle().await;
                hearth_app::guests::set_sponsor(app, by, network, guest, sponsor.id).await?;
            }
        }
        Ok(())
    }

    /// A SCIM client of the network, by a fresh token.
    async fn scim_client(&self) -> scim::ScimClient {
        let n = self.made.fetch_add(1, Ordering::Relaxed);
        let created = scim::tokens::create(&self.t.app, Acting::operator(), &format!("IdP {n}"))
            .await
            .unwrap();
        scim::authenticate(
            &self.t.app,
            &created.secret,
            "192.0.2.3",
            "http://hearth.test/scim/v2",
        )
        .await
        .unwrap_or_else(|err| panic!("{err:?}"))
    }

    /// A group made through SCIM; answers its id.
    async fn scim_group(&self, client: &scim::ScimClient, name: &str) -> CommunityId {
        let group = scim::groups::GroupInput {
            name: name.to_owned(),
            external_id: None,
            members: Default::default(),
        };
        let made = scim::groups::create(&self.t.app, client, group)
            .await
            .unwrap_or_else(|err| panic!("{err:?}"));
        made.id
    }

    /// A fresh external network, made by the admin.
    async fn external_network(&self) -> hearth_app::domain::NetworkId {
        let admin = self.admin_actor();
        let network = hearth_app::external_networks::create(
            &self.t.app,
            Acting::new(&admin, "192.0.2.2"),
            &suppliers(&self.made),
        )
        .await
        .unwrap()
        .network
        .id;
        self.settle().await;
        network
    }

    /// A fresh guest in a fresh external network, who accepted their invitation.
    async fn guest(&self) -> (hearth_app::domain::NetworkId, UserId) {
        let admin = self.admin_actor();
        let network = self.external_network().await;
        let n = self.made.fetch_add(1, Ordering::Relaxed);
        let invited = hearth_app::guests::invite(
            &self.t.app,
            Acting::new(&admin, "192.0.2.2"),
            network,
            &format!("guest{n}@supplier.example"),
        )
        .await
        .unwrap();
        let guest = invitations::accept(
            &self.t.app,
            invitations::AcceptForm {
                secret: &invited.secret,
                name: "Gus",
                password: "delivery-window-42",
            },
            &hearth_app::sessions::ClientInfo {
                address: "192.0.2.5".to_owned(),
                user_agent: "test".to_owned(),
            },
        )
        .await
        .unwrap()
        .user
        .id;
        self.settle().await;
        (network, guest)
    }

    /// Moderates a fresh post with `action` after the set-up actions `before`.
    async fn moderated(&self, before: &[&str], action: &str) -> Result<(), AppError> {
        let admin = self.admin_actor();
        let by = Acting::new(&admin, "192.0.2.1");
        let post = Subject::Post(self.post().await);
        for earlier in before {
            moderation::moderate(&self.t.app, by, post, earlier, "set-up").await?;
        }
        self.settle().await;
        moderation::moderate(&self.t.app, by, post, action, "because").await
    }

    /// Marks the point after which the act under test starts: entries written by
    /// its set-up are counted before it.
    async fn settle(&self) {
        self.mark
            .store(self.entries().await.len(), Ordering::Relaxed);
    }
}

async fn every_audited_action_writes_exactly_one_entry_of_its_kind(db: TestDb) {
    let world = World::new(db).await;
    for action in AuditAction::ALL {
        world
            .mark
            .store(world.entries().await.len(), Ordering::Relaxed);
        world
            .perform(action)
            .await
            .unwrap_or_else(|err| panic!("{action:?}: {err}"));
        let entries = world.entries().await;
        let added = entries.len() - world.mark.load(Ordering::Relaxed);
        // Newest first; what the act's set-up wrote was counted by `settle`.
        let act = &entries[..added];
        assert_eq!(act, [action.as_str()], "{action:?} wrote {act:?}");
    }
}

/// Who performs an operation in the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Member,
    /// A member who owns the community the moderated posts are in.
    CommunityManager,
    Compliance,
    Admin,
    Operator,
}

use Who::{Admin, CommunityManager, Compliance, Member, Operator};

const EVERYONE: [Who; 5] = [Member, CommunityManager, Compliance, Admin, Operator];

async fn the_authorization_matrix_holds_for_every_operation_and_role(db: TestDb) {
    let world = World::new(db).await;
    let member = world.person().await;
    let compliance = world.t.user("cleo@acme.test", Role::Compliance).await;
    let actor_of = |who: Who| match who {
        Member => Actor::User(member.clone()),
        CommunityManager => Actor::User(world.manager.clone()),
        Compliance => Actor::User(compliance.clone()),
        Admin => world.admin_actor(),
        Operator => Actor::Operator,
    };
    // (operation, the roles it is allowed to)
    let matrix: [(&str, &[Who]); 26] = [
        ("list accounts", &[Admin, Operator]),
        ("deactivate", &[Admin, Operator]),
        ("suspend", &[Admin, Operator]),
        ("reactivate", &[Admin, Operator]),
        ("delete account", &[Admin, Operator]),
        ("change role", &[Admin, Operator]),
        ("invite", &[Admin, Operator]),
        ("revoke invitation", &[Admin, Operator]),
        ("publish usage policy", &[Admin, Operator]),
        ("set retention", &[Admin, Operator]),
        ("apply retention", &[Admin, Operator]),
        ("add watch term", &[Admin, Operator]),
        ("require SSO", &[Admin, Operator]),
        ("take profiles from the provider", &[Admin, Operator]),
        ("create a SCIM token", &[Admin, Operator]),
        ("revoke a SCIM token", &[Admin, Operator]),
        ("see the moderation queue", &[CommunityManager, Admin]),
        ("hide a community post", &[CommunityManager, Admin]),
        ("lock a community thread", &[CommunityManager, Admin]),
        ("pin a community post", &[CommunityManager, Admin]),
        ("dismiss a report", &[CommunityManager, Admin]),
        ("read the audit log", &[Compliance, Admin, Operator]),
        ("export the audit log", &[Compliance, Admin, Operator]),
        ("export the network", &[Compliance, Admin, Operator]),
        ("export a person", &[Compliance, Admin, Operator]),
        ("issue a token for someone", &[Operator]),
    ];
    for (operation, allowed) in matrix {
        for who in EVERYONE {
            let actor = actor_of(who);
            let outcome = world.attempt(operation, &actor).await;
            if allowed.contains(&who) {
                assert!(outcome.is_ok(), "{operation} by {who:?}: {outcome:?}");
            } else {
                assert!(
                    matches!(outcome, Err(AppError::Forbidden(_))),
                    "{operation} by {who:?} must be forbidden: {outcome:?}"
                );
            }
        }
    }
}

impl World {
    async fn attempt(&self, operation: &str, actor: &Actor) -> Result<(), AppError> {
        let app = &self.t.app;
        let by = Acting::new(actor, "192.0.2.2");
        let fresh = |user: User| user.id;
        match operation {
            "list accounts" => {
                lifecycle::accounts(app, actor, None, None, None, 10).await?;
            }
            "deactivate" => {
                let target = fresh(self.person().await);
                lifecycle::deactivate(app, by, target, "").await?;
            }
            "suspend" => {
                let target = fresh(self.person().await);
                lifecycle::suspend(app, by, target, self.t.clock.now() + 60_000, "").await?;
            }
            "reactivate" => {
                let target = fresh(self.person().await);
                lifecycle::deactivate(app, Acting::operator(), target, "").await?;
                lifecycle::reactivate(app, by, target, "").await?;
            }
            "delete account" => {
                let target = fresh(self.person().await);
                lifecycle::delete(app, by, target, DeletedContent::Remove, "").await?;
            }
            "change role" => {
                let target = fresh(self.person().await);
                lifecycle::change_role(app, by, target, Role::Compliance, "").await?;
            }
            "invite" => {
                let n = self.made.fetch_add(1, Ordering::Relaxed);
                invitations::invite(app, by, &format!("guest{n}@acme.test"), Role::Member).await?;
            }
            "revoke invitation" => {
                let n = self.made.fetch_add(1, Ordering::Relaxed);
                let email = format!("guest{n}@acme.test");
                let invited =
                    invitations::invite(app, Acting::operator(), &email, Role::Member).await?;
                invitations::revoke(app, by, invited.invitation.id).await?;
            }
            "publish usage policy" => {
                usage_policy::publish(app, by, "Be kind.").await?;
            }
            "set retention" => {
                retention::set(app, by, Some(3650)).await?;
            }
            "apply retention" => {
                retention::apply(app, by).await?;
            }
            "add watch term" => {
                let n = self.made.fetch_add(1, Ordering::Relaxed);
                moderation::add_watch_term(app, by, &format!("term{n}"), "flag").await?;
            }
            "see the moderation queue" => {
                moderation::queue(app, actor, None).await?;
            }
            "hide a community post" => {
                let post = Subject::Post(self.post().await);
                moderation::moderate(app, by, post, "hide", "off topic").await?;
            }
            "lock a community thread" => {
                let post = Subject::Post(self.post().await);
                moderation::moderate(app, by, post, "lock", "enough").await?;
            }
            "pin a community post" => {
                let post = Subject::Post(self.post().await);
                moderation::moderate(app, by, post, "pin", "useful").await?;
            }
            "dismiss a report" => {
                let post = self.post().await;
                let reporter = Actor::User(self.person().await);
                let report = moderation::report_post(app, &reporter, post, "spam?").await?;
                moderation::dismiss(app, by, report.id, "fine").await?;
            }
            "read the audit log" => {
                audit::list(app, actor, &AuditFilter::default(), None, 10).await?;
            }
            "export the audit log" => {
                export::audit_log(app, by, AuditFilter::default(), AuditFormat::JsonLines).await?;
            }
            "export the network" => {
                export::network(app, by).await?;
            }
            "export a person" => {
                let target = fresh(self.person().await);
                export::user(app, by, &Whom::Id(target)).await?;
            }
            "require SSO" => {
                oidc::set_sso_required(app, by, true, true).await?;
            }
            "take profiles from the provider" => {
                oidc::set_profile_from_provider(app, by, true).await?;
            }
            "create a SCIM token" => {
                scim::tokens::create(app, by, "provider").await?;
            }
            "revoke a SCIM token" => {
                let created = scim::tokens::create(app, Acting::operator(), "provider").await?;
                scim::tokens::revoke(app, by, created.token.id).await?;
            }
            "issue a token for someone" => {
                let target: UserId = fresh(self.person().await);
                tokens::create(app, actor, target, "script", Default::default()).await?;
            }
            other => panic!("no operation {other}"),
        }
        Ok(())
    }
}

async fn single_sign_on_cannot_be_required_without_a_provider(db: TestDb) {
    let world = World::new(db).await;
    let admin = world.admin_actor();
    let by = Acting::new(&admin, "192.0.2.3");
    let before = world.entries().await.len();
    let refused = oidc::set_sso_required(&world.t.app, by, true, false).await;
    assert!(matches!(refused, Err(AppError::Invalid(_))), "{refused:?}");
    let status = oidc::status(&world.t.app, &admin).await.unwrap();
    assert!(!status.required);
    assert_eq!(
        world.entries().await.len(),
        before,
        "a refusal writes no entry"
    );
    // Turning it off needs no provider: it is how a lost provider is got around.
    oidc::set_sso_required(&world.t.app, by, false, false)
        .await
        .unwrap();
}

/// An external network of a name not used before.
fn suppliers(made: &AtomicUsize) -> hearth_app::external_networks::NewExternalNetwork {
    hearth_app::external_networks::NewExternalNetwork {
        name: format!("Suppliers {}", made.fetch_add(1, Ordering::Relaxed)),
        ..hearth_app::external_networks::NewExternalNetwork::default()
    }
}
