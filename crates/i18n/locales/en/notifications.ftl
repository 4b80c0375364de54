# The notification centre.
notifications-title = Notifications
# Link to the notification settings.
notifications-settings = Settings
notifications-mark-all-read = Mark all as read
notifications-empty-title = Nothing yet
notifications-empty-hint = When someone mentions you, replies to you, reacts to your posts or sends you a message, you will find it here.
notifications-older = Older notifications
# Before an unread notification's sentence, for screen readers.
notifications-unread = Unread:
