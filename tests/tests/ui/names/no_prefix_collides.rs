use envspec::EnvConfig;

#[derive(EnvConfig)]
#[env(prefix = "APP_")]
struct Settings {
    port: u16,
    #[env(name = "APP_PORT", no_prefix)]
    legacy_port: u16,
}

fn main() {}
