use envspec::EnvConfig;

#[derive(EnvConfig)]
#[env(prefix = "APP_")]
struct Settings {
    port: u16,
    #[env(name = "PORT")]
    listen_port: u16,
}

fn main() {}
