use envspec::EnvConfig;

#[derive(EnvConfig)]
#[env(prefix = "APP_")]
struct Settings {
    #[env(alias = "PORT")]
    listen_port: u16,
    port: u16,
}

fn main() {}
