use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(default = false)]
    file_config: bool,
    #[env(profile, default = "development", read_if(file_config))]
    environment: String,
}

fn main() {}
