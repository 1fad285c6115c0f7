use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(zzzzzzzz)]
    port: u16,
}

fn main() {}
