# People: the directory and profiles.
people-title = People
people-search-label = Search people
people-name = Name
people-department = Department
people-search = Search
people-clear-search = Clear the search
# $terms is what the reader searched for.
people-no-match = No one matches “{ $terms }”
# $clear is a link reading people-no-match-clear.
people-no-match-hint = Check the spelling, or { $clear } to see everyone.
people-no-match-clear = clear the search
people-empty-title = No one here yet
people-empty-hint = Colleagues appear here once they have an account.
people-more = More people
# A profile's heading above the person's posts.
people-posts = Posts
people-no-posts = { $name } has not posted yet
# On the reader's own profile; $link reads people-first-post-link.
people-first-post = { $link } on the home page.
people-first-post-link = Write your first post
people-posts-will-show = Posts they write where you can read them will show here.
people-former-member = Former member
people-location = Location
people-time-zone = Local time zone
people-manager = Manager
people-manager-link = See their manager’s profile
# $number is $count in bold.
people-followers = { $count ->
    [one] { $number } follower
   *[other] { $number } followers
}
# How many people this person follows; $number is the count in bold.
people-following = { $number } following
people-edit-profile = Edit your profile
people-follow = Follow
people-unfollow = Unfollow
# Starts a chat with the person.
people-message = Message
