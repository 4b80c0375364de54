# A person's photo, on their settings page.
pictures-photo-title = Photo
pictures-photo-current = Colleagues see this photo next to your name.
pictures-photo-none = You have no photo yet: colleagues see your initials next to your name.
pictures-photo-choose = Choose a new photo
pictures-photo-hint = An image file (JPEG, PNG, GIF or WebP). It is cropped to a square.
pictures-photo-upload = Upload photo
pictures-photo-remove = Remove photo
# A community's cover image, on a page only its managers reach.
# $community is the community's name.
pictures-cover-title = Cover of { $community }
pictures-cover-current = The current cover
pictures-cover-none = This community has no cover yet.
pictures-cover-choose = Choose a new cover
pictures-cover-hint = A wide image file (JPEG, PNG, GIF or WebP), shown as a banner above the community's name.
pictures-cover-upload = Upload cover
pictures-cover-remove = Remove cover
pictures-cover-saved = The cover was changed.
pictures-cover-removed = The cover was removed.
pictures-no-file = Choose a picture to upload first.
