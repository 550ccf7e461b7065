//! Decomposable (chordal) graphs on `p` labelled nodes, with their cliques and separators, for
//! dga's model averaging (METHODS.md §1.4).
//!
//! # Method
//! Every graph on `p` nodes (`2^(p(p−1)/2)` edge sets) is searched by maximum cardinality search
//! (Tarjan & Yannakakis 1984): number the nodes one at a time, always taking an unnumbered node
//! with the most numbered neighbours. The graph is chordal iff, for every node `v`, its earlier
//! neighbours other than the latest one, `u`, are all earlier neighbours of `u`. The sets
//! `{v} ∪ earlier neighbours of v` that are not inside another are the maximal cliques, and in
//! the search order they have the running-intersection property, so each clique's separator is
//! its intersection with the union of the cliques before it (empty separators are dropped; they
//! cancel in the marginal likelihood). The counts are 2, 8, 61 and 822 for `p` = 2 to 5 (dga
//! ships `graphs3/4/5` with 8, 61 and 822).

use serde::Serialize;

/// A decomposable graph as its maximal cliques and non-empty separators, each a bitmask of
/// nodes (bit `j` = list `j + 1`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Graph {
    /// Maximal cliques in a running-intersection order.
    pub cliques: Vec<usize>,
    /// Non-empty separators.
    pub separators: Vec<usize>,
    /// Edges as a bitmask over the pairs `(0,1), (0,2), …, (p−2,p−1)`.
    pub edges: usize,
}

/// Every decomposable graph on `p` nodes (`p` from 1 to 6), ordered by edge set.
#[must_use]
pub fn decomposable_graphs(p: usize) -> Vec<Graph> {
    if p == 0 || p > 6 {
        return Vec::new();
    }
    let pairs: Vec<(usize, usize)> = (0..p).flat_map(|i| ((i + 1)..p).map(move |j| (i, j))).collect();
    let mut graphs = Vec::new();
    for edges in 0..(1usize << pairs.len()) {
        let mut adjacent = vec![0usize; p];
        for (k, &(i, j)) in pairs.iter().enumerate() {
            if edges >> k & 1 == 1 {
                adjacent[i] |= 1 << j;
                adjacent[j] |= 1 << i;
            }
        }
        if let Some((cliques, separators)) = junction(&adjacent) {
            graphs.push(Graph { cliques, separators, edges });
        }
    }
    graphs
}

/// Maximum cardinality search: the cliques and separators if the graph is chordal.
fn junction(adjacent: &[usize]) -> Option<(Vec<usize>, Vec<usize>)> {
    let p = adjacent.len();
    let mut numbered = 0usize;
    let mut order = Vec::with_capacity(p);
    let mut earlier = vec![0usize; p];
    for _ in 0..p {
        let v = (0..p).filter(|&v| numbered >> v & 1 == 0).max_by_key(|&v| {
            // Most numbered neighbours; ties to the lowest index.
            ((adjacent[v] & numbered).count_ones(), std::cmp::Reverse(v))
        })?;
        earlier[v] = adjacent[v] & numbered;
        order.push(v);
        numbered |= 1 << v;
    }
    // Perfect elimination check.
    for (position, &v) in order.iter().enumerate() {
        let previous = earlier[v];
        if previous == 0 {
            continue;
        }
        let latest = order[..position].iter().rev().find(|&&u| previous >> u & 1 == 1)?;
        let rest = previous & !(1 << latest);
        if rest & !earlier[*latest] != 0 {
            return None;
        }
    }
    let candidates: Vec<usize> = order.iter().map(|&v| earlier[v] | (1 << v)).collect();
    let cliques: Vec<usize> = candidates
        .iter()
        .enumerate()
        .filter(|&(i, &c)| !candidates.iter().enumerate().any(|(k, &d)| k != i && c & d == c && (c != d || k > i)))
        .map(|(_, &c)| c)
        .collect();
    let mut union = 0usize;
    let mut separators = Vec::new();
    for &clique in &cliques {
        let separator = clique & union;
        if separator != 0 {
            separators.push(separator);
        }
        union |= clique;
    }
    Some((cliques, separators))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_match_dga() {
        let counts: Vec<usize> = (1..=5).map(|p| decomposable_graphs(p).len()).collect();
        assert_eq!(counts, [1, 2, 8, 61, 822]);
    }

    #[test]
    fn four_cycle_is_not_chordal_but_a_chord_makes_it() {
        // 0-1-2-3-0
        let cycle = [0b1010, 0b0101, 0b1010, 0b0101];
        assert!(junction(&cycle).is_none());
        // add 0-2: cliques {0,1,2} and {0,2,3}, separator {0,2}
        let chorded = [0b1110, 0b0101, 0b1011, 0b0101];
        let (mut cliques, separators) = junction(&chorded).unwrap();
        cliques.sort_unstable();
        assert_eq!(cliques, [0b0111, 0b1101]);
        assert_eq!(separators, [0b0101]);
    }
}
