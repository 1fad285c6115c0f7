//! Comparing committed documents with what the declarations render now.

use similar::TextDiff;

/// A unified diff from the committed text to the expected one; empty when they are equal.
pub fn unified_diff(committed: &str, expected: &str, path: &str) -> String {
    if committed == expected {
        return String::new();
    }
    TextDiff::from_lines(committed, expected)
        .unified_diff()
        .context_radius(3)
        .header(&format!("{path} (committed)"), &format!("{path} (generated)"))
        .to_string()
}
