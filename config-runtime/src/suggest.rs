//! "Did you mean …?" for variable names and overlay keys.

/// The candidate closest to `name`, if one is close enough to be a plausible typo.
/// A near spelling wins; failing that, a candidate that starts with `name` (`aws` for
/// `aws_kms`), when `name` is long enough to mean something.
pub(crate) fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let limit = (name.chars().count() / 4).clamp(1, 4);
    near(name, candidates.iter().copied(), limit).or_else(|| {
        let lower = name.to_ascii_lowercase();
        (lower.len() >= 3)
            .then(|| candidates.iter().filter(|c| c.to_ascii_lowercase().starts_with(&lower)).min_by_key(|c| c.len()))
            .flatten()
            .copied()
    })
}

/// A name outside every claimed prefix is only reported as a misspelling this close: one edit
/// (a transposition counts as one), two from 12 characters on.
pub(crate) fn typo_limit(name: &str) -> usize {
    if name.len() >= 12 { 2 } else { 1 }
}

/// The candidate at most `limit` edits from `name`, the nearest first (ties by name).
/// Candidates whose length alone rules them out are not compared.
pub(crate) fn near<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>, limit: usize) -> Option<&'a str> {
    candidates
        .into_iter()
        .filter(|c| c.len().abs_diff(name.len()) <= limit)
        .map(|c| (strsim::damerau_levenshtein(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    #[test]
    fn suggests_only_near_names() {
        let names = ["CADENCE_SECRET_KEY", "CADENCE_API_PORT"];
        assert_eq!(super::closest("CADENCE_SECRT_KEY", names), Some("CADENCE_SECRET_KEY"));
        assert_eq!(super::closest("CADENCE_WHATEVER", names), None);
        assert_eq!(super::closest("aws", ["file", "aws_kms"]), Some("aws_kms"));
        assert_eq!(super::closest("a", ["file", "aws_kms"]), None);
    }
}
