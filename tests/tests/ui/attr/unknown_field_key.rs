use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(defualt = 8080)]
    port: u16,
}

fn main() {}
