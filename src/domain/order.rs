//! The app's one stable sort. Every `slice::sort_by` call site makes the compiler emit its own
//! copy of the standard library's sort (driftsort, quicksort and the small sorts, about 3 KB of
//! wasm each); two dozen sites cost about 90 KB. Here the standard sort runs once, on a list of
//! positions with the comparison behind `dyn`, and the items are then moved into that order.

use std::cmp::Ordering;

/// Sorts `items` by `cmp`, keeping the order of equal items (a stable sort).
pub fn sort_by<T>(items: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut order, &mut |a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    // `order` is a permutation of the positions, so every slot is taken exactly once.
    items.extend(order.iter().filter_map(|&i| slots[i].take()));
}

/// Sorts `items` by the key `f` computes, stably.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, mut f: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| f(a).cmp(&f(b)));
}

/// Sorts `items` in their natural order, stably.
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// The only instantiation of the standard sort: positions compared through `dyn`.
#[inline(never)]
fn sort_positions(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_items_keep_their_order() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd')];
        sort_by_key(&mut v, |p| p.0);
        assert_eq!(v, vec![(1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
    }

    #[test]
    fn empty_and_single_lists_are_left_alone() {
        let mut empty: Vec<String> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
        let mut one = vec!["x".to_string()];
        sort(&mut one);
        assert_eq!(one, vec!["x".to_string()]);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same result as the standard library's stable sort, for any list and any
        /// comparison that looks at part of the item (so ties are common).
        #[test]
        fn same_as_the_standard_stable_sort(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
            let mut std_sorted = v;
            std_sorted.sort_by_key(|p| std::cmp::Reverse(p.0));
            prop_assert_eq!(ours, std_sorted);
        }
    }
}
