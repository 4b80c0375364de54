//! Small groups are never shown alone: a department, location or community of fewer
//! than [`SMALLEST_GROUP`] people is merged into "other", and an "other" that would
//! still be smaller is left out. So no figure can be read as one person's.

use std::collections::{BTreeMap, HashMap};

/// The fewest people a figure may be about.
pub const SMALLEST_GROUP: i64 = 5;

/// What a group is shown as.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Shown {
    Group(String),
    /// The small groups together.
    Other,
}

/// How each group is shown, from the people each has now; `None` for a group that is
/// not shown at all.
#[derive(Debug, Clone, Default)]
pub struct Merging {
    shown: HashMap<String, Shown>,
    other_shown: bool,
}

impl Merging {
    pub fn new(sizes: &[(String, i64)]) -> Self {
        let mut shown = HashMap::new();
        let mut other_people = 0;
        for (group, people) in sizes {
            if *people >= SMALLEST_GROUP {
                shown.insert(group.clone(), Shown::Group(group.clone()));
            } else {
                other_people += people;
            }
        }
        Self {
            shown,
            other_shown: other_people >= SMALLEST_GROUP,
        }
    }

    /// A group nobody is in any more counts as small.
    pub fn show(&self, group: &str) -> Option<Shown> {
        match self.shown.get(group) {
            Some(shown) => Some(shown.clone()),
            None => self.other_shown.then_some(Shown::Other),
        }
    }

    /// Sums `figures` by how their groups are shown.
    pub fn merge<F: Copy + std::ops::AddAssign + Default>(
        &self,
        figures: impl IntoIterator<Item = (String, F)>,
    ) -> BTreeMap<Shown, F> {
        let mut merged = BTreeMap::new();
        for (group, figure) in figures {
            if let Some(shown) = self.show(&group) {
                *merged.entry(shown).or_default() += figure;
            }
        }
        merged
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(groups: &[(&str, i64)]) -> Vec<(String, i64)> {
        groups.iter().map(|(g, n)| ((*g).to_owned(), *n)).collect()
    }

    #[test]
    fn groups_of_five_are_shown_and_smaller_ones_merged() {
        let merging = Merging::new(&sizes(&[("Sales", 5), ("Legal", 4), ("Board", 1)]));
        assert_eq!(
            merging.show("Sales"),
            Some(Shown::Group("Sales".to_owned()))
        );
        assert_eq!(merging.show("Legal"), Some(Shown::Other));
        assert_eq!(merging.show("Board"), Some(Shown::Other));
        assert_eq!(merging.show("Gone"), Some(Shown::Other));
        let merged = merging.merge([
            ("Sales".to_owned(), 3),
            ("Legal".to_owned(), 2),
            ("Board".to_owned(), 1),
        ]);
        assert_eq!(merged[&Shown::Other], 3);
        assert_eq!(merged[&Shown::Group("Sales".to_owned())], 3);
    }

    #[test]
    fn a_lone_small_group_is_not_shown_even_as_other() {
        let merging = Merging::new(&sizes(&[("Sales", 12), ("Legal", 4)]));
        assert_eq!(merging.show("Legal"), None);
        let merged = merging.merge([("Sales".to_owned(), 1), ("Legal".to_owned(), 7)]);
        assert_eq!(merged.len(), 1);
    }
}
