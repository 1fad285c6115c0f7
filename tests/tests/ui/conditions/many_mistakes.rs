use envspec::EnvConfig;

// Every mistake below is reported in one compile.
#[derive(EnvConfig)]
#[env(prefix = "APP_")]
struct Settings {
    storage_adapter: String,
    base_url: String,
    #[env(required_if(storage_adaptor = "mongodb"), required_with(base_ulr))]
    mongodb_uri: Option<String>,
    #[env(same_as = public_url)]
    public_url: String,
    #[env(default_from = "{base}/consent")]
    consent_url: String,
    #[env(fallback = "APP_CRON_SECRET")]
    cron_secret: String,
}

fn main() {}
