//! Placeholder; the full declaration is being written.

use config_runtime::EnvConfig;

/// Placeholder.
#[derive(EnvConfig, Debug)]
#[env(prefix = "CADENCE_")]
pub struct CadenceSettings {
    /// Placeholder.
    #[env(default = "x")]
    pub placeholder: String,
}
