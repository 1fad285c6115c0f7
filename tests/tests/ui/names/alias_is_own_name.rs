use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(alias("PORT", "LISTEN_PORT", "LISTEN_PORT"))]
    port: u16,
}

fn main() {}
