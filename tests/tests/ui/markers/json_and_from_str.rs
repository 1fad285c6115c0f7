use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(json, from_str)]
    ports: Vec<u16>,
}

fn main() {}
