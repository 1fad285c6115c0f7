use envspec::EnvConfig;

const PORT: u16 = 8080;

#[derive(EnvConfig)]
struct Settings {
    #[env(default = PORT)]
    port: u16,
}

fn main() {}
