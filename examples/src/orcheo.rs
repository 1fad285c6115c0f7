//! Placeholder; the full declaration is being written.

use config_runtime::EnvConfig;

/// Placeholder.
#[derive(EnvConfig, Debug)]
#[env(prefix = "ORCHEO_")]
pub struct OrcheoSettings {
    /// Placeholder.
    #[env(default = "x")]
    pub placeholder: String,
}
