use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(separator = "")]
    origins: Vec<String>,
    #[env(separator = "[")]
    hosts: Vec<String>,
    #[env(separator = " ", separator = ";")]
    tags: Vec<String>,
}

fn main() {}
