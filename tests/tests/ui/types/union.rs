use envspec::EnvConfig;

#[derive(EnvConfig)]
union Settings {
    port: u16,
    workers: u32,
}

fn main() {}
