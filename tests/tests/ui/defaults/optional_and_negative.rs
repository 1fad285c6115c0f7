use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(default = "eighty")]
    port: Option<u16>,
    #[env(default = -1)]
    workers: u32,
    #[env(default = "1.2.3")]
    bind: std::net::IpAddr,
}

fn main() {}
