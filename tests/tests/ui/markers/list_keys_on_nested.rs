use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Inner {
    port: u16,
}

#[derive(EnvConfig)]
struct Settings {
    #[env(profile, default = "development")]
    environment: String,
    #[env(nested, alias = "DB", example = "x", generate = "openssl rand -hex 32", strict_bool)]
    db: Inner,
    #[env(nested, fallback("CACHE"), required_with(environment), warn_in(development))]
    cache: Inner,
    #[env(nested, prefix = "db-")]
    replica: Inner,
}

fn main() {}
