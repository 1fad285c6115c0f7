use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(non_empty)]
    debug: bool,
}

fn main() {}
