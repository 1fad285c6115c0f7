//! What a load read, kept compact: a field reference and where its value came from. The
//! public [`Provenance`] list, with its names and paths as strings, is built from it only when
//! someone asks, so a load that is never inspected does not pay for it.

use crate::desc::FieldDesc;
use crate::report::{Provenance, ValueSource};

/// Which of a field's names a value was read under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReadAs {
    /// The variable's own name (or nothing was read: a default, derived or unset value).
    Name,
    /// `aliases[i]`.
    Alias(usize),
    /// `<NAME>_FILE`.
    File,
    /// `fallback[i]`.
    Fallback(usize),
}

impl ReadAs {
    /// A field's own names in lookup order: its name, then its aliases.
    pub(crate) fn own_names(fd: &FieldDesc) -> impl Iterator<Item = ReadAs> + use<> {
        std::iter::once(ReadAs::Name).chain((0..fd.aliases.len()).map(ReadAs::Alias))
    }
}

/// One struct the load entered: the prefix of its variables and the Rust path of its fields.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scope {
    pub(crate) prefix: String,
    pub(crate) path: String,
}

impl Scope {
    /// The prefix that applies to `fd`'s names: none for `no_prefix` fields.
    pub(crate) fn prefix_of(&self, fd: &FieldDesc) -> &str {
        if fd.no_prefix { "" } else { &self.prefix }
    }

    /// The full name `fd` is read under when read as `read_as`.
    pub(crate) fn name(&self, fd: &FieldDesc, read_as: ReadAs) -> String {
        let prefix = self.prefix_of(fd);
        match read_as {
            ReadAs::Name => [prefix, fd.name].concat(),
            ReadAs::Alias(i) => [prefix, fd.aliases[i]].concat(),
            ReadAs::File => [prefix, fd.name, "_FILE"].concat(),
            ReadAs::Fallback(i) => fd.fallback[i].to_owned(),
        }
    }
}

/// One field read by the load.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    pub(crate) scope: usize,
    pub(crate) field: &'static FieldDesc,
    pub(crate) source: ValueSource,
    pub(crate) read_as: ReadAs,
}

/// Every field a load read, in declaration order, with the scopes they belong to.
#[derive(Debug, Clone, Default)]
pub(crate) struct Reads {
    pub(crate) scopes: Vec<Scope>,
    pub(crate) records: Vec<Record>,
}

impl Reads {
    /// The public form: one [`Provenance`] per field read.
    pub(crate) fn provenance(&self) -> Vec<Provenance> {
        self.records
            .iter()
            .map(|r| {
                let scope = &self.scopes[r.scope];
                let fd = r.field;
                Provenance {
                    variable: scope.name(fd, ReadAs::Name),
                    path: crate::ctx::join_path(&scope.path, fd.ident),
                    source: r.source.clone(),
                    read_from: (r.read_as != ReadAs::Name).then(|| scope.name(fd, r.read_as)),
                    secret: fd.secret,
                }
            })
            .collect()
    }
}
