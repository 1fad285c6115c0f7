use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(default_from = "/oauth/consent")]
    consent_url: String,
}

fn main() {}
