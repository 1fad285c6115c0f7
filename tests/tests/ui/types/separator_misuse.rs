use config_runtime::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(default = "openid email", separator = " ")]
    scopes: String,
    #[env(separator = "")]
    origins: Vec<String>,
    #[env(separator = "[")]
    hosts: Vec<String>,
    #[env(separator = " ", separator = ";")]
    tags: Vec<String>,
}

fn main() {}
