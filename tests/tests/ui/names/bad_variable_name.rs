use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(name = "listen-port")]
    port: u16,
    #[env(alias = "")]
    host: String,
    #[env(fallback("LEGACY TOKEN"))]
    token: String,
}

fn main() {}
