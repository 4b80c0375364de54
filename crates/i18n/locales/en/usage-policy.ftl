# The network's usage policy, as people read and accept it.
usage-policy-title = Usage policy
usage-policy-none = Your network has no usage policy yet.
# $published is a relative time such as "3 days ago".
usage-policy-version = Version { $version }, published { $published }
usage-policy-accepted = You have accepted this version.
# $network is the network's name.
usage-policy-please-accept = Please read the policy and accept it to continue using { $network }.
usage-policy-accept = I accept
usage-policy-sign-out = Sign out
