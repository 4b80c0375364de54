# Praise: thanking colleagues publicly.
praise-kind-thanks = Thank you
praise-kind-teamwork = Great teamwork
praise-kind-above-and-beyond = Above and beyond
praise-kind-welcome = Welcome!
praise-add = Praise a colleague
praise-people = Whom to praise
praise-people-hint = Their handles, such as @ben @cy (up to 10). Write your thanks above.
praise-kind = For
# On a praise post's card. $kind is a kind such as "Great teamwork"; $people the
# people praised, as links.
praise-banner = { $kind }: { $people }
praise-received = Praise received
praise-none-yet = No praise for { $name } yet.
# $kind is a kind such as "Thank you".
praise-count = { $kind }: { $count }
praise-all = All praise received
praise-all-title = Praise { $name } received
praise-back-to-profile = Back to the profile
