use envspec::{EnvConfig, EnvEnum};

#[derive(EnvConfig)]
#[env(selector = "KIND", rename_all = "kebab-case")]
struct Settings {
    #[env(rename = "PORT", rename_all = "lowercase")]
    port: u16,
}

#[derive(EnvEnum)]
#[env(prefix = "X_", selector = "Y")]
enum Mode {
    #[env(default = "a", name = "A")]
    A,
}

#[derive(EnvConfig)]
#[env(selector = "BACKEND", profiles(production), alias = "bad name")]
enum Backend {
    #[env(section = "S", rename = "x")]
    X,
}

fn main() {}
