use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Inner {
    port: u16,
}

#[derive(EnvConfig)]
struct Settings {
    #[env(profile, default = "development")]
    environment: String,
    #[env(nested, name = "DB", default, secret, deprecated = "gone", range = 1..=2, required_in(production))]
    db: Inner,
    #[env(flatten, json, no_prefix, required_if(environment = "test"))]
    cache: Inner,
}

fn main() {}
