use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    base_url: String,
    #[env(default_from = "{base_ulr}/oauth/consent")]
    consent_url: String,
}

fn main() {}
