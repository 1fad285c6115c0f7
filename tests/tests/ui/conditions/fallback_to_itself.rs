use envspec::EnvConfig;

#[derive(EnvConfig)]
#[env(prefix = "APP_")]
struct Settings {
    #[env(fallback("LEGACY_TOKEN", "APP_CRON_SECRET"))]
    cron_secret: String,
}

fn main() {}
