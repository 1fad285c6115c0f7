use envspec::EnvConfig;

#[derive(EnvConfig)]
#[env(prefx = "APP_")]
struct Settings {
    port: u16,
}

fn main() {}
