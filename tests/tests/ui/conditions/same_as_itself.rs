use config_runtime::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(same_as = read_url)]
    read_url: String,
}

fn main() {}
