# The frame around every page.
layout-skip-to-content = Skip to content
layout-nav-main = Main
layout-nav-account = Account
layout-nav-home = Home
layout-nav-communities = Communities
layout-nav-people = People
layout-nav-chat = Chat
layout-nav-notifications = Notifications
layout-nav-admin = Admin
layout-nav-settings = Settings
layout-sign-out = Sign out
# After the number of unread notifications, for screen readers.
layout-unread = unread
error-go-back = Go back
# The search field in the header of every page; "/" puts the cursor in it.
layout-search = Search
layout-search-placeholder = Search (press /)
layout-network = Network
layout-network-external = external
layout-network-switch = Switch
