//! Placeholder; the full declaration is being written.

use config_runtime::EnvConfig;

/// Placeholder.
#[derive(EnvConfig, Debug)]
#[env(prefix = "")]
pub struct ParakoSettings {
    /// Placeholder.
    #[env(default = "x")]
    pub placeholder: String,
}
