//! What a load read, kept compact: a variable of the model and where its value came from. The
//! public [`Provenance`] list, with its names and paths as strings, is built from it only when
//! someone asks, so a load that is never inspected does not pay for it.

use crate::model::{Model, ReadAs};
use crate::report::{Provenance, ValueSource};
use zeroize::Zeroizing;

/// One variable read by the load.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    pub(crate) var: usize,
    pub(crate) source: ValueSource,
    pub(crate) read_as: ReadAs,
    /// For a bootstrap-only or secret variable, the raw value it was loaded with (zeroized on
    /// drop): an overlay proves a bootstrap value unchanged against it, and a secret's
    /// fingerprint is taken of it, never of a file read again.
    pub(crate) kept: Option<Zeroizing<String>>,
}

/// The public form: one [`Provenance`] per variable read.
pub(crate) fn provenance(model: &Model, records: &[Record]) -> Vec<Provenance> {
    records
        .iter()
        .map(|r| {
            let var = &model.vars[r.var];
            Provenance {
                variable: var.name.clone(),
                path: var.path.clone(),
                source: r.source.clone(),
                read_from: (r.read_as != ReadAs::Name).then(|| var.name_as(r.read_as).to_owned()),
                secret: var.secret,
            }
        })
        .collect()
}
