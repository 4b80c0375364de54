# Moderation: the queue, the keyword watch list and the report form.
admin-moderation-title = Moderation
admin-moderation-done = Erledigt. Die verfassende Person wurde benachrichtigt, und das Audit-Protokoll hält es fest.
admin-moderation-back-to-community = Zurück zur Community
admin-moderation-queue = Moderationswarteschlange
admin-moderation-queue-empty = Nichts zu prüfen
admin-moderation-queue-empty-hint = Gemeldete Beiträge und Nachrichten erscheinen hier.
# $author is the author's name in bold; $post is a link reading admin-moderation-this-post.
admin-moderation-wrote-post = { $author } schrieb { $post }
admin-moderation-this-post = diesen Beitrag
# A post outside any thread.
admin-moderation-wrote-unthreaded = { $author } schrieb diese Nachricht
admin-moderation-wrote-message = { $author } schrieb in einem Chat diese Nachricht
admin-moderation-badge-hidden = Ausgeblendet
admin-moderation-badge-held = Zur Prüfung zurückgehalten
admin-moderation-badge-removed = Entfernt
admin-moderation-badge-locked = Gesperrt
admin-moderation-badge-pinned = Angeheftet
admin-moderation-reports = { $count ->
        [one] { $count } Meldung
       *[other] { $count } Meldungen
    }
# One report: who made it, why, and when ($when is a relative time).
admin-moderation-report = { $reporter }: { $reason } · { $when }
# Who made a report the keyword watch list made.
admin-moderation-watch-list-reporter = Die Beobachtungsliste
admin-moderation-reason = Grund (wird der verfassenden Person mitgeteilt)
admin-moderation-action-hide = Ausblenden
admin-moderation-action-remove = Entfernen
admin-moderation-action-restore = Wiederherstellen
admin-moderation-action-lock = Thread sperren
admin-moderation-action-unlock = Thread entsperren
admin-moderation-action-pin = Anheften
admin-moderation-action-unpin = Loslösen
admin-moderation-dismiss-reason = Warum nichts zu tun ist
admin-moderation-dismiss = Verwerfen
admin-moderation-reported = Gemeldet
admin-moderation-thank-you = Vielen Dank
admin-moderation-report-received = Die Meldung ist in der Moderationswarteschlange. Ein Moderationsteam wird sie prüfen.
admin-moderation-back-to-post = Zurück zum Beitrag
admin-moderation-watch-updated = Die Beobachtungsliste wurde aktualisiert.
admin-moderation-watch-title = Beobachtungsliste
admin-moderation-watch-heading = Stichwort-Beobachtungsliste
admin-moderation-watch-intro = Beiträge und Antworten, die ein beobachtetes Wort oder eine beobachtete Wortgruppe enthalten (ganze Wörter, Groß- und Kleinschreibung egal), werden der Moderationswarteschlange gemeldet. Zurückgehaltene sind nur für ihre verfassende Person und das Moderationsteam sichtbar, bis sie wiederhergestellt werden.
admin-moderation-watch-term = Wort oder Wortgruppe
admin-moderation-watch-mode = Wenn ein Beitrag es enthält
admin-moderation-watch-flag = Der Warteschlange melden
admin-moderation-watch-hold = Zur Prüfung zurückhalten
admin-moderation-watch = Beobachten
admin-moderation-watch-empty = Keine beobachteten Begriffe
admin-moderation-watch-empty-hint = Oben ein Wort oder eine Wortgruppe hinzufügen.
admin-moderation-col-term = Begriff
admin-moderation-col-mode = Modus
admin-moderation-col-added = Hinzugefügt
# A watched term's mode in the list.
admin-moderation-mode-flag = melden
admin-moderation-mode-hold = zurückhalten
admin-moderation-remove-term = Entfernen
