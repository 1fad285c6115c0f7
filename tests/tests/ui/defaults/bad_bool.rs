use config_runtime::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(default = "maybe")]
    debug: bool,
}

fn main() {}
