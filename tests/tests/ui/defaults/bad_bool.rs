use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(default = "maybe")]
    debug: bool,
}

fn main() {}
